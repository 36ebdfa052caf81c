import { randomUUID } from 'node:crypto';
import { type Static, Type } from 'typebox';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { parseBrusselsLocal } from '../../domain/brussels-time';
import type { FieldProblem } from '../../domain/field-problem';
import { roundWorkflowId } from '../../domain/workflow-ids';
import { ApiError, engineUnavailable } from '../../http/api-error';
import { idempotencyKeySchema } from '../../http/idempotency-key';
import { oneLineText } from '../../http/one-line-text';
import { invalidRequest } from '../../http/validation';
import { ballotLinkToken, ballotReplyToken } from '../../security/ballot-tokens';
import { hashToken } from '../../security/request-tokens';
import { probeEngine } from '../../temporal/client';
import { startWorkflow } from '../../temporal/start-workflow';
import type { RoundInput } from '../../workflows/round-definitions';
import type { AppDeps } from '../deps';
import { chosenContacts, inviteeChoiceFields } from '../partners/invitee-choice';

/**
 * Whom a round asks: partners matching every filter given, plus those chosen one by one (as a
 * meeting's invitees); with neither, every formalised partner (stage prototype or monitoring).
 */
const roundInvitees = Type.Object(inviteeChoiceFields(5000), { additionalProperties: false });
export type RoundInvitees = Static<typeof roundInvitees>;

/** POST /api/prioritisation-rounds, and the staff page's form. */
export const roundSchema = Type.Object(
  {
    title: oneLineText(3, 200),
    initiativeIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 }),
    invitees: roundInvitees,
    /** Brussels time, `2027-01-14T17:00`. */
    closesAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$' }),
    /** N: how many initiatives a partner may rank. */
    maxRanked: Type.Integer({ minimum: 1, maximum: 50 }),
    /** K: how many of the result become `prioritised`. */
    prioritiseTop: Type.Integer({ minimum: 1, maximum: 200 }),
    /** The same key again opens nothing (409 with the round's id). */
    idempotencyKey: Type.Optional(idempotencyKeySchema),
  },
  { additionalProperties: false },
);
export type RoundBody = Static<typeof roundSchema>;

/**
 * Opens a prioritisation round and starts its workflow, which mails each partner's coordinator a
 * ballot: the one way to open one, for the JSON API and the staff page alike. Bad input is a 400
 * naming the field, with nothing stored.
 */
export async function openRound(
  deps: AppDeps,
  body: RoundBody,
): Promise<{ id: string; workflowId: string; status: 'open'; ballots: number }> {
  const problems: FieldProblem[] = [];
  const closesAt = parseBrusselsLocal(body.closesAt);
  if (!closesAt)
    problems.push({ field: 'closesAt', message: 'must be a date and time in Brussels, e.g. 2027-01-14T17:00' });
  else if (closesAt.getTime() <= Date.now()) problems.push({ field: 'closesAt', message: 'must be in the future' });
  const initiativeIds = body.initiativeIds;
  if (!initiativeIds.length) problems.push({ field: 'initiativeIds', message: 'choose at least one initiative' });
  const twice = initiativeIds.filter((id, index) => initiativeIds.indexOf(id) !== index);
  if (twice.length) problems.push({ field: 'initiativeIds', message: `listed more than once: ${twice.join(', ')}` });
  if (initiativeIds.length) {
    const known = await deps.db.selectFrom('initiatives').select('id').where('id', 'in', initiativeIds).execute();
    const unknown = initiativeIds.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length) problems.push({ field: 'initiativeIds', message: `unknown initiative ${unknown.join(', ')}` });
  }
  if (body.prioritiseTop > initiativeIds.length && initiativeIds.length)
    problems.push({
      field: 'prioritiseTop',
      message: `must be at most the number of initiatives (${initiativeIds.length})`,
    });
  if (problems.length || !closesAt) throw invalidRequest(problems);

  const contacts = await chosenCoordinators(deps, body.invitees);
  if (!contacts.length)
    throw invalidRequest([
      {
        field: 'invitees',
        message:
          'no partner with a running journey and a coordinator matches; choose a sector, actor type, stage or partners',
      },
    ]);

  const id = randomUUID();
  const idempotencyKey = body.idempotencyKey ?? `round-${id}`;
  const secret = deps.config.tokenSecret ?? '';
  await deps.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('prioritisation_rounds')
      .values({
        id,
        idempotency_key: idempotencyKey,
        title: body.title.trim(),
        closes_at: closesAt,
        max_ranked: body.maxRanked,
        prioritise_top: body.prioritiseTop,
        invitees: JSON.stringify(body.invitees),
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const { id: existing } = await tx
        .selectFrom('prioritisation_rounds')
        .select('id')
        .where('idempotency_key', '=', idempotencyKey)
        .executeTakeFirstOrThrow();
      throw new ApiError(409, 'round_exists', `A round "${existing}" was already opened with this form or key.`, {
        id: existing,
      });
    }
    await tx
      .insertInto('round_initiatives')
      .values(
        initiativeIds.map((initiativeId, index) => ({ round_id: id, initiative_id: initiativeId, number: index + 1 })),
      )
      .execute();
    const ballots = await tx
      .insertInto('ballots')
      .values(
        contacts.map((c) => ({
          round_id: id,
          partner_id: c.partner_id,
          contact_id: c.id,
          token_hash: hashToken(ballotLinkToken(secret, id, c.id, 0)),
          reply_token_hash: hashToken(ballotReplyToken(secret, id, c.id, 0)),
        })),
      )
      .returning('id')
      .execute();
    const input: RoundInput = {
      roundId: id,
      closesAt: closesAt.toISOString(),
      maxRanked: body.maxRanked,
      initiativeIds,
      ballotIds: ballots.map((b) => b.id),
      policy: deps.config.policy,
    };
    try {
      await probeEngine(deps.temporal);
      await startWorkflow(deps.temporal, 'prioritisationRound', {
        workflowId: roundWorkflowId(id),
        taskQueue: deps.config.temporal.taskQueue,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: `prioritisation round ${id}: ${initiativeIds.length} initiatives, ${ballots.length} ballots, N=${body.maxRanked}, K=${body.prioritiseTop}`,
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError)
        throw new ApiError(409, 'round_exists', `Round "${id}" already exists.`, { id });
      throw engineUnavailable();
    }
  });
  return { id, workflowId: roundWorkflowId(id), status: 'open', ballots: contacts.length };
}

/** One coordinator per chosen partner whose journey has not ended (the first, if a partner has several). */
async function chosenCoordinators(deps: AppDeps, choice: RoundInvitees) {
  const rows = await chosenContacts(deps.db, choice, { roles: ['coordinator'], whenNone: 'formalised' });
  return rows.filter((row, index) => index === 0 || rows[index - 1]!.partner_id !== row.partner_id);
}
