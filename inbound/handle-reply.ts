import { createHash } from 'node:crypto';
import { ApiError, engineUnavailable } from '../http/api-error';
import { sendThroughOutbox } from '../mail/outbox';
import { answerRequest } from '../features/requests/answer-request';
import {
  type FoundRequest,
  findRequestByReplyToken,
  findRequestByRevokedReplyToken,
} from '../features/requests/find-request';
import { findInviteeByReplyToken } from '../features/meetings/find-invitee';
import { findBallotByReplyToken } from '../features/rounds/find-ballot';
import { requestOpenness } from '../features/requests/open-rule';
import { hashToken, replyAddress, replyToken, requestToken } from '../security/request-tokens';
import { mayAnswerAgain } from './answer-cap';
import { lacksRequiredAuthentication } from './sender-authentication';
import type { InboundDeps } from './deps';
import { handleMeetingReply, type MeetingReplyResult } from './handle-meeting-reply';
import { handleBallotReply, type BallotReplyResult } from './handle-ballot-reply';
import { parseReply } from './parse-reply';
import { readDecision } from './read-decision';
import { type MessageHeaders, readBody, readHeaders } from './read-message';
import { renderInboundAnswer, type InboundAnswer } from './reply-emails';
import { tokenPath } from '../security/token-paths';

export type { InboundDeps } from './deps';

export type InboundResult =
  | 'ignored'
  | 'wrong_sender'
  | 'unauthenticated'
  | 'form_link_sent'
  | 'answered'
  | 'refused'
  | 'closed'
  | 'replaced'
  | 'unclear'
  | MeetingReplyResult
  | BallotReplyResult;

export interface Envelope {
  /** MAIL FROM; '' is the null sender of bounces. */
  from?: string;
  to: string[];
}

/**
 * Acts on a reply to a request email (docs/security.md, "What the mail paths accept"). Only the addressee can answer, only
 * sign-offs and project confirmations can be answered by email, and every other case changes
 * nothing. Throws only on transient failures (database, Temporal), so the sender retries.
 * The body is read last: only for a known reply token, from its addressee, and then only its head.
 */
export async function handleInboundEmail(
  deps: InboundDeps,
  raw: Buffer | string,
  envelope?: Envelope,
): Promise<InboundResult> {
  // Never answer the null sender (RFC 3834): that is how two robots end up mailing each other.
  if (envelope?.from === '') return 'ignored';
  const bytes = typeof raw === 'string' ? Buffer.from(raw) : raw;
  const message = await readHeaders(bytes);
  if (!message) return 'ignored';
  const reply = parseReply(message, { envelopeTo: envelope?.to, domain: deps.config.inbound.domain });
  if (reply.kind !== 'reply') return 'ignored';

  // One answer per inbound message: an SMTP retry of the same message never mails twice.
  const inboundId = createHash('sha256')
    .update(message.messageId ?? bytes)
    .digest('hex')
    .slice(0, 32);

  // The reply token's kind: a request's, a meeting invitation's (whose RSVP may change), or a ballot's.
  const request = await findRequestByReplyToken(deps.db, reply.token);
  if (!request) {
    const invitee = await findInviteeByReplyToken(deps.db, reply.token);
    if (invitee) return handleMeetingReply(deps, message, bytes, reply.from, invitee);
    const ballot = await findBallotByReplyToken(deps.db, reply.token);
    if (ballot) return handleBallotReply(deps, message, bytes, reply.from, ballot);
    // An older email's address, from before the request was sent again or to another contact: said once per address.
    const replaced = await findRequestByRevokedReplyToken(deps.db, reply.token);
    if (!replaced) return 'ignored';
    await sendAnswer(deps, message, {
      request: replaced,
      to: reply.from,
      answer: { kind: 'replaced' },
      key: `replaced/${hashToken(reply.token).slice(0, 32)}`,
      redact: [reply.token],
    });
    return 'replaced';
  }
  // Answering someone else would make us a reflector for forged From headers.
  if (reply.from.toLowerCase() !== request.recipient_email.toLowerCase()) return 'wrong_sender';
  // A From header is easy to forge; where the MTA in front checks DKIM and DMARC, require its verdict.
  if (lacksRequiredAuthentication(deps.config.inbound, message, reply.from)) return 'unauthenticated';

  // The page link and the reply address of the request's current generation: only ever mailed to its addressee.
  const linkToken = requestToken(deps.config.tokenSecret, request.id, request.token_generation);
  const currentReplyToken = replyToken(deps.config.tokenSecret, request.id, request.token_generation);
  const link = `${deps.config.publicUrl}${tokenPath('request', linkToken)}`;
  const domain = deps.config.inbound.domain;
  const answerBack = (answer: InboundAnswer) =>
    sendAnswer(deps, message, {
      request,
      to: request.recipient_email,
      recipientName: request.recipient_name,
      answer,
      key: inboundId,
      redact: [reply.token, linkToken, currentReplyToken],
      // Where a corrected reply can still act, replying to our answer goes back to the request.
      replyTo:
        domain && (answer.kind === 'unclear' || answer.kind === 'refused')
          ? replyAddress(currentReplyToken, domain)
          : undefined,
    });

  // Nobody can tell whether the request is open while the engine is away: the sender retries later.
  const open = await requestOpenness(deps.temporal, request);
  if (open.kind === 'engine_unavailable') throw engineUnavailable();
  if (open.kind === 'closed') {
    await answerBack({ kind: 'closed', status: open.status });
    return 'closed';
  }
  if (request.kind === 'intent' || request.kind === 'report' || request.kind === 'action') {
    await answerBack({ kind: 'form_link', link });
    return 'form_link_sent';
  }
  const read = readDecision((await readBody(bytes)).text ?? '');
  if (!read) {
    await answerBack({ kind: 'unclear', link });
    return 'unclear';
  }

  const answer = { decision: read.decision, ...(read.comment ? { comment: read.comment } : {}) };
  const result = await answerRequest(deps, request, answer, 'email');
  switch (result.kind) {
    case 'answered':
      await answerBack({ kind: 'answered', ...answer });
      return 'answered';
    // The workflow's validator refused: on an email answer that can only be a decline without a reason.
    case 'invalid':
      await answerBack({ kind: 'refused', link });
      return 'refused';
    case 'closed':
      await answerBack({ kind: 'closed', status: result.status });
      return 'closed';
    // Transient: the sender retries later (the webhook answers 409 or 503).
    case 'not_allowed_now':
      throw new ApiError(409, 'not_allowed_now', result.message);
    case 'engine_unavailable':
      throw engineUnavailable();
  }
}

interface OurAnswer {
  request: FoundRequest;
  to: string;
  recipientName?: string;
  answer: InboundAnswer;
  /** With the request id, the outbox key: the same key is never mailed twice. */
  key: string;
  redact: string[];
  replyTo?: string;
}

/** Our answer to a reply, in the request's language, in the reply's thread, marked as an automatic answer. */
async function sendAnswer(deps: InboundDeps, message: MessageHeaders, our: OurAnswer): Promise<void> {
  const { request } = our;
  if (!(await mayAnswerAgain(deps.db, `inbound/${request.id}/`))) return;
  const email = renderInboundAnswer(our.answer, {
    language: request.recipient_language,
    recipientName: our.recipientName,
    partnerName: request.partnerName,
    subject: message.subject,
    staffEmail: deps.config.staffEmail,
  });
  const threading: Record<string, string> = message.messageId
    ? { 'In-Reply-To': message.messageId, References: message.messageId }
    : {};
  await sendThroughOutbox(
    deps.db,
    deps.mailer,
    {
      idempotencyKey: `inbound/${request.id}/${our.key}`,
      to: our.to,
      partnerIds: [request.partner_id],
      ...(our.replyTo ? { replyTo: our.replyTo } : {}),
      ...email,
      headers: { 'Auto-Submitted': 'auto-replied', ...threading },
    },
    { from: deps.config.mailFrom, redact: our.redact },
  );
}
