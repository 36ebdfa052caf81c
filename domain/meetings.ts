/**
 * Follow-up meetings (opvolgbijeenkomsten, docs/meetings.md): the words every part uses for an invitee's
 * answer (RSVP) and how it arrived. Pure data.
 */

/** An invitee's answer: ja / nee / misschien. */
export const rsvpAnswers = ['yes', 'no', 'maybe'] as const;
export type RsvpAnswer = (typeof rsvpAnswers)[number];

/** How an answer arrived: the link's page, a calendar client's iMIP REPLY, a plain reply by email, the JSON API. */
export const rsvpChannels = ['page', 'calendar', 'email', 'api'] as const;
export type RsvpChannel = (typeof rsvpChannels)[number];

export type MeetingStatus = 'planned' | 'cancelled' | 'held';

/** iCalendar PARTSTAT (RFC 5545) of a calendar client's reply, as an answer; other values say nothing. */
export const answerOfPartstat: Record<string, RsvpAnswer> = {
  ACCEPTED: 'yes',
  DECLINED: 'no',
  TENTATIVE: 'maybe',
};

/** The PARTSTAT an invitation carries for an answer already given (a changed invitation keeps it). */
export const partstatOfAnswer: Record<RsvpAnswer, 'ACCEPTED' | 'DECLINED' | 'TENTATIVE'> = {
  yes: 'ACCEPTED',
  no: 'DECLINED',
  maybe: 'TENTATIVE',
};

/**
 * Where a calendar reply stands among the answers of one invitee (RFC 5546 §2.1.5): a reply to an
 * older SEQUENCE, or with an older DTSTAMP for the same SEQUENCE, is stale and changes nothing.
 * Answers by page or plain email carry no stamp and always count as the latest.
 */
export interface CalendarStamp {
  sequence: number;
  dtstamp: string;
}

export function isStaleCalendarReply(reply: CalendarStamp, last: CalendarStamp | undefined): boolean {
  if (!last) return false;
  if (reply.sequence !== last.sequence) return reply.sequence < last.sequence;
  return Date.parse(reply.dtstamp) < Date.parse(last.dtstamp);
}

/** How far ahead of our clock a calendar client's DTSTAMP may be. */
export const calendarClockSkewMs = 5 * 60_000;

/**
 * A calendar reply against the meeting as it stands (RFC 5546 §2.1.5): a reply to an earlier
 * SEQUENCE answered an invitation since replaced (`outdated`: it is not taken for the new time); a
 * SEQUENCE never sent, or a DTSTAMP in the future, was not written in answer to our invitation
 * (`implausible`), and would otherwise make every later real reply look stale.
 */
export function calendarReplyStanding(
  reply: CalendarStamp,
  meetingSequence: number,
  now: number,
): 'current' | 'outdated' | 'implausible' {
  const stamped = Date.parse(reply.dtstamp);
  if (reply.sequence > meetingSequence || !(stamped <= now + calendarClockSkewMs)) return 'implausible';
  return reply.sequence < meetingSequence ? 'outdated' : 'current';
}

/** The invitation's UID: one per meeting, in every invitation, update and cancellation, and in the replies to them. */
export const meetingUid = (meetingId: string, mailFrom: string) => `meeting-${meetingId}@${mailFrom.split('@')[1]}`;
