import { requestWorkflowId } from '../domain/workflow-ids';
import { renderRequestEmail } from '../mail/templates/request-email';
import { sendThroughOutbox } from '../mail/outbox';
import { hashToken, requestToken } from '../security/request-tokens';
import type { RequestInput, RequestOutcome } from '../workflows/definitions';
import type { ActivityDeps } from './deps';
import { appendJourneyEvent } from './journey-events';

export interface OpenRequest extends RequestInput {
  dueAt: string;
  expiresAt: string;
}

export function requestActivities({ db, mailer, config }: ActivityDeps) {
  const linkFor = (requestId: string, generation: number) => {
    const token = requestToken(config.tokenSecret, requestId, generation);
    return { token, url: `${config.publicUrl}/r/${token}`, replyTo: `reply+${token}@${config.inbound.domain}` };
  };

  return {
    /** Stores the request (its token only as a hash) and emails the recipient their personal link. */
    async openRequest(request: OpenRequest): Promise<void> {
      await db
        .insertInto('requests')
        .values({
          id: request.requestId,
          partner_id: request.journeyPartnerId,
          workflow_id: requestWorkflowId(request.requestId),
          kind: request.kind,
          recipient_email: request.recipient.email,
          recipient_name: request.recipient.name,
          token_hash: hashToken(requestToken(config.tokenSecret, request.requestId, 0)),
          payload: request.payload,
          due_at: request.dueAt,
          expires_at: request.expiresAt,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const { token_generation: generation } = await db
        .selectFrom('requests')
        .select('token_generation')
        .where('id', '=', request.requestId)
        .executeTakeFirstOrThrow();

      const link = linkFor(request.requestId, generation);
      const email = renderRequestEmail({
        kind: request.kind,
        language: request.recipient.language,
        recipientName: request.recipient.name,
        partnerName: request.partner.name,
        link: link.url,
        dueAt: new Date(request.dueAt),
      });
      await sendThroughOutbox(
        db,
        mailer,
        { idempotencyKey: `request/${request.requestId}/${generation}/sent`, to: request.recipient.email, replyTo: link.replyTo, ...email },
        { from: config.mailFrom, redact: [link.token] },
      );
      await appendJourneyEvent(db, {
        partnerId: request.journeyPartnerId,
        key: `request/${request.requestId}/sent`,
        type: 'request_sent',
        summary: `${request.kind} request emailed to ${request.recipient.name} <${request.recipient.email}>`,
        data: { requestId: request.requestId, kind: request.kind, recipient: request.recipient.email, dueAt: request.dueAt },
      });
    },

    /** Records how a request ended: answered (with the answer), expired or cancelled. */
    async closeRequest(input: { journeyPartnerId: string; kind: string; outcome: RequestOutcome; via?: string }): Promise<void> {
      const { outcome } = input;
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('requests')
          .set({ status: outcome.status, answer: outcome.answer ?? null, answered_at: outcome.status === 'answered' ? new Date() : null })
          .where('id', '=', outcome.requestId)
          .where('status', '=', 'pending')
          .execute();
        await appendJourneyEvent(tx, {
          partnerId: input.journeyPartnerId,
          key: `request/${outcome.requestId}/${outcome.status}`,
          type: `request_${outcome.status}`,
          summary: `${input.kind} request ${outcome.status}${input.via ? ` (via ${input.via})` : ''}`,
          data: { requestId: outcome.requestId, ...(outcome.answer ? { answer: outcome.answer } : {}) },
        });
      });
    },
  };
}
