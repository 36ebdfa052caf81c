import { randomUUID } from 'node:crypto';
import { roundWorkflowId } from '../../domain/workflow-ids';
import { ballotLinkToken, ballotReplyToken } from '../../security/ballot-tokens';
import { hashToken } from '../../security/request-tokens';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { ballotUpdate, type RoundInput } from '../../workflows/round-definitions';
import { readJson } from '../support/http';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * A round closes by itself at its closing time (its workflow's timer): the ballots not answered by
 * then expire, the count is stored, and a ranking after it is told the round has closed. The API
 * takes closing times to the minute, so this test stores a round closing in seconds as the API would
 * and starts its workflow itself.
 */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({ PACT_REMINDER_AFTER: '1h', PACT_ESCALATE_AFTER: '2h', PACT_EXPIRE_AFTER: '3h' });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

test('at its closing time the round closes itself: the unanswered ballot expires, the answered one counts', async () => {
  const partners = [await actors.onboard('Klok Noord'), await actors.onboard('Klok Zuid')];
  const initiatives = [randomUUID(), randomUUID()];
  await system.db
    .insertInto('initiatives')
    .values(
      initiatives.map((id, n) => ({
        id,
        idempotency_key: `test-${id}`,
        title: `Initiatief ${n === 0 ? 'Noord' : 'Zuid'}`,
        description: 'Beschrijving.',
        kind: 'proposal' as const,
        origin: 'staff' as const,
        levers: JSON.stringify(['trust']),
      })),
    )
    .execute();
  const roundId = randomUUID();
  const closesAt = new Date(Date.now() + 12_000);
  await system.db
    .insertInto('prioritisation_rounds')
    .values({
      id: roundId,
      idempotency_key: `round-${roundId}`,
      title: 'Snelle ronde',
      closes_at: closesAt,
      max_ranked: 2,
      prioritise_top: 1,
      invitees: JSON.stringify({ partnerIds: partners }),
    })
    .execute();
  await system.db
    .insertInto('round_initiatives')
    .values(initiatives.map((id, n) => ({ round_id: roundId, initiative_id: id, number: n + 1 })))
    .execute();
  const secret = system.config.tokenSecret!;
  const contacts = await system.db
    .selectFrom('contacts')
    .select(['id', 'partner_id'])
    .where('partner_id', 'in', partners)
    .where('role', '=', 'coordinator')
    .orderBy('partner_id')
    .execute();
  const ballots = await system.db
    .insertInto('ballots')
    .values(
      contacts.map((c) => ({
        round_id: roundId,
        partner_id: c.partner_id,
        contact_id: c.id,
        token_hash: hashToken(ballotLinkToken(secret, roundId, c.id, 0)),
        reply_token_hash: hashToken(ballotReplyToken(secret, roundId, c.id, 0)),
      })),
    )
    .returning(['id', 'partner_id'])
    .execute();
  const input: RoundInput = {
    roundId,
    closesAt: closesAt.toISOString(),
    maxRanked: 2,
    initiativeIds: initiatives,
    ballotIds: ballots.map((b) => b.id),
    policy: system.config.policy,
  };
  const handle = await system.temporal.workflow.start('prioritisationRound', {
    taskQueue: system.config.temporal.taskQueue,
    workflowId: roundWorkflowId(roundId),
    args: [input],
  });

  const north = partners.find((p) => p === 'klok-noord')!;
  const message = await actors.nextEmail(actors.addresses(north).coordinator, /Stem mee: Snelle ronde/);
  const link = new RegExp(`${system.url}/b/[A-Za-z0-9_-]{43}`).exec(message.text)![0];
  expect((await actors.post(link, { ranking: [initiatives[1]] })).status).toBe(200);
  // The workflow's validator refuses a ballot not of this round, and one it could not count, whoever sends it.
  const refusal = (given: { ballotId: number; ranking: string[] }) =>
    handle.executeUpdate(ballotUpdate, { args: [{ ...given, via: 'api' }] }).then(
      () => 'taken',
      (error: unknown) =>
        error instanceof WorkflowUpdateFailedError ? (error.cause as ApplicationFailure).type : error,
    );
  expect(await refusal({ ballotId: 999_999, ranking: [initiatives[0]!] })).toBe('UnknownBallot');
  expect(await refusal({ ballotId: ballots[1]!.id, ranking: [initiatives[0]!, initiatives[0]!] })).toBe(
    'InvalidRanking',
  );

  const state = await handle.result();
  expect(state).toMatchObject({ status: 'closed', closedBy: 'timer' });
  const round = await readJson(await system.staffFetch(`/api/prioritisation-rounds/${roundId}`));
  expect(round.status).toBe('closed');
  expect(round.result).toMatchObject([
    { initiativeId: initiatives[1], score: 2, rank: 1 },
    { initiativeId: initiatives[0], score: 0, rank: 2 },
  ]);
  expect(round.ballots.map((b: { partnerId: string; status: string }) => [b.partnerId, b.status])).toEqual([
    ['klok-noord', 'answered'],
    ['klok-zuid', 'expired'],
  ]);
  const stored = await system.db
    .selectFrom('prioritisation_rounds')
    .select(['closed_by', 'closed_at'])
    .where('id', '=', roundId)
    .executeTakeFirstOrThrow();
  expect(stored.closed_by).toBe('timer');
  expect(stored.closed_at!.getTime()).toBeGreaterThanOrEqual(closesAt.getTime());

  const late = await actors.post(link, { ranking: [initiatives[0]] });
  expect(late.status).toBe(410);
  expect(late.body.error.message).toBe('This vote has closed; nothing was changed.');
  const expired = await system.db
    .selectFrom('journey_events')
    .select('type')
    .where('partner_id', '=', 'klok-zuid')
    .where('type', '=', 'ballot_expired')
    .execute();
  expect(expired).toHaveLength(1);
}, 60_000);
