import { randomUUID } from 'node:crypto';
import { type Static, Type } from 'typebox';
import { levers } from '../../domain/vocabulary';
import { meetingWorkflowId } from '../../domain/workflow-ids';
import { ApiError } from '../../http/api-error';
import { parseBrusselsLocal } from '../../domain/brussels-time';
import { type MeetingState, recordMinutesUpdate } from '../../workflows/meeting-definitions';
import type { AppDeps } from '../deps';
import { probeEngine } from '../../temporal/client';
import { invalidRequest } from '../../http/validation';
import { vocabularyKey } from '../../http/vocabulary-schema';
import { meetingRefusal } from './change-meeting';
import { insertInitiative } from '../../db/initiatives';
import { initiativeTitleOf } from '../../domain/initiatives';

/** POST /api/meetings/:id/minutes, and the staff page's form. */
export const minutesSchema = Type.Object(
  {
    /** The invitees (ids from GET /api/meetings/:id) who came. */
    attended: Type.Array(Type.Integer({ minimum: 1 }), { uniqueItems: true, maxItems: 1000 }),
    minutes: Type.String({ minLength: 1, maxLength: 50_000, pattern: '\\S' }),
    initiatives: Type.Optional(
      Type.Array(
        Type.Object(
          {
            text: Type.String({ minLength: 3, maxLength: 5000, pattern: '\\S' }),
            levers: Type.Array(vocabularyKey(levers), { uniqueItems: true }),
            partnerIds: Type.Array(Type.String({ minLength: 1 }), { uniqueItems: true, maxItems: 200 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    /** Each agreed action: its owner partner, what, and by when (a date, Brussels). */
    actions: Type.Optional(
      Type.Array(
        Type.Object(
          {
            ownerPartnerId: Type.String({ minLength: 1 }),
            description: Type.String({ minLength: 3, maxLength: 5000, pattern: '\\S' }),
            dueDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type MinutesBody = Static<typeof minutesSchema>;

/**
 * After the meeting: who came, the minutes, the initiatives proposed (into the portfolio, origin `minutes`)
 * and the actions agreed. Stored in one transaction with the workflow's `recordMinutes` Update.
 */
export async function recordMinutes(deps: AppDeps, id: string, body: MinutesBody): Promise<MeetingState> {
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
    throw invalidRequest([{ field: 'attended', message: `not invited: ${unknownInvitees.join(', ')}` }]);
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
    throw invalidRequest(unknownPartners.map((n) => ({ field: n.field, message: `unknown partner ${n.p}` })));
  const dues = (body.actions ?? []).map((a) => parseBrusselsLocal(`${a.dueDate}T23:59`));
  const badDue = dues.flatMap((due, n) => (!due || due.getTime() <= Date.now() ? [n] : []));
  if (badDue.length)
    throw invalidRequest(
      badDue.map((n) => ({ field: `actions.${n}.dueDate`, message: 'must be a date from today on' })),
    );

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
      // Straight into the portfolio: proposed at this meeting, by the partners named.
      for (const [n, initiative] of (body.initiatives ?? []).entries())
        await insertInitiative(
          tx,
          {
            title: initiativeTitleOf(initiative.text),
            description: initiative.text,
            levers: initiative.levers,
            kind: 'proposal',
            partnerIds: initiative.partnerIds,
            idempotencyKey: `minutes/${id}/${n}`,
          },
          { origin: 'minutes', originRef: id, partnerRole: 'proposer' },
        );
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
