import {
  allHandlersFinished,
  ApplicationFailure,
  ChildWorkflowFailure,
  condition,
  executeChild,
  setHandler,
} from '@temporalio/workflow';
import { calendarReplyStanding, isStaleCalendarReply, type CalendarStamp } from '../domain/meetings';
import { brusselsDay } from '../domain/brussels-time';
import { activities } from './activity-proxies';
import { newRequestId, request, requestChildOptions } from './request';
import {
  cancelMeetingUpdate,
  changeMeetingUpdate,
  type MeetingInput,
  type MeetingState,
  meetingStateQuery,
  type MinutesRecorded,
  recordMinutesUpdate,
  rsvpUpdate,
} from './meeting-definitions';

const {
  sendMeetingInvitations,
  remindMeetingInvitees,
  recordMeetingRsvp,
  recordMeetingStatus,
  recordMeetingAttendance,
} = activities;

const dayMs = 86_400_000;
/** How long staff have to record the minutes before the workflow ends without them. */
const minutesWithinMs = 180 * dayMs;

/** Rejects an Update in its validator: nothing enters the history, and the caller learns why by `type`. */
function refuse(message: string, type: string, ...details: unknown[]): never {
  throw ApplicationFailure.nonRetryable(message, type, ...details);
}

/**
 * A follow-up meeting (`meeting-<meetingId>`, docs/meetings.md): invites every invitee with a calendar
 * invitation, records each answer as it comes and changes (an RSVP is not a single-use request: a
 * later answer replaces the earlier one until the meeting starts), reminds those who have not
 * answered (the reminder policy) and, the day before, those who said yes; sends an updated
 * invitation on a change of time and a CANCEL on cancellation; after the meeting it waits for the minutes.
 */
export async function meeting(input: MeetingInput): Promise<MeetingState> {
  const { meetingId, inviteeIds, policy } = input;
  const state: MeetingState = {
    status: 'planned',
    sequence: 0,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    answers: {},
  };
  const invitedAt = Date.now();
  const lastCalendarStamp = new Map<number, CalendarStamp>();
  /** What the main loop still has to mail: the first invitation, an update, or the cancellation. */
  let toSend: { method: 'REQUEST' | 'CANCEL'; clearAnswers: boolean } | undefined = {
    method: 'REQUEST',
    clearAnswers: false,
  };
  let minutesRecorded = false;
  const started = () => Date.now() >= Date.parse(state.startsAt);
  const stillPlanned = () => {
    if (state.status === 'cancelled') refuse('This meeting was cancelled.', 'MeetingCancelled');
    if (started()) refuse('This meeting has started; answers and changes are closed.', 'MeetingStarted');
  };

  setHandler(meetingStateQuery, () => state);
  setHandler(
    rsvpUpdate,
    async (rsvp) => {
      if (rsvp.calendar) lastCalendarStamp.set(rsvp.inviteeId, rsvp.calendar);
      state.answers[rsvp.inviteeId] = { answer: rsvp.answer, via: rsvp.via };
      const change = Object.keys(state.answers).length + lastCalendarStamp.size;
      await recordMeetingRsvp.executeWithOptions({ summary: `invitee ${rsvp.inviteeId} answered ${rsvp.answer}` }, [
        { meetingId, ...rsvp, sequence: state.sequence, change },
      ]);
      return state;
    },
    {
      validator: (rsvp) => {
        stillPlanned();
        if (!inviteeIds.includes(rsvp.inviteeId)) refuse(`Invitee ${rsvp.inviteeId} is not invited.`, 'NotInvited');
        // Validators do not run on replay, so a new refusal here changes no stored history.
        const standing = rsvp.calendar && calendarReplyStanding(rsvp.calendar, state.sequence, Date.now());
        if (standing === 'outdated')
          refuse('This calendar reply answers an earlier version of the invitation.', 'OutdatedReply', state.sequence);
        if (standing === 'implausible')
          refuse('This calendar reply was not written to our invitation.', 'ImplausibleReply');
        if (rsvp.calendar && isStaleCalendarReply(rsvp.calendar, lastCalendarStamp.get(rsvp.inviteeId)))
          refuse('A later calendar reply of this invitee was already recorded.', 'StaleReply');
      },
    },
  );
  setHandler(
    changeMeetingUpdate,
    (change) => {
      // Another day asks everyone again; another hour or place on the same day keeps the answers.
      const dayChanged = brusselsDay(Date.parse(change.startsAt)) !== brusselsDay(Date.parse(state.startsAt));
      Object.assign(state, { sequence: change.sequence, startsAt: change.startsAt, endsAt: change.endsAt });
      if (dayChanged) {
        state.answers = {};
        lastCalendarStamp.clear();
      }
      toSend = { method: 'REQUEST', clearAnswers: dayChanged };
      return state;
    },
    {
      validator: (change) => {
        stillPlanned();
        if (change.sequence <= state.sequence)
          refuse('This change is older than the meeting as it stands.', 'StaleChange');
        if (Date.parse(change.endsAt) <= Date.parse(change.startsAt))
          refuse('The end is not after the start.', 'InvalidTime');
        if (Date.parse(change.startsAt) <= Date.now()) refuse('The new start is in the past.', 'InvalidTime');
      },
    },
  );
  setHandler(
    cancelMeetingUpdate,
    () => {
      state.status = 'cancelled';
      toSend = { method: 'CANCEL', clearAnswers: false };
      return state;
    },
    { validator: stillPlanned },
  );
  let actions: NonNullable<MinutesRecorded['actions']> = [];
  setHandler(
    recordMinutesUpdate,
    (minutes) => {
      state.attended = minutes.attendedInviteeIds;
      actions = minutes.actions ?? [];
      minutesRecorded = true;
      return state;
    },
    {
      validator: ({ attendedInviteeIds }) => {
        if (state.status === 'cancelled') refuse('This meeting was cancelled.', 'MeetingCancelled');
        if (!started()) refuse('Minutes can be recorded once the meeting has started.', 'NotYetHeld');
        if (minutesRecorded) refuse('The minutes of this meeting were already recorded.', 'MinutesRecorded');
        const unknown = attendedInviteeIds.filter((id: number) => !inviteeIds.includes(id));
        if (unknown.length) refuse(`Not invited: ${unknown.join(', ')}.`, 'NotInvited');
      },
    },
  );

  let reminders = 0;
  const dayBeforeMs = policy.meetingReminderBeforeMs ?? dayMs;
  /** The start the day-before reminder was sent for: a meeting moved to another day gets one again. */
  let dayBeforeSentFor: string | undefined;
  while (!started()) {
    const sending = toSend;
    if (sending) {
      toSend = undefined;
      const summary =
        sending.method === 'CANCEL'
          ? 'mail the cancellation (METHOD:CANCEL) to every invitee'
          : state.sequence === 0
            ? `mail the invitation to ${inviteeIds.length} invitees`
            : `mail the updated invitation (SEQUENCE ${state.sequence}) to every invitee`;
      await sendMeetingInvitations.executeWithOptions({ summary }, [
        { meetingId, sequence: state.sequence, method: sending.method, inviteeIds, clearAnswers: sending.clearAnswers },
      ]);
      if (sending.method === 'CANCEL') break;
      continue;
    }
    const startsAt = Date.parse(state.startsAt);
    const reminderAt =
      reminders < policy.maxReminders
        ? invitedAt + policy.reminderAfterMs + reminders * policy.reminderEveryMs
        : Infinity;
    // No day-before reminder for a meeting planned less than a day ahead: the invitation is fresh.
    const dayBeforeAt =
      dayBeforeSentFor === state.startsAt || startsAt - dayBeforeMs <= invitedAt ? Infinity : startsAt - dayBeforeMs;
    const nextAt = Math.min(startsAt, reminderAt, dayBeforeAt);
    const summary =
      nextAt === startsAt
        ? 'the meeting starts'
        : nextAt === reminderAt
          ? `reminder ${reminders + 1} due`
          : 'day-before reminder due';
    if (await condition(() => toSend !== undefined, Math.max(nextAt - Date.now(), 1), { summary })) continue;
    const now = Date.now();
    if (now >= startsAt) break;
    if (now >= reminderAt) {
      reminders += 1;
      const unanswered = inviteeIds.filter((id) => !state.answers[id]);
      if (unanswered.length)
        await remindMeetingInvitees.executeWithOptions(
          { summary: `remind ${unanswered.length} who have not answered` },
          [{ meetingId, sequence: state.sequence, inviteeIds: unanswered, reminder: 'unanswered', number: reminders }],
        );
    }
    if (now >= dayBeforeAt) {
      dayBeforeSentFor = state.startsAt;
      const coming = inviteeIds.filter((id) => state.answers[id]?.answer === 'yes');
      if (coming.length)
        await remindMeetingInvitees.executeWithOptions({ summary: `remind ${coming.length} who said yes` }, [
          { meetingId, sequence: state.sequence, inviteeIds: coming, reminder: 'day_before', number: 1 },
        ]);
    }
  }

  if (state.status !== 'cancelled') {
    // Held once it has ended, or as soon as staff record its minutes.
    await condition(() => minutesRecorded, Math.max(Date.parse(state.endsAt) - Date.now(), 1), {
      summary: 'the meeting ends',
    });
    state.status = 'held';
    await recordMeetingStatus.executeWithOptions({ summary: 'the meeting was held' }, [{ meetingId, status: 'held' }]);
    await condition(() => minutesRecorded, minutesWithinMs, { summary: 'staff record the minutes' });
    if (state.attended)
      await recordMeetingAttendance.executeWithOptions(
        { summary: `${state.attended.length} of ${inviteeIds.length} invitees came` },
        [{ meetingId, attended: state.attended }],
      );
    // Each agreed action is a request to its owner's coordinator, with the reminder policy, answered "done".
    await Promise.all(
      actions.map(async ({ actionId, ownerPartnerId }) => {
        const requestId = newRequestId(ownerPartnerId);
        await executeChild(request, {
          ...requestChildOptions(requestId),
          args: [
            {
              requestId,
              // Ids only: the request's activities read the partner's name and the action from Postgres.
              partner: { id: ownerPartnerId, name: ownerPartnerId },
              recipient: { role: 'coordinator' },
              topic: { kind: 'action', meetingId, actionId },
              policy,
            },
          ],
          staticSummary: `action ${actionId} agreed at meeting ${meetingId}, asked of ${ownerPartnerId}`,
        }).catch((error: unknown) => {
          // The owner's request was cancelled or terminated (journey withdrawn, data erased): nothing to wait for.
          if (!(error instanceof ChildWorkflowFailure)) throw error;
        });
      }),
    );
  } else {
    await recordMeetingStatus.executeWithOptions({ summary: 'the meeting was cancelled' }, [
      { meetingId, status: 'cancelled' },
    ]);
  }
  await condition(allHandlersFinished);
  return state;
}
