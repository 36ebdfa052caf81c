import type { JourneyStage, JourneyStatus } from '../domain/journey';
import type { RequestTopic } from '../domain/request-topics';
import { renderPrototypeNudgeEmail, renderRequestExpiredEmail } from '../mail/templates/staff-emails';
import type { JourneyInput } from '../workflows/definitions';
import type { ActivityDeps } from './deps';
import { appendJourneyEvent, type JourneyEventInput } from './journey-events';
import { staffPages } from './staff-pages';

export interface JourneyProgress {
  partnerId: string;
  workflowId: string;
  stage: JourneyStage;
  status: JourneyStatus;
  formalisedAt?: string;
  event?: JourneyEventInput;
}

export function journeyActivities({ db, outbox, config }: ActivityDeps) {
  const pages = staffPages(config);
  const partnerName = async (partnerId: string) =>
    (await db.selectFrom('partners').select('name').where('id', '=', partnerId).executeTakeFirstOrThrow()).name;

  return {
    /**
     * Makes sure the partner and its contacts are stored. The API stores them before starting the
     * journey; this covers the one case where its transaction failed to commit after the start.
     */
    async ensurePartnerRecorded({ partner, contacts }: Pick<JourneyInput, 'partner' | 'contacts'>): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('partners')
          .values({
            id: partner.id,
            name: partner.name,
            actor_type: partner.actorType,
            sector: partner.sector,
            language: partner.language,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        await tx
          .insertInto('contacts')
          .values(
            contacts.map((c) => ({
              partner_id: partner.id,
              name: c.name,
              email: c.email,
              role: c.role,
              language: c.language,
            })),
          )
          .onConflict((oc) => oc.columns(['partner_id', 'email', 'role']).doNothing())
          .execute();
      });
    },

    /** Moves the read model to the journey's current stage and status, with the event that caused it. */
    async recordJourneyProgress(progress: JourneyProgress): Promise<void> {
      const values = {
        stage: progress.stage,
        status: progress.status,
        updated_at: new Date(),
        ...(progress.formalisedAt ? { formalised_at: progress.formalisedAt } : {}),
      };
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('journeys')
          .values({ partner_id: progress.partnerId, workflow_id: progress.workflowId, ...values })
          .onConflict((oc) => oc.column('partner_id').doUpdateSet(values))
          .execute();
        if (progress.event) await appendJourneyEvent(tx, progress.event);
      });
    },

    /** A request expired: staff decide whether to re-send it or let the journey lapse. */
    async notifyRequestExpired({
      partnerId,
      requestId,
      topic,
      recipientName,
    }: {
      partnerId: string;
      requestId: string;
      topic: RequestTopic;
      recipientName: string;
    }): Promise<void> {
      const email = renderRequestExpiredEmail({
        topic,
        partnerName: await partnerName(partnerId),
        recipientName,
        partnerPageUrl: pages.partner(partnerId),
      });
      await outbox.send(
        { idempotencyKey: `request/${requestId}/expired-notice`, to: config.staffEmail, ...email },
        { from: config.mailFrom },
      );
    },

    /** A gentle reminder to staff: this formalised partner is not in a prototype project yet. */
    async nudgeStaffAboutPrototype({
      partnerId,
      formalisedAt,
      nudgeNumber,
    }: {
      partnerId: string;
      formalisedAt: string;
      nudgeNumber: number;
    }): Promise<void> {
      const email = renderPrototypeNudgeEmail({
        partnerName: await partnerName(partnerId),
        formalisedAt: new Date(formalisedAt),
        nudgeNumber,
        partnerPageUrl: pages.partner(partnerId),
      });
      await outbox.send(
        { idempotencyKey: `journey/${partnerId}/prototype-nudge-${nudgeNumber}`, to: config.staffEmail, ...email },
        { from: config.mailFrom },
      );
      await appendJourneyEvent(db, {
        partnerId,
        key: `journey/${partnerId}/prototype-nudge-${nudgeNumber}`,
        type: 'staff_nudged',
        summary: `staff reminded that the partner waits for a prototype project (${nudgeNumber})`,
      });
    },
  };
}
