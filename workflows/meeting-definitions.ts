import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CalendarStamp, MeetingStatus, RsvpAnswer, RsvpChannel } from '../domain/meetings';
import type { Policy } from '../domain/policy';
import type { Sector } from '../domain/vocabulary';

/**
 * The contract of the `meeting` workflow (workflows/meeting.ts) with the API, the activities and the
 * tests. A meeting is about several partners, so its payloads use the global data key and carry
 * ids and times only: title, place, agenda, notes and minutes stay in Postgres (docs/meetings.md).
 * Extend with optional fields, never rename or remove (docs/workflow-versioning.md).
 */

export interface MeetingInput {
  meetingId: string;
  /** The sector the meeting is for, if it is for one: its `Sector` search attribute. */
  sector?: Sector;
  /** ISO instants (UTC). */
  startsAt: string;
  endsAt: string;
  /** The `meeting_invitees` rows invited: one per contact. */
  inviteeIds: number[];
  policy: Policy;
}

export interface CurrentAnswer {
  answer: RsvpAnswer;
  via: RsvpChannel;
}

export interface MeetingState {
  status: MeetingStatus;
  /** The invitation's iCalendar SEQUENCE. */
  sequence: number;
  startsAt: string;
  endsAt: string;
  /** The one current answer of each invitee who answered, by invitee id. */
  answers: Record<number, CurrentAnswer>;
  /** Invitees who came, once staff recorded it. */
  attended?: number[];
}

/** An invitee's answer, from any channel (features/meetings/answer-rsvp.ts); it replaces their earlier one. */
export interface Rsvp {
  inviteeId: number;
  answer: RsvpAnswer;
  via: RsvpChannel;
  /** The note with the answer, in `written_texts`. */
  textsId?: string;
  /** SEQUENCE and DTSTAMP of a calendar REPLY: an older reply than the last one changes nothing. */
  calendar?: CalendarStamp;
}

/** A new time (the place is already in Postgres): an updated invitation with `sequence` to everyone. */
export interface MeetingChange {
  sequence: number;
  startsAt: string;
  endsAt: string;
}

/** Staff recorded the minutes in Postgres (features/meetings/record-minutes.ts); the workflow gets who came. */
export interface MinutesRecorded {
  attendedInviteeIds: number[];
  /** The actions agreed (rows of `meeting_actions`): each becomes a request to its owner partner's coordinator. */
  actions?: { actionId: string; ownerPartnerId: string }[];
}

export const rsvpUpdate = defineUpdate<MeetingState, [Rsvp]>('rsvp');
export const changeMeetingUpdate = defineUpdate<MeetingState, [MeetingChange]>('changeMeeting');
export const cancelMeetingUpdate = defineUpdate<MeetingState>('cancelMeeting');
export const recordMinutesUpdate = defineUpdate<MeetingState, [MinutesRecorded]>('recordMinutes');
export const meetingStateQuery = defineQuery<MeetingState>('meetingState');
