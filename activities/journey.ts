import { joinTopicTexts } from '../db/request-topic-texts';
import { writtenTexts } from '../db/written-texts';
import type { JourneyStage, JourneyStatus } from '../domain/journey';
import { answerComment } from '../domain/request-answers';
import type { RequestTopic } from '../domain/request-topics';
import { renderPrototypeNudgeEmail, renderRequestExpiredEmail } from '../mail/templates/staff-emails';
import type { JourneyInput } from '../workflows/definitions';
import type { ActivityDeps } from './deps';
import { appendJourneyEvent, type JourneyEventInput } from './journey-events';
import { staffAddressFor } from './recipients';
import { staffPages } from './staff-pages';

/**
 * A timeline event as the journey records it. `commentOf`: the request whose answer's comment
 * belongs in the event; `textsId`: the stored text (a withdrawal's reason) that does. The activity
 * reads them from Postgres, so the workflow never carries them.
 */
export interface JourneyProgressEvent extends JourneyEventInput {
  commentOf?: string;
  textsId?: string;
}

export interface JourneyProgress {
  partnerId: string;
  workflowId: string;
  stage: JourneyStage;
  status: JourneyStatus;
  formalisedAt?: string;
  event?: JourneyProgressEvent;
}

export function journeyActivities({ db, outbox, config }: ActivityDeps) {
  const pages = staffPages(config);
  const partnerName = async (partnerId: string) =>
    (await db.selectFrom('partners').select('name').where('id', '=', partnerId).executeTakeFirstOrThrow()).name;

  /** The event with the text it refers to (an answer's comment, a stored reason), from Postgres. */
  async function withComment({ commentOf, textsId, ...event }: JourneyProgressEvent): Promise<JourneyEventInput> {
    if (textsId) {
      const { reason } = await writtenTexts(db, textsId);
      return reason === undefined
        ? event
        : { ...event, summary: `${event.summary}: ${reason}`, data: { ...event.data, reason } };
    }
    if (!commentOf) return event;
    const request = await db.selectFrom('requests').select('answer').where('id', '=', commentOf).executeTakeFirst();
    const comment = answerComment(request?.answer);
    return comment === undefined
      ? event
      : { ...event, summary: `${event.summary}: ${comment}`, data: { ...event.data, comment } };
  }

  return {
    /**
     * Makes sure the partner (and, for journeys started before v3, its contacts) are stored. The API
     * stores them before starting the journey; this covers the one case where its transaction failed
     * to commit after the start. Since v3 the input holds contact ids only: the contacts must come
     * from the API's transaction.
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
        if (!contacts?.length) return;
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
      const event = progress.event && (await withComment(progress.event));
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('journeys')
          .values({ partner_id: progress.partnerId, workflow_id: progress.workflowId, ...values })
          .onConflict((oc) => oc.column('partner_id').doUpdateSet(values))
          .execute();
        if (event) await appendJourneyEvent(tx, event);
      });
    },

    /** A request expired: staff decide whether to re-send it or let the journey lapse. */
    async notifyRequestExpired({
      partnerId,
      requestId,
    }: {
      partnerId: string;
      requestId: string;
      /** Before v3 the journey passed these; the stored request has them. */
      topic?: RequestTopic;
      recipientName?: string;
    }): Promise<void> {
      const request = await db
        .selectFrom('requests')
        .select(['topic', 'recipient_name'])
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow();
      const email = renderRequestExpiredEmail({
        topic: await joinTopicTexts(db, request.topic),
        partnerName: await partnerName(partnerId),
        recipientName: request.recipient_name,
        partnerPageUrl: pages.partner(partnerId),
      });
      await outbox.send(
        {
          idempotencyKey: `request/${requestId}/expired-notice`,
          to: await staffAddressFor(db, config, partnerId),
          partnerIds: [partnerId],
          ...email,
        },
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
        {
          idempotencyKey: `journey/${partnerId}/prototype-nudge-${nudgeNumber}`,
          to: await staffAddressFor(db, config, partnerId),
          partnerIds: [partnerId],
          ...email,
        },
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
