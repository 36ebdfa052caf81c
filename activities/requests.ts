import type { Kysely, Updateable } from 'kysely';
import { logRequestNames, requestName } from '../domain/request-names';
import type { Db } from '../db/connection';
import type { Database, RequestsTable } from '../db/schema';
import { insertInitiative } from '../db/initiatives';
import { partnerIdFromName } from '../domain/partner';
import { intentInitiativesOf } from '../domain/initiatives';
import { splitTopicTexts, joinTopicTexts } from '../db/request-topic-texts';
import { joinWrittenTexts } from '../db/written-texts';
import { recordListingChange } from '../db/public-listing';
import { answerComment, answerTopicOf } from '../domain/request-answers';
import { draftCommitment } from '../domain/commitment';
import type { Intent, RequestTopic } from '../domain/request-topics';
import { requestWorkflowId } from '../domain/workflow-ids';
import { messageIdFor } from '../mail/outbox';
import { renderRequestEmail } from '../mail/templates/request-email';
import { renderEscalationEmail } from '../mail/templates/staff-emails';
import { hashToken, replyAddress, replyToken, requestToken } from '../security/request-tokens';
import type { ClosedRequest, ContactRef, RequestInput } from '../workflows/definitions';
import type { ActivityDeps } from './deps';
import { appendJourneyEvent } from './journey-events';
import { loadContact, resolveRecipient, staffAddressFor } from './recipients';
import { staffPages } from './staff-pages';
import { tokenPath } from '../security/token-paths';

export interface OpenRequest extends RequestInput {
  dueAt: string;
  expiresAt: string;
}

/** A request as stored, with what its emails need: the topic with its texts. */
async function loadRequest(db: Db, requestId: string) {
  const request = await db
    .selectFrom('requests')
    .innerJoin('partners', 'partners.id', 'requests.partner_id')
    .selectAll('requests')
    .select('partners.name as partnerName')
    .where('requests.id', '=', requestId)
    .executeTakeFirstOrThrow();
  return { ...request, topic: await joinTopicTexts(db, request.topic) };
}

export function requestActivities({ db, outbox, config }: ActivityDeps) {
  const pages = staffPages(config);

  /** Emails the request's link to its recipient: the first time, as reminder N, or to a new contact. */
  async function emailRequest(requestId: string, reminderNumber?: number, readdressed = false) {
    const request = await loadRequest(db, requestId);
    const token = requestToken(config.tokenSecret, request.id, request.token_generation);
    const reply = replyToken(config.tokenSecret, request.id, request.token_generation);
    const email = renderRequestEmail({
      topic: request.topic,
      language: request.recipient_language,
      recipientName: request.recipient_name,
      partnerName: request.partnerName,
      link: `${config.publicUrl}${tokenPath('request', token)}`,
      dueAt: request.due_at,
      reminderNumber,
      // Only the staff's review lists targets: other emails (reminders above all) need no extra read.
      ...(request.topic.kind === 'signoff' && request.topic.subject === 'intent_review'
        ? { indicatorNames: await dutchIndicatorNames(db) }
        : {}),
      readdressed,
    });
    const key = (purpose: string) => `request/${request.id}/${request.token_generation}/${purpose}`;
    // A reminder answers the first email of its link, so mail clients show them as one conversation.
    const first = messageIdFor(key('sent'), config.mailFrom);
    await outbox.send(
      {
        idempotencyKey: key(reminderNumber ? `reminder-${reminderNumber}` : 'sent'),
        ...(reminderNumber ? { headers: { 'In-Reply-To': first, References: first } } : {}),
        to: request.recipient_email,
        partnerIds: [request.partner_id],
        // Reply-by-email only where INBOUND_DOMAIN receives it; the reply address has its own token.
        ...(config.inbound.domain ? { replyTo: replyAddress(reply, config.inbound.domain) } : {}),
        ...email,
      },
      { from: config.mailFrom, redact: [token, reply] },
    );
    return request;
  }

  /**
   * Gives the request the link (and reply address) of `generation`, with `changes` to the row; the
   * old ones are remembered as revoked, so they answer 410. The workflow names the generation, so a
   * retried activity renews once, not twice.
   */
  async function newLink(requestId: string, generation: number, changes: Updateable<RequestsTable> = {}) {
    await db.transaction().execute(async (tx) => {
      const old = await tx
        .selectFrom('requests')
        .select(['token_hash', 'reply_token_hash'])
        .where('id', '=', requestId)
        .where('token_generation', '<', generation)
        .forUpdate()
        .executeTakeFirst();
      if (!old) return;
      await tx
        .insertInto('revoked_links')
        .values(
          [old.token_hash, old.reply_token_hash].flatMap((hash) =>
            hash ? [{ token_hash: hash, request_id: requestId }] : [],
          ),
        )
        .onConflict((oc) => oc.column('token_hash').doNothing())
        .execute();
      await tx
        .updateTable('requests')
        .set({
          ...changes,
          token_generation: generation,
          token_hash: hashToken(requestToken(config.tokenSecret, requestId, generation)),
          reply_token_hash: hashToken(replyToken(config.tokenSecret, requestId, generation)),
        })
        .where('id', '=', requestId)
        .execute();
    });
  }

  return {
    /**
     * Stores the request (its token only as a hash) and emails the recipient their personal link.
     * The workflow names the recipient by reference and a sent-back intent by the request that sent
     * it back: their name, address and comment come from Postgres.
     */
    async openRequest(request: OpenRequest): Promise<void> {
      const recipient = await resolveRecipient(db, config, request.partner.id, request.recipient);
      const topic = await withMeetingAction(
        db,
        await withWrittenTexts(db, await withReviewerComment(db, request.topic)),
      );
      const { stored, texts } = splitTopicTexts(request.requestId, topic);
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('requests')
          .values({
            id: request.requestId,
            partner_id: request.partner.id,
            workflow_id: requestWorkflowId(request.requestId),
            kind: request.topic.kind,
            recipient_email: recipient.email,
            recipient_name: recipient.name,
            recipient_language: recipient.language,
            token_hash: hashToken(requestToken(config.tokenSecret, request.requestId, 0)),
            reply_token_hash: hashToken(replyToken(config.tokenSecret, request.requestId, 0)),
            topic: stored,
            due_at: request.dueAt,
            expires_at: request.expiresAt,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        if (texts)
          await tx
            .insertInto('written_texts')
            .values({ id: stored.topicTextsId!, partner_id: request.partner.id, request_id: request.requestId, texts })
            .onConflict((oc) => oc.column('id').doNothing())
            .execute();
      });
      if (topic.kind === 'action')
        await db
          .updateTable('meeting_actions')
          .set({ request_id: request.requestId })
          .where('id', '=', topic.actionId)
          .execute();
      await emailRequest(request.requestId);
      await appendJourneyEvent(db, {
        partnerId: request.partner.id,
        key: `request/${request.requestId}/sent`,
        type: 'request_sent',
        summary: `${describeTopic(topic)} emailed to ${recipient.name} <${recipient.email}>`,
        data: {
          requestId: request.requestId,
          kind: request.topic.kind,
          recipient: recipient.email,
          dueAt: request.dueAt,
        },
      });
    },

    async sendRequestReminder({
      requestId,
      reminderNumber,
    }: {
      requestId: string;
      reminderNumber: number;
    }): Promise<void> {
      const request = await emailRequest(requestId, reminderNumber);
      await db
        .updateTable('requests')
        .set({ reminders_sent: reminderNumber })
        .where('id', '=', requestId)
        .where('reminders_sent', '<', reminderNumber)
        .execute();
      await appendJourneyEvent(db, {
        partnerId: request.partner_id,
        key: `request/${requestId}/reminder-${reminderNumber}`,
        type: 'reminder_sent',
        summary: `reminder ${reminderNumber} for the ${describeTopic(request.topic)} sent to ${request.recipient_name}`,
        data: { requestId, reminderNumber },
      });
    },

    /** A new link for the request (the old one stops working), emailed to the recipient. */
    async renewRequestLink({ requestId, generation }: { requestId: string; generation: number }): Promise<void> {
      await newLink(requestId, generation);
      const request = await emailRequest(requestId);
      await appendJourneyEvent(db, {
        partnerId: request.partner_id,
        key: `request/${requestId}/renewed-${request.token_generation}`,
        type: 'request_resent',
        summary: `${describeTopic(request.topic)} re-sent to ${request.recipient_name} with a new link`,
        data: { requestId },
      });
    },

    /**
     * The request now asks another contact (staff replaced the person or corrected their address): the
     * row gets their name and address and a new link generation (the old link answers 410), the
     * policy's clock starts over, and they get the email saying why they receive it.
     */
    async readdressRequest({
      requestId,
      contact,
      generation,
      dueAt,
      expiresAt,
    }: {
      requestId: string;
      contact: ContactRef;
      generation: number;
      dueAt: string;
      expiresAt: string;
    }): Promise<void> {
      const { partner_id: partnerId } = await loadRequest(db, requestId);
      const recipient = await loadContact(db, partnerId, contact);
      await newLink(requestId, generation, {
        recipient_email: recipient.email,
        recipient_name: recipient.name,
        recipient_language: recipient.language,
        due_at: dueAt,
        expires_at: expiresAt,
        reminders_sent: 0,
        escalated_at: null,
      });
      const request = await emailRequest(requestId, undefined, true);
      await appendJourneyEvent(db, {
        partnerId,
        key: `request/${requestId}/readdressed-${generation}`,
        type: 'request_readdressed',
        summary: `${describeTopic(request.topic)} re-addressed to ${recipient.name} <${recipient.email}> with a new link; the old link no longer works`,
        data: { requestId, recipient: recipient.email, dueAt },
      });
    },

    /** Tells staff a request is past due, once. */
    async escalateRequest({ requestId }: { requestId: string }): Promise<void> {
      const request = await loadRequest(db, requestId);
      const email = renderEscalationEmail({
        topic: request.topic,
        partnerName: request.partnerName,
        recipientName: request.recipient_name,
        recipientEmail: request.recipient_email,
        sentAt: request.created_at,
        dueAt: request.due_at,
        partnerPageUrl: pages.partner(request.partner_id),
      });
      await outbox.send(
        {
          idempotencyKey: `request/${requestId}/escalation`,
          to: await staffAddressFor(db, config, request.partner_id),
          partnerIds: [request.partner_id],
          ...email,
        },
        { from: config.mailFrom },
      );
      await db
        .updateTable('requests')
        .set({ escalated_at: new Date() })
        .where('id', '=', requestId)
        .where('escalated_at', 'is', null)
        .execute();
      await appendJourneyEvent(db, {
        partnerId: request.partner_id,
        key: `request/${requestId}/escalation`,
        type: 'request_escalated',
        summary: `${describeTopic(request.topic)} to ${request.recipient_name} is overdue; escalated to staff`,
        data: { requestId },
      });
    },

    /** Records how a request ended: answered (with the answer), expired or cancelled. */
    async closeRequest({ partnerId, kind, outcome }: ClosedRequest): Promise<void> {
      const answer = outcome.answer && (await joinWrittenTexts(db, outcome.answer));
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('requests')
          .set({
            status: outcome.status,
            answer: answer ?? null,
            answered_at: outcome.status === 'answered' ? new Date() : null,
          })
          .where('id', '=', outcome.requestId) // the workflow's outcome wins, also over a row a lost task wrote
          .execute();
        await appendJourneyEvent(tx, {
          partnerId,
          key: `request/${outcome.requestId}/closed`,
          type: `request_${outcome.status}`,
          summary: `${kind} request ${outcome.status}${outcome.via ? ` (via ${outcome.via})` : ''}`,
          data: { requestId: outcome.requestId, ...(answer ? { answer } : {}) },
        });
        // The practices and initiatives named in an intent enter the portfolio, proposed by the
        // partner; once each per partner and title (a retry, or the same one in a revised intent).
        if (kind === 'intent' && outcome.status === 'answered')
          await addIntentInitiatives(tx, partnerId, answer as Partial<Intent> | undefined);
      });
      if (outcome.status === 'answered') await recordSignatureConsent(db, partnerId, outcome.requestId);
    },
  };
}

/**
 * The signatory's answer to the separate question on the commitment signature's page: may the partner
 * be listed publicly (docs/privacy.md, Consent to be listed)? Read from the answer as recorded, so the
 * workflow carries nothing but the answer; a signature without the field (an email reply) changes
 * nothing. Recorded once per answer (db/public-listing.ts), so a retried activity records it once.
 */
async function recordSignatureConsent(db: Db, partnerId: string, requestId: string): Promise<void> {
  const request = await db
    .selectFrom('requests')
    .select(['topic', 'answer'])
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!request?.answer || answerTopicOf(request.topic) !== 'commitment_signature') return;
  const publicListing = 'publicListing' in request.answer ? request.answer.publicListing : undefined;
  if (typeof publicListing !== 'boolean') return;
  const recorded = await recordListingChange(db, {
    partnerId,
    listed: publicListing,
    via: 'signature',
    recordedBy: 'partner',
    requestId,
  });
  if (recorded.kind === 'recorded' && recorded.changed)
    await appendJourneyEvent(db, {
      partnerId,
      key: `request/${requestId}/public-listing`,
      type: 'public_listing_changed',
      summary: publicListing
        ? 'the signatory agreed that the partner is listed publicly'
        : 'the signatory did not agree that the partner is listed publicly',
      data: { requestId, listed: publicListing, via: 'signature' },
    });
}

/**
 * An intent request after a review or a signature sent the intent back shows that answer's comment,
 * read from Postgres (a signatory's or the director's prefixed with their name, as the coordinator
 * knows them).
 */
async function withReviewerComment(db: Db, topic: RequestTopic): Promise<RequestTopic> {
  if (topic.kind !== 'intent' || !topic.reviewRequestId || topic.reviewerComment !== undefined) return topic;
  const sentBack = await db
    .selectFrom('requests')
    .select(['answer', 'topic', 'recipient_name'])
    .where('id', '=', topic.reviewRequestId)
    .executeTakeFirstOrThrow();
  const comment = answerComment(sentBack.answer) ?? '';
  const byReviewer = sentBack.topic.kind === 'signoff' && sentBack.topic.subject === 'intent_review';
  return { ...topic, reviewerComment: byReviewer ? comment : `${sentBack.recipient_name}: ${comment}` };
}

/** The indicators' Dutch names by key: the commitment and the staff's review are in Dutch. */
async function dutchIndicatorNames(db: Db): Promise<Record<string, string>> {
  const rows = await db.selectFrom('indicators').select(['key', 'label_nl']).execute();
  return Object.fromEntries(rows.map((row) => [row.key, row.label_nl]));
}

/**
 * The topic with the intent's summary back in place of its `textsId`, from Postgres, and the
 * commitment drawn again with it: what the emails and the page show.
 */
async function withWrittenTexts(db: Db, topic: RequestTopic): Promise<RequestTopic> {
  const joined = (intent: Intent) => joinWrittenTexts(db, intent);
  switch (topic.kind) {
    case 'intent':
      return topic.previous?.textsId ? { ...topic, previous: await joined(topic.previous) } : topic;
    case 'signoff':
      if (topic.subject === 'intent_review')
        return topic.intent.textsId ? { ...topic, intent: await joined(topic.intent) } : topic;
      return {
        ...topic,
        commitment: draftCommitment(
          topic.commitment.partnerName,
          topic.commitment.textsId ? await joined(topic.commitment) : topic.commitment,
          await dutchIndicatorNames(db),
        ),
      };
    default:
      return topic;
  }
}

/** An agreed action's topic with what was agreed, from Postgres: the meeting workflow carries only its ids. */
async function withMeetingAction(db: Db, topic: RequestTopic): Promise<RequestTopic> {
  if (topic.kind !== 'action' || topic.action) return topic;
  const row = await db
    .selectFrom('meeting_actions')
    .innerJoin('meetings', 'meetings.id', 'meeting_actions.meeting_id')
    .select(['meeting_actions.description', 'meeting_actions.due_at', 'meetings.title'])
    .where('meeting_actions.id', '=', topic.actionId)
    .executeTakeFirstOrThrow();
  return {
    ...topic,
    action: { meetingTitle: row.title, description: row.description, dueAt: row.due_at.toISOString() },
  };
}

/** A few words for the timeline's stored summary (English, for logs and the JSON API): what was asked. */
export function describeTopic(topic: RequestTopic): string {
  const name = requestName(topic, logRequestNames);
  switch (topic.kind) {
    case 'intent':
      return topic.reviewerComment || topic.reviewRequestId ? `revised ${name} request` : `${name} request`;
    case 'signoff':
      return topic.subject === 'intent_review' ? name : `${name} request`;
    case 'project':
      return `invitation to prototype project "${topic.project.title}"`;
    case 'report':
      return `report request for period ${topic.period.label}`;
    case 'action':
      return `action ${topic.actionId} agreed at meeting ${topic.meetingId}`;
  }
}

async function addIntentInitiatives(db: Kysely<Database>, partnerId: string, intent: Partial<Intent> | undefined) {
  // Joined back from the written texts (JSON text), or a list in an answer given before they were kept there.
  for (const initiative of intentInitiativesOf(intent?.initiatives))
    await insertInitiative(
      db,
      {
        title: initiative.title.trim(),
        description: initiative.description?.trim() || initiative.title.trim(),
        kind: initiative.kind,
        levers: intent?.levers ?? [],
        partnerIds: [partnerId],
        idempotencyKey: `intent/${partnerId}/${partnerIdFromName(initiative.title) || initiative.title.trim()}`,
      },
      { origin: 'intent', originRef: partnerId, partnerRole: 'proposer' },
    );
}
