import type { Client } from '@temporalio/client';
import type { Db } from '../../db/connection';
import { storeWrittenTexts } from '../../db/written-texts';
import {
  calendarReplyStanding,
  isStaleCalendarReply,
  meetingUid,
  type RsvpAnswer,
  type RsvpChannel,
} from '../../domain/meetings';
import { meetingWorkflowId } from '../../domain/workflow-ids';
import { probeEngine } from '../../temporal/client';
import { readUpdateFailure } from '../../temporal/update-refusal';
import { rsvpUpdate } from '../../workflows/meeting-definitions';
import type { FoundInvitee } from './find-invitee';

/** An answer as a channel read it: the page's form, a plain reply, a calendar client's REPLY. */
export interface RsvpGiven {
  answer: RsvpAnswer;
  via: RsvpChannel;
  note?: string;
  /** From a calendar REPLY: its UID, SEQUENCE and DTSTAMP. */
  calendar?: { uid: string; sequence: number; dtstamp: string };
}

/** What became of an answer; each channel (page, JSON, reply email) says it its own way. */
export type RsvpResult =
  | { kind: 'recorded'; answer: RsvpAnswer; previous?: RsvpAnswer }
  /** A calendar reply older (SEQUENCE, then DTSTAMP) than the answer already recorded from the calendar. */
  | { kind: 'stale' }
  /** A calendar reply to an earlier SEQUENCE of the invitation: the meeting changed since (`sequence` now). */
  | { kind: 'outdated'; sequence: number }
  /** A calendar reply with a SEQUENCE never sent or a DTSTAMP in the future. */
  | { kind: 'implausible' }
  | { kind: 'cancelled' }
  /** The meeting has started (or passed): answers are closed. */
  | { kind: 'started' }
  /** A calendar reply whose UID is not this meeting's. */
  | { kind: 'wrong_meeting' }
  | { kind: 'engine_unavailable' };

type Deps = { db: Db; temporal: Client; config: { mailFrom: string } };

/**
 * The one rule for an RSVP (docs/meetings.md). Unlike a request's answer it is not final: the link
 * and the reply address answer until the meeting starts, and each answer replaces the invitee's
 * earlier one. A calendar reply must carry this meeting's UID, answer the invitation as it stands
 * (its SEQUENCE, not an earlier one, RFC 5546 §2.1.5), and be newer (SEQUENCE, then DTSTAMP) than the
 * calendar reply recorded before. The meeting workflow records the change through its
 * `rsvp` Update, whose validator checks the same again.
 */
export async function answerRsvp(deps: Deps, invitee: FoundInvitee, given: RsvpGiven): Promise<RsvpResult> {
  if (invitee.status === 'cancelled') return { kind: 'cancelled' };
  if (invitee.status === 'held' || Date.now() >= invitee.starts_at.getTime()) return { kind: 'started' };
  const stamp = given.calendar && { sequence: given.calendar.sequence, dtstamp: given.calendar.dtstamp };
  if (given.calendar && given.calendar.uid !== meetingUid(invitee.meeting_id, deps.config.mailFrom))
    return { kind: 'wrong_meeting' };
  const standing = stamp && calendarReplyStanding(stamp, invitee.sequence, Date.now());
  if (standing === 'outdated') return { kind: 'outdated', sequence: invitee.sequence };
  if (standing === 'implausible') return { kind: 'implausible' };
  const last =
    invitee.calendar_sequence !== null && invitee.calendar_dtstamp !== null
      ? { sequence: invitee.calendar_sequence, dtstamp: invitee.calendar_dtstamp.toISOString() }
      : undefined;
  if (stamp && isStaleCalendarReply(stamp, last)) return { kind: 'stale' };
  try {
    await probeEngine(deps.temporal);
  } catch {
    return { kind: 'engine_unavailable' };
  }
  const { textsId } = (await storeWrittenTexts(deps.db, { partnerId: invitee.partner_id }, { note: given.note }, [
    'note',
  ])) as { textsId?: string };
  try {
    await deps.temporal.workflow.getHandle(meetingWorkflowId(invitee.meeting_id)).executeUpdate(rsvpUpdate, {
      args: [
        {
          inviteeId: invitee.id,
          answer: given.answer,
          via: given.via,
          ...(textsId ? { textsId } : {}),
          ...(stamp ? { calendar: stamp } : {}),
        },
      ],
    });
  } catch (error) {
    return refusal(error);
  }
  return { kind: 'recorded', answer: given.answer, ...(invitee.answer ? { previous: invitee.answer } : {}) };
}

/** Why the meeting workflow did not take the answer, in this rule's words. */
function refusal(error: unknown): Exclude<RsvpResult, { kind: 'recorded' }> {
  const failure = readUpdateFailure(error);
  if (failure.kind === 'engine_unavailable') return failure;
  // The workflow has ended: the meeting was held or cancelled.
  if (failure.kind === 'ended') return { kind: 'started' };
  if (failure.type === 'MeetingCancelled') return { kind: 'cancelled' };
  if (failure.type === 'StaleReply') return { kind: 'stale' };
  if (failure.type === 'OutdatedReply') return { kind: 'outdated', sequence: Number(failure.details[0]) };
  if (failure.type === 'ImplausibleReply') return { kind: 'implausible' };
  return { kind: 'started' };
}
