import { randomUUID } from 'node:crypto';
import { levers, type Lever } from '../../domain/vocabulary';
import type { FieldProblem } from '../../domain/field-problem';
import { meetingWorkflowId } from '../../domain/workflow-ids';
import { ApiError } from '../../http/api-error';
import { parseBrusselsLocal } from '../../domain/brussels-time';
import { type MeetingState, recordMinutesUpdate } from '../../workflows/meeting-definitions';
import type { AppDeps } from '../deps';
import { probeEngine } from '../../temporal/client';
import { compileValidator } from '../../http/validation';
import { meetingRefusal } from './change-meeting';

export interface MinutesBody {
  /** The invitees (ids from GET /api/meetings/:id) who came. */
  attended: number[];
  minutes: string;
  initiatives?: { text: string; levers: Lever[]; partnerIds: string[] }[];
  /** Each agreed action: its owner partner, what, and by when (a date, Brussels). */
  actions?: { ownerPartnerId: string; description: string; dueDate: string }[];
}

export const minutesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['attended', 'minutes'],
  properties: {
    attended: { type: 'array', uniqueItems: true, maxItems: 1000, items: { type: 'integer', minimum: 1 } },
    minutes: { type: 'string', minLength: 1, maxLength: 50_000, pattern: '\\S' },
    initiatives: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['text', 'levers', 'partnerIds'],
        properties: {
          text: { type: 'string', minLength: 3, maxLength: 5000, pattern: '\\S' },
          levers: { type: 'array', uniqueItems: true, items: { type: 'string', enum: levers.keys } },
          partnerIds: { type: 'array', uniqueItems: true, maxItems: 200, items: { type: 'string', minLength: 1 } },
        },
      },
    },
    actions: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['ownerPartnerId', 'description', 'dueDate'],
        properties: {
          ownerPartnerId: { type: 'string', minLength: 1 },
          description: { type: 'string', minLength: 3, maxLength: 5000, pattern: '\\S' },
          dueDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        },
      },
    },
  },
} as const;
const validateMinutes = compileValidator(minutesSchema);

const invalid = (problems: FieldProblem[]) =>
  new ApiError(400, 'invalid_request', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);

/**
 * After the meeting: who came, the minutes, the initiatives proposed (kept for a later portfolio)
 * and the actions agreed. Stored in one transaction with the workflow's `recordMinutes` Update.
 */
export async function recordMinutes(deps: AppDeps, id: string, body: MinutesBody): Promise<MeetingState> {
  const problems = validateMinutes(body);
  if (problems.length) throw invalid(problems);
  const meeting = await deps.db
    .selectFrom('meetings')
    .select(['status', 'starts_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!meeting) throw new ApiError(404, 'meeting_not_found', `There is no meeting "${id}".`);
  if (meeting.status === 'cancelled') throw new ApiError(409, 'meeting_closed', 'This meeting was cancelled.');
  if (meeting.starts_at.getTime() > Date.now())
    throw new ApiError(409, 'meeting_not_held', 'Minutes can be recorded once the meeting has started.');
  const invitees = await deps.db
    .selectFrom('meeting_invitees')
    .select(['id', 'partner_id'])
    .where('meeting_id', '=', id)
    .execute();
  const unknownInvitees = body.attended.filter((a) => !invitees.some((i) => i.id === a));
  if (unknownInvitees.length)
    throw invalid([{ field: 'attended', message: `not invited: ${unknownInvitees.join(', ')}` }]);
  const named = [
    ...(body.initiatives ?? []).flatMap((i, n) =>
      i.partnerIds.map((p) => ({ field: `initiatives.${n}.partnerIds`, p })),
    ),
    ...(body.actions ?? []).map((a, n) => ({ field: `actions.${n}.ownerPartnerId`, p: a.ownerPartnerId })),
  ];
  const known = named.length
    ? await deps.db
        .selectFrom('partners')
        .select('id')
        .where('id', 'in', [...new Set(named.map((n) => n.p))])
        .execute()
    : [];
  const unknownPartners = named.filter((n) => !known.some((k) => k.id === n.p));
  if (unknownPartners.length)
    throw invalid(unknownPartners.map((n) => ({ field: n.field, message: `unknown partner ${n.p}` })));
  const dues = (body.actions ?? []).map((a) => parseBrusselsLocal(`${a.dueDate}T23:59`));
  const badDue = dues.flatMap((due, n) => (!due || due.getTime() <= Date.now() ? [n] : []));
  if (badDue.length)
    throw invalid(badDue.map((n) => ({ field: `actions.${n}.dueDate`, message: 'must be a date from today on' })));

  try {
    await probeEngine(deps.temporal);
    return await deps.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('meetings')
        .set({ minutes: body.minutes, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      for (const invitee of invitees)
        await tx
          .updateTable('meeting_invitees')
          .set({ attended: body.attended.includes(invitee.id) })
          .where('id', '=', invitee.id)
          .execute();
      if (body.initiatives?.length)
        await tx
          .insertInto('meeting_initiatives')
          .values(
            body.initiatives.map((i) => ({
              meeting_id: id,
              text: i.text,
              levers: JSON.stringify(i.levers),
              partner_ids: JSON.stringify(i.partnerIds),
            })),
          )
          .execute();
      const actionIds = (body.actions ?? []).map(() => randomUUID());
      if (body.actions?.length)
        await tx
          .insertInto('meeting_actions')
          .values(
            body.actions.map((a, n) => ({
              id: actionIds[n]!,
              meeting_id: id,
              owner_partner_id: a.ownerPartnerId,
              description: a.description,
              due_at: dues[n]!,
            })),
          )
          .execute();
      return deps.temporal.workflow.getHandle(meetingWorkflowId(id)).executeUpdate(recordMinutesUpdate, {
        args: [
          {
            attendedInviteeIds: body.attended,
            actions: (body.actions ?? []).map((a, n) => ({
              actionId: actionIds[n]!,
              ownerPartnerId: a.ownerPartnerId,
            })),
          },
        ],
      });
    });
  } catch (error) {
    throw meetingRefusal(error);
  }
}
