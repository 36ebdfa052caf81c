import { ApplicationFailure } from '@temporalio/common';
import { type Static, Type } from 'typebox';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { brusselsLocal } from '../../domain/brussels-time';
import { ApiError } from '../../http/api-error';
import { meetingWorkflowId } from '../../domain/workflow-ids';
import { updateRefusal } from '../../temporal/update-refusal';
import { cancelMeetingUpdate, changeMeetingUpdate, type MeetingState } from '../../workflows/meeting-definitions';
import type { AppDeps } from '../deps';
import { probeEngine } from '../../temporal/client';
import { refusalToApiError } from '../../temporal/update-errors';
import { meetingSchema, meetingTimes } from './plan-meeting';

const { startsAt, endsAt, place, onlineUrl } = meetingSchema.properties;
/** POST /api/meetings/:id/change, and the staff page's form: a new online link (`https://…`), or '' to remove it. */
export const meetingChangeSchema = Type.Partial(
  Type.Object({ startsAt, endsAt, place, onlineUrl: Type.String({ ...onlineUrl, pattern: '^(https://|$)' }) }),
  { additionalProperties: false, minProperties: 1 },
);
export type MeetingChangeBody = Static<typeof meetingChangeSchema>;

const notFound = (id: string) => new ApiError(404, 'meeting_not_found', `There is no meeting "${id}".`);

/** What the meeting workflow's refusal means for staff: it is over, or it was cancelled. */
export function meetingRefusal(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure)
    return new ApiError(409, 'meeting_closed', error.cause.message);
  return refusalToApiError(
    updateRefusal(error),
    () => new ApiError(409, 'meeting_closed', 'This meeting is over; it can no longer be changed.'),
  );
}

async function plannedMeeting(deps: AppDeps, id: string) {
  const meeting = await deps.db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!meeting) throw notFound(id);
  if (meeting.status !== 'planned')
    throw new ApiError(409, 'meeting_closed', `This meeting was ${meeting.status}; it can no longer be changed.`);
  return meeting;
}

/**
 * A new time or place: stored, then the workflow mails an updated invitation (SEQUENCE+1) to
 * everyone, keeping their answers unless the day changed. The row and the Update go together: a
 * refused Update (the meeting started, was cancelled) rolls the row back.
 */
export async function changeMeeting(deps: AppDeps, id: string, body: MeetingChangeBody): Promise<MeetingState> {
  const meeting = await plannedMeeting(deps, id);
  const times = meetingTimes(
    body.startsAt ?? brusselsLocal(meeting.starts_at.getTime()),
    body.endsAt ?? brusselsLocal(meeting.ends_at.getTime()),
  );
  if (!('start' in times))
    throw new ApiError(
      400,
      'invalid_request',
      times.problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      times.problems,
    );
  const sequence = meeting.sequence + 1;
  try {
    await probeEngine(deps.temporal);
    return await deps.db.transaction().execute(async (tx) => {
      const changed = await tx
        .updateTable('meetings')
        .set({
          starts_at: times.start,
          ends_at: times.end,
          place: body.place?.trim() ?? meeting.place,
          online_url: body.onlineUrl === undefined ? meeting.online_url : body.onlineUrl || null,
          sequence,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('sequence', '=', meeting.sequence)
        .executeTakeFirst();
      if (!changed.numUpdatedRows)
        throw new ApiError(409, 'meeting_changed', 'The meeting was changed meanwhile; reload it and try again.');
      return deps.temporal.workflow.getHandle(meetingWorkflowId(id)).executeUpdate(changeMeetingUpdate, {
        args: [{ sequence, startsAt: times.start.toISOString(), endsAt: times.end.toISOString() }],
      });
    });
  } catch (error) {
    throw meetingRefusal(error);
  }
}

/** Cancels a planned meeting: the workflow mails a CANCEL to everyone and records it. */
export async function cancelMeeting(deps: AppDeps, id: string): Promise<MeetingState> {
  await plannedMeeting(deps, id);
  try {
    await probeEngine(deps.temporal);
    return await deps.temporal.workflow.getHandle(meetingWorkflowId(id)).executeUpdate(cancelMeetingUpdate);
  } catch (error) {
    throw meetingRefusal(error);
  }
}
