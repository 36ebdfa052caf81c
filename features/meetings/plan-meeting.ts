import { randomUUID } from 'node:crypto';
import { type Static, Type } from 'typebox';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { brusselsDay, parseBrusselsLocal } from '../../domain/brussels-time';
import type { FieldProblem } from '../../domain/field-problem';
import { partnerIdFromName } from '../../domain/partner';
import { MeetingIdKey, SectorKey } from '../../domain/search-attributes';
import { levers, sectors } from '../../domain/vocabulary';
import { meetingWorkflowId } from '../../domain/workflow-ids';
import { ApiError, engineUnavailable } from '../../http/api-error';
import { hashToken } from '../../security/request-tokens';
import { meetingLinkToken, meetingReplyToken } from '../../security/meeting-tokens';
import type { MeetingInput } from '../../workflows/meeting-definitions';
import type { Db } from '../../db/connection';
import type { AppDeps } from '../deps';
import { chosenContacts, inviteeChoiceFields } from '../partners/invitee-choice';
import { startWorkflow } from '../../temporal/start-workflow';
import { probeEngine } from '../../temporal/client';
import { idempotencyKeySchema } from '../../http/idempotency-key';
import { oneLineText } from '../../http/one-line-text';
import { invalidRequest } from '../../http/validation';
import { vocabularyKey } from '../../http/vocabulary-schema';

const brusselsLocal = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$' });

/** Whom to invite (features/partners/invitee-choice.ts), and whether the signatories too. */
const inviteeChoice = Type.Object(
  {
    ...inviteeChoiceFields(500),
    /** Invite the signatories too, not only the coordinators. */
    signatories: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type InviteeChoice = Static<typeof inviteeChoice>;

/** POST /api/meetings, and the staff page's form. */
export const meetingSchema = Type.Object(
  {
    title: oneLineText(3, 200),
    /** The sector or cluster the meeting is for, if one. */
    sector: Type.Optional(vocabularyKey(sectors)),
    levers: Type.Optional(Type.Array(vocabularyKey(levers), { uniqueItems: true })),
    /** Brussels time, `2027-01-14T14:00`. */
    startsAt: brusselsLocal,
    endsAt: brusselsLocal,
    place: oneLineText(1, 500),
    onlineUrl: Type.Optional(Type.String({ maxLength: 1000, pattern: '^https://' })),
    agenda: Type.String({ minLength: 1, maxLength: 10_000, pattern: '\\S' }),
    invitees: inviteeChoice,
    /** The same key again plans nothing (409 with the meeting's id); without one, the title and the day are the key. */
    idempotencyKey: Type.Optional(idempotencyKeySchema),
  },
  { additionalProperties: false },
);
export type MeetingBody = Static<typeof meetingSchema>;

/** Start and end as instants, or the problems with them: both Brussels times, the start ahead, the end after it. */
export function meetingTimes(
  startsAt: string,
  endsAt: string,
): { start: Date; end: Date; problems: [] } | { problems: FieldProblem[] } {
  const start = parseBrusselsLocal(startsAt);
  const end = parseBrusselsLocal(endsAt);
  const problems: FieldProblem[] = [];
  if (!start)
    problems.push({ field: 'startsAt', message: 'must be a date and time in Brussels, e.g. 2027-01-14T14:00' });
  else if (start.getTime() <= Date.now()) problems.push({ field: 'startsAt', message: 'must be in the future' });
  if (!end) problems.push({ field: 'endsAt', message: 'must be a date and time in Brussels, e.g. 2027-01-14T16:00' });
  else if (start && end.getTime() <= start.getTime())
    problems.push({ field: 'endsAt', message: 'must be after startsAt' });
  return start && end && !problems.length ? { start, end, problems: [] } : { problems };
}

/**
 * Plans a meeting and starts its workflow, which mails every invitee: the one way to plan one, for
 * the JSON API and the staff page alike. Bad input is a 400 naming the field, with nothing stored.
 */
export async function planMeeting(
  deps: AppDeps,
  body: MeetingBody,
): Promise<{ id: string; workflowId: string; invitees: number }> {
  const times = meetingTimes(body.startsAt, body.endsAt);
  if (times.problems.length || !('start' in times)) throw invalidRequest(times.problems);
  const titleKey = `${partnerIdFromName(body.title)}-${brusselsDay(times.start.getTime())}`;
  if (titleKey.startsWith('-')) throw invalidRequest([{ field: 'title', message: 'must contain letters or digits' }]);
  // Opaque: an id built from the title could name a person, and would show the first day after a move.
  const id = randomUUID();
  const idempotencyKey = body.idempotencyKey ?? titleKey;

  const contacts = await inviteesOf(deps, body.invitees);
  if (!contacts.length)
    throw invalidRequest([
      {
        field: 'invitees',
        message: 'no partner with a running journey matches; choose a sector, actor type, stage or partners',
      },
    ]);

  const secret = deps.config.tokenSecret ?? '';
  await deps.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('meetings')
      .values({
        id,
        idempotency_key: idempotencyKey,
        title: body.title.trim(),
        sector: body.sector ?? null,
        levers: JSON.stringify(body.levers ?? []),
        starts_at: times.start,
        ends_at: times.end,
        place: body.place.trim(),
        online_url: body.onlineUrl ?? null,
        agenda: body.agenda,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw await alreadyPlanned(tx, idempotencyKey, body.idempotencyKey !== undefined);
    const invitees = await tx
      .insertInto('meeting_invitees')
      .values(
        contacts.map((c) => ({
          meeting_id: id,
          partner_id: c.partner_id,
          contact_id: c.id,
          token_hash: hashToken(meetingLinkToken(secret, id, c.id, 0)),
          reply_token_hash: hashToken(meetingReplyToken(secret, id, c.id, 0)),
        })),
      )
      .returning('id')
      .execute();
    const input: MeetingInput = {
      meetingId: id,
      ...(body.sector ? { sector: body.sector } : {}),
      startsAt: times.start.toISOString(),
      endsAt: times.end.toISOString(),
      inviteeIds: invitees.map((i) => i.id),
      policy: deps.config.policy,
    };
    try {
      await probeEngine(deps.temporal);
      await startWorkflow(deps.temporal, 'meeting', {
        workflowId: meetingWorkflowId(id),
        taskQueue: deps.config.temporal.taskQueue,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: `follow-up meeting ${id}: ${invitees.length} invitees${body.sector ? `, sector ${body.sector}` : ''}`,
        typedSearchAttributes: [
          { key: MeetingIdKey, value: id },
          ...(body.sector ? [{ key: SectorKey, value: body.sector }] : []),
        ],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError)
        throw new ApiError(409, 'meeting_exists', `Meeting "${id}" already exists.`, { id });
      throw engineUnavailable();
    }
  });
  return { id, workflowId: meetingWorkflowId(id), invitees: contacts.length };
}

/** 409 naming the meeting planned before with the same key. */
async function alreadyPlanned(db: Db, idempotencyKey: string, keyGiven: boolean): Promise<ApiError> {
  const { id } = await db
    .selectFrom('meetings')
    .select('id')
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirstOrThrow();
  const what = keyGiven ? 'this form or idempotency key' : 'this title on this day';
  return new ApiError(409, 'meeting_exists', `A meeting "${id}" was already planned with ${what}.`, { id });
}

/** The coordinators (and, if asked, signatories) of the chosen partners whose journey has not ended. */
const inviteesOf = (deps: AppDeps, choice: InviteeChoice) =>
  chosenContacts(deps.db, choice, {
    roles: choice.signatories ? ['coordinator', 'signatory'] : ['coordinator'],
    whenNone: 'nobody',
  });
