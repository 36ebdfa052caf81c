import { type Kysely, Migrator } from 'kysely';
import type { Db } from '../../db/connection';
import { migrations } from '../../db/migrations';
import { roundList } from '../../features/rounds/queries';
import { createTestDatabase } from '../support/test-database';

/**
 * Upgrading a database that holds rounds: 030_round_turnout keeps each closed round's ballots sent and
 * answered, so the rounds list reads them instead of counting; an open round is still counted live.
 */
let db: Db;
beforeAll(async () => {
  db = await createTestDatabase('round_turnout');
});
afterAll(() => db?.destroy());

test("the rounds list shows a closed round's kept turnout and an open round's live count", async () => {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  expect((await migrator.migrateTo('028_ballot_counts_index')).error).toBeUndefined();

  // The previous release's schema: three partners' coordinators, one closed round and one open.
  const old = db as unknown as Kysely<any>;
  const partners = ['de-kade', 'het-anker', 'open-huis'];
  await old
    .insertInto('partners')
    .values(partners.map((id) => ({ id, name: id, actor_type: 'civil_society', sector: 'care', language: 'nl' })))
    .execute();
  const contacts = await old
    .insertInto('contacts')
    .values(
      partners.map((id) => ({ partner_id: id, name: 'Coördinator', email: `c@${id}.example`, role: 'coordinator' })),
    )
    .returning(['id', 'partner_id'])
    .execute();
  const round = (id: string, status: string, created: string) => ({
    id,
    idempotency_key: id,
    title: id,
    closes_at: new Date('2027-03-01T12:00:00Z'),
    max_ranked: 3,
    prioritise_top: 1,
    invitees: '{}',
    status,
    closed_at: status === 'closed' ? new Date('2027-03-01T12:00:00Z') : null,
    created_at: new Date(created),
  });
  await old
    .insertInto('prioritisation_rounds')
    .values([round('winter', 'closed', '2027-01-01T00:00:00Z'), round('lente', 'open', '2027-04-01T00:00:00Z')])
    .execute();
  const ballot = (roundId: string, coordinator: number, status: string) => {
    const contact = contacts[coordinator]!;
    return {
      round_id: roundId,
      partner_id: contact.partner_id,
      contact_id: contact.id,
      token_hash: `${roundId}-${contact.id}`,
      reply_token_hash: `${roundId}-${contact.id}-reply`,
      status,
    };
  };
  await old
    .insertInto('ballots')
    .values([
      ballot('winter', 0, 'answered'),
      ballot('winter', 1, 'answered'),
      ballot('winter', 2, 'expired'),
      ballot('lente', 0, 'answered'),
      ballot('lente', 1, 'pending'),
    ])
    .execute();

  expect((await migrator.migrateToLatest()).error).toBeUndefined();
  const kept = await db
    .selectFrom('prioritisation_rounds')
    .select(['id', 'ballots_sent', 'ballots_answered'])
    .orderBy('id')
    .execute();
  expect(kept).toEqual([
    { id: 'lente', ballots_sent: null, ballots_answered: null },
    { id: 'winter', ballots_sent: 3, ballots_answered: 2 },
  ]);
  const list = async () =>
    (await roundList(db)).map((r) => ({ id: r.id, ballots: Number(r.ballots), answered: Number(r.answered) }));
  expect(await list()).toEqual([
    { id: 'lente', ballots: 2, answered: 1 },
    { id: 'winter', ballots: 3, answered: 2 },
  ]);

  // The open round's second ballot answered: its count follows; the closed round's stays as kept.
  await db.updateTable('ballots').set({ status: 'answered' }).where('round_id', '=', 'lente').execute();
  expect(await list()).toEqual([
    { id: 'lente', ballots: 2, answered: 2 },
    { id: 'winter', ballots: 3, answered: 2 },
  ]);
});
