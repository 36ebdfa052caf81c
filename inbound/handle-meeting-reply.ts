import { answerOfPartstat, meetingUid } from '../domain/meetings';
import { engineUnavailable } from '../http/api-error';
import { sendThroughOutbox } from '../mail/outbox';
import { answerRsvp } from '../features/meetings/answer-rsvp';
import type { FoundInvitee } from '../features/meetings/find-invitee';
import { meetingLinkToken } from '../security/meeting-tokens';
import type { InboundDeps } from './deps';
import { type MeetingReplyAnswer, renderCounterProposal, renderMeetingReplyAnswer } from './meeting-reply-emails';
import { calendarTexts, parseCalendarReply } from './parse-calendar-reply';
import { readRsvp } from './parse-rsvp';
import { mayAnswerAgain } from './answer-cap';
import { type MessageHeaders, readBody } from './read-message';
import { inboundHash, replySender, type ReplySeam, replyTeller } from './reply-teller';
import { tokenPath } from '../security/token-paths';

export type MeetingReplyResult =
  | 'meeting_answered'
  | 'meeting_stale'
  | 'meeting_outdated'
  | 'meeting_implausible'
  | 'meeting_closed'
  | 'meeting_wrong_uid'
  | 'meeting_wrong_sender'
  | 'meeting_unclear'
  | 'meeting_counter_to_staff'
  | 'unauthenticated'
  | 'ignored';

/**
 * Acts on a reply to a meeting invitation (docs/meetings.md): a calendar client's iMIP REPLY or
 * COUNTER, or a plain "ja / nee / misschien". The reply address's token names the invitee, and the
 * From must be the invitee's address (a calendar's ATTENDEE is written by whoever sends the reply,
 * so it proves nothing); only then is the body read. A calendar reply must also carry the meeting's
 * UID. The answer goes through the one RSVP rule (features/meetings/answer-rsvp.ts); what changes nothing is
 * said to the sender once. Auto-replies never get here (handle-reply.ts). Every email this sends,
 * to the sender or to staff, counts against the daily cap of automatic answers (answer-cap.ts).
 */
export async function handleMeetingReply(
  deps: InboundDeps,
  message: MessageHeaders,
  raw: Buffer,
  from: string,
  invitee: FoundInvitee,
): Promise<MeetingReplyResult> {
  const invited = invitee.email.toLowerCase();
  const link = `${deps.config.publicUrl}${tokenPath('meeting', meetingLinkToken(deps.config.tokenSecret, invitee.meeting_id, invitee.contact_id, invitee.token_generation))}`;
  const inboundId = inboundHash(message.messageId ?? raw);
  const keyPrefix = `inbound-meeting/${invitee.meeting_id}/${invitee.id}/`;
  const seam: ReplySeam<MeetingReplyAnswer> = {
    keyPrefix,
    link,
    partnerId: invitee.partner_id,
    addressee: { email: invitee.email, name: invitee.name, language: invitee.language },
    title: invitee.title,
    render: renderMeetingReplyAnswer,
  };
  /** Tells the sender; `key` keys the email so a repeated reply is told no more than once. */
  const tell = replyTeller(deps, message, seam);

  const sender = await replySender(deps, message, from, seam, tell, { kind: 'wrong_sender' });
  if (sender === 'wrong_sender') return 'meeting_wrong_sender';
  if (sender === 'unauthenticated') return 'unauthenticated';

  const body = await readBody(raw);
  const calendar = calendarTexts(body.attachments)
    .map(parseCalendarReply)
    .find((c) => c?.method === 'REPLY' || c?.method === 'COUNTER');
  const attendee = calendar?.attendees.find((a) => a.email === invited);

  if (calendar?.method === 'COUNTER') {
    if (calendar.uid !== meetingUid(invitee.meeting_id, deps.config.mailFrom)) return 'ignored';
    if (!(await mayAnswerAgain(deps.db, keyPrefix))) return 'meeting_counter_to_staff';
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
        idempotencyKey: `${keyPrefix}counter/${inboundId}`,
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
        const read = readRsvp(body.text ?? '');
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
    case 'outdated':
      // Once per change of the meeting: answer the invitation as it stands now.
      await tell({ kind: 'outdated', link }, invitee.email, `outdated/${result.sequence}`);
      return 'meeting_outdated';
    case 'implausible':
      return 'meeting_implausible';
    case 'cancelled':
    case 'started':
      await tell({ kind: result.kind }, invitee.email, result.kind);
      return 'meeting_closed';
    case 'wrong_meeting':
      await tell({ kind: 'wrong_meeting', link }, invitee.email, `wrong_meeting/${inboundHash(calendar?.uid ?? '')}`);
      return 'meeting_wrong_uid';
    case 'engine_unavailable':
      throw engineUnavailable();
  }
}
