import type { JourneyStage, JourneyStatus } from '../domain/journey';
import type { JourneyInput } from '../workflows/definitions';
import type { ActivityDeps } from './deps';
import { appendJourneyEvent, type JourneyEventInput } from './journey-events';

export interface JourneyProgress {
  partnerId: string;
  workflowId: string;
  stage: JourneyStage;
  status: JourneyStatus;
  event?: JourneyEventInput;
}

export function journeyActivities({ db }: ActivityDeps) {
  return {
    /**
     * Makes sure the partner and its contacts are stored. The API stores them before starting the
     * journey; this covers the one case where its transaction failed to commit after the start.
     */
    async ensurePartnerRecorded({ partner, contacts }: Pick<JourneyInput, 'partner' | 'contacts'>): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('partners')
          .values({ id: partner.id, name: partner.name, actor_type: partner.actorType, sector: partner.sector, language: partner.language })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        await tx
          .insertInto('contacts')
          .values(contacts.map((c) => ({ partner_id: partner.id, name: c.name, email: c.email, role: c.role, language: c.language })))
          .onConflict((oc) => oc.columns(['partner_id', 'email', 'role']).doNothing())
          .execute();
      });
    },

    /** Moves the read model to the journey's current stage and status, with the event that caused it. */
    async recordJourneyProgress(progress: JourneyProgress): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('journeys')
          .values({ partner_id: progress.partnerId, workflow_id: progress.workflowId, stage: progress.stage, status: progress.status, updated_at: new Date() })
          .onConflict((oc) => oc.column('partner_id').doUpdateSet({ stage: progress.stage, status: progress.status, updated_at: new Date() }))
          .execute();
        if (progress.event) await appendJourneyEvent(tx, progress.event);
      });
    },

    async recordJourneyEvent(event: JourneyEventInput): Promise<void> {
      await appendJourneyEvent(db, event);
    },
  };
}
