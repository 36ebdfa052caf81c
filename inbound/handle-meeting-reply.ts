import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { answerOfPartstat, meetingUid } from '../domain/meetings';
import { engineUnavailable } from '../http/api-error';
import { sendThroughOutbox } from '../mail/outbox';
import { answerRsvp } from '../meetings/answer-rsvp';
import type { FoundInvitee } from '../meetings/find-invitee';
import { meetingLinkToken } from '../security/meeting-tokens';
import type { InboundDeps } from './deps';
import { type MeetingReplyAnswer, renderCounterProposal, renderMeetingReplyAnswer } from './meeting-reply-emails';
import { calendarTexts, parseCalendarReply } from './parse-calendar-reply';
import { readRsvp } from './parse-rsvp';
import { isAuthenticatedSender } from './sender-authentication';

export type MeetingReplyResult =
  | 'meeting_answered'
  | 'meeting_stale'
  | 'meeting_closed'
  | 'meeting_wrong_uid'
  | 'meeting_wrong_sender'
  | 'meeting_unclear'
  | 'meeting_counter_to_staff'
  | 'unauthenticated'
  | 'ignored';

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * Acts on a reply to a meeting invitation (docs/meetings.md): a calendar client's iMIP REPLY or
 * COUNTER, or a plain "ja / nee / misschien". The reply address's token names the invitee; a
 * calendar reply must also carry the meeting's UID, and its ATTENDEE or the From must be the
 * invited address (clients often answer from an alias, but keep the invited ATTENDEE). The answer
 * goes through the one RSVP rule (meetings/answer-rsvp.ts); what changes nothing is said to the
 * sender once. Auto-replies never get here (handle-reply.ts).
 */
export async function handleMeetingReply(
  deps: InboundDeps,
  message: ParsedMail,
  raw: Buffer | string,
  from: string,
  invitee: FoundInvitee,
): Promise<MeetingReplyResult> {
  const calendar = calendarTexts(message.attachments)
    .map(parseCalendarReply)
    .find((c) => c?.method === 'REPLY' || c?.method === 'COUNTER');
  const invited = invitee.email.toLowerCase();
  const sender = from.toLowerCase();
  const attendee = calendar?.attendees.find((a) => a.email === invited);
  const link = `${deps.config.publicUrl}/m/${meetingLinkToken(deps.config.tokenSecret, invitee.meeting_id, invitee.contact_id, invitee.token_generation)}`;
  const inboundId = hash(message.messageId ?? raw.toString());

  /** Tells the sender; `once` keys the email so a repeated reply is told no more than once. */
  const tell = async (answer: MeetingReplyAnswer, to: string, key: string) => {
    const email = renderMeetingReplyAnswer(answer, {
      language: invitee.language,
      title: invitee.title,
      staffEmail: deps.config.staffEmail,
      // Another address is not told whose invitation it answered.
      name: to === invitee.email ? invitee.name : undefined,
    });
    const threading: Record<string, string> = message.messageId
      ? { 'In-Reply-To': message.messageId, References: message.messageId }
      : {};
    await sendThroughOutbox(
      deps.db,
      deps.mailer,
      {
        idempotencyKey: `inbound-meeting/${invitee.meeting_id}/${invitee.id}/${key}`,
        to,
        partnerIds: [invitee.partner_id],
        ...email,
        headers: { 'Auto-Submitted': 'auto-replied', ...threading },
      },
      { from: deps.config.mailFrom, redact: [link] },
    );
  };

  if (calendar ? !attendee && sender !== invited : sender !== invited) {
    // No link in this answer: the sender is not known to be the invitee.
    await tell({ kind: 'wrong_sender' }, from, `wrong_sender/${hash(sender)}`);
    return 'meeting_wrong_sender';
  }
  if (deps.config.inbound.requireAuth && !isAuthenticatedSender(message, from)) return 'unauthenticated';

  if (calendar?.method === 'COUNTER') {
    if (calendar.uid !== meetingUid(invitee.meeting_id, deps.config.mailFrom)) return 'ignored';
    const email = renderCounterProposal({
      title: invitee.title,
      meetingId: invitee.meeting_id,
      inviteeName: invitee.name,
      partnerName: invitee.partnerName,
      proposed: calendar.proposed,
      staffUrl: `${deps.config.publicUrl}/staff/meetings/${invitee.meeting_id}`,
    });
    await sendThroughOutbox(
      deps.db,
      deps.mailer,
      {
        idempotencyKey: `inbound-meeting/${invitee.meeting_id}/${invitee.id}/counter/${inboundId}`,
        to: deps.config.staffEmail,
        partnerIds: [invitee.partner_id],
        ...email,
      },
      { from: deps.config.mailFrom },
    );
    return 'meeting_counter_to_staff';
  }

  const given = calendar
    ? (() => {
        const answer = answerOfPartstat[(attendee ?? calendar.attendees[0])?.partstat ?? ''];
        return answer
          ? {
              answer,
              via: 'calendar' as const,
              calendar: { uid: calendar.uid, sequence: calendar.sequence, dtstamp: calendar.dtstamp },
            }
          : undefined;
      })()
    : (() => {
        const read = readRsvp(message.text ?? '');
        return read && { answer: read.answer, via: 'email' as const, ...(read.note ? { note: read.note } : {}) };
      })();
  if (!given) {
    // A calendar part without a usable PARTSTAT says nothing; a plain reply we cannot read is asked again.
    if (calendar) return 'ignored';
    await tell({ kind: 'unclear', link }, invitee.email, `unclear/${inboundId}`);
    return 'meeting_unclear';
  }

  const result = await answerRsvp(deps, invitee, given);
  switch (result.kind) {
    case 'recorded':
      // A calendar shows its own answer; a plain reply is confirmed.
      if (!calendar) await tell({ kind: 'answered', answer: result.answer }, invitee.email, `answered/${inboundId}`);
      return 'meeting_answered';
    case 'stale':
      return 'meeting_stale';
    case 'cancelled':
    case 'started':
      await tell({ kind: result.kind }, invitee.email, result.kind);
      return 'meeting_closed';
    case 'wrong_meeting':
      await tell({ kind: 'wrong_meeting', link }, invitee.email, `wrong_meeting/${hash(calendar?.uid ?? '')}`);
      return 'meeting_wrong_uid';
    case 'engine_unavailable':
      throw engineUnavailable();
  }
}
