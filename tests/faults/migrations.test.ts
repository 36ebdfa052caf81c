import { type Kysely, Migrator, sql } from 'kysely';
import type { Db } from '../../db/connection';
import { migrateToLatest } from '../../db/migrator';
import { migrations } from '../../db/migrations';
import { createTestDatabase } from '../support/test-database';
import { reportFigures } from './fault-kit';

/**
 * Issue 6, part 6: the migrations (db/migrations, applied by db/migrator.ts at every start) from an
 * empty database, all the way down and up again, and from the previous release's schema with data
 * in it, including `down` then `up` of the newest migration while the data is there.
 */
const names = Object.keys(migrations);
/**
 * The newest migration of the last release that landed (2026-12-01): a round may add several
 * migrations, and each must carry that release's data. Raise it when a release lands.
 */
const previousRelease = '011_partner_records';
const opened: Db[] = [];

async function freshDatabase(): Promise<Db> {
  const db = await createTestDatabase('migrations');
  opened.push(db);
  return db;
}
afterAll(() => Promise.all(opened.map((db) => db.destroy())));

const migrator = (db: Db) => new Migrator({ db, provider: { getMigrations: async () => migrations } });
const tables = async (db: Db) =>
  (
    await sql<{
      table_name: string;
    }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(
      db,
    )
  ).rows.map((r) => r.table_name);
const counts = async (db: Kysely<any>, names: string[]): Promise<Record<string, number>> =>
  Object.fromEntries(
    await Promise.all(
      names.map(async (t) => [
        t,
        Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(t)}`.execute(db)).rows[0]!.n),
      ]),
    ),
  );

test('from an empty database every migration applies in order, once', async () => {
  const db = await freshDatabase();
  const { results = [] } = await migrateToLatest(db);
  expect(results.map((r) => [r.migrationName, r.status])).toEqual(names.map((n) => [n, 'Success']));
  expect(await tables(db)).toEqual(
    expect.arrayContaining([
      'contacts',
      'email_outbox',
      'indicator_values',
      'indicators',
      'journey_events',
      'journeys',
      'partners',
      'project_partners',
      'projects',
      'requests',
    ]),
  );
  // What the app queries works on it: the default indicators are there, the read model is empty.
  expect((await db.selectFrom('indicators').select('key').orderBy('position').execute()).map((r) => r.key)).toEqual([
    'placements_offered',
    'participants_reached',
    'staff_trained',
    'actions_taken',
  ]);
  expect(await db.selectFrom('journeys').selectAll().execute()).toEqual([]);
  // A second start applies nothing.
  expect((await migrateToLatest(db)).results).toEqual([]);
});

test('every migration goes down and up again', async () => {
  const db = await freshDatabase();
  await migrateToLatest(db);
  const all = await tables(db);
  const down: string[] = [];
  for (;;) {
    const { error, results = [] } = await migrator(db).migrateDown();
    expect(error).toBeUndefined();
    if (results.length === 0) break;
    down.push(...results.map((r) => r.migrationName));
  }
  expect(down).toEqual([...names].reverse());
  expect(await tables(db)).toEqual([]);
  await migrateToLatest(db);
  expect(await tables(db)).toEqual(all);
});

test(`from the previous release (${previousRelease}) with data in it: up, down and up again keep the data`, async () => {
  const db = (await freshDatabase()) as unknown as Kysely<any>;
  const { error } = await migrator(db as Db).migrateTo(previousRelease!);
  expect(error).toBeUndefined();

  // A partner in the middle of its journey, as the previous release stored it.
  await db
    .insertInto('partners')
    .values({ id: 'oude-partner', name: 'Oude Partner', actor_type: 'market', sector: 'work', language: 'nl' })
    .execute();
  await db
    .insertInto('contacts')
    .values({
      partner_id: 'oude-partner',
      name: 'Olivia',
      email: 'olivia@oude-partner.example',
      role: 'coordinator',
      language: 'nl',
    })
    .execute();
  await db
    .insertInto('journeys')
    .values({
      partner_id: 'oude-partner',
      workflow_id: 'journey-oude-partner',
      stage: 'monitoring',
      status: 'waiting_partner',
      formalised_at: new Date('2024-03-01T10:00:00Z'),
    })
    .execute();
  await db
    .insertInto('journey_events')
    .values({
      partner_id: 'oude-partner',
      idempotency_key: 'journey/oude-partner/1',
      type: 'journey_started',
      summary: 'gestart',
      data: JSON.stringify({}),
    })
    .execute();
  await db
    .insertInto('requests')
    .values({
      id: 'r-1',
      partner_id: 'oude-partner',
      workflow_id: 'request-r-1',
      kind: 'report',
      recipient_email: 'olivia@oude-partner.example',
      recipient_name: 'Olivia',
      token_hash: 'hash-1',
      topic: JSON.stringify({ kind: 'report' }),
      due_at: new Date('2024-07-01T00:00:00Z'),
      expires_at: new Date('2024-08-01T00:00:00Z'),
    })
    .execute();
  await db
    .insertInto('email_outbox')
    .values({
      idempotency_key: 'request/r-1/0/sent',
      to_address: 'olivia@oude-partner.example',
      subject: 'Rapportering',
      text_body: 't',
      html_body: 'h',
      status: 'sent',
    })
    .execute();
  await db
    .insertInto('projects')
    .values({ id: 'samen', title: 'Samen', description: 'd', levers: JSON.stringify(['agency']), status: 'running' })
    .execute();
  await db
    .insertInto('project_partners')
    .values({ project_id: 'samen', partner_id: 'oude-partner', status: 'confirmed' })
    .execute();
  await db
    .insertInto('indicator_values')
    .values({
      partner_id: 'oude-partner',
      period: 'p1',
      indicator: 'placements_offered',
      value: 7,
      request_id: 'r-1',
      period_start: new Date('2024-04-01T00:00:00Z'),
      period_end: new Date('2024-07-01T00:00:00Z'),
    })
    .execute();
  const dataTables = [
    'partners',
    'contacts',
    'journeys',
    'journey_events',
    'requests',
    'email_outbox',
    'projects',
    'project_partners',
    'indicators',
    'indicator_values',
  ];
  const before = await counts(db, dataTables);

  const up = await migrateToLatest(db as Db);
  const afterUp = await counts(db, dataTables);
  const { error: downError, results: downResults = [] } = await migrator(db as Db).migrateDown();
  const afterDown = await counts(db, dataTables);
  const again = await migrateToLatest(db as Db);
  const afterAgain = await counts(db, dataTables);
  reportFigures('migrations', {
    migrations: names.length,
    previousRelease,
    appliedOnPreviousRelease: up.results?.map((r) => r.migrationName),
    downThenUp: downResults.map((r) => r.migrationName),
    rowsKept: Object.values(afterAgain).reduce((a, b) => a + b, 0),
  });

  expect(up.results?.map((r) => r.status)).toEqual(
    names.slice(names.indexOf(previousRelease!) + 1).map(() => 'Success'),
  );
  expect(afterUp).toEqual(before);
  expect(downError).toBeUndefined();
  expect(downResults.map((r) => r.migrationName)).toEqual([names.at(-1)]);
  expect(afterDown).toEqual(before);
  expect(again.results?.map((r) => r.migrationName)).toEqual([names.at(-1)]);
  expect(afterAgain).toEqual(before);
  // And the data reads back through today's typed schema.
  const journey = await (db as unknown as Db)
    .selectFrom('journeys')
    .innerJoin('partners', 'partners.id', 'journeys.partner_id')
    .select(['partners.name', 'journeys.stage', 'journeys.formalised_at'])
    .executeTakeFirstOrThrow();
  expect(journey).toEqual({
    name: 'Oude Partner',
    stage: 'monitoring',
    formalised_at: new Date('2024-03-01T10:00:00Z'),
  });
  // The round's migrations filled their new columns from the old rows: an old project keeps its id
  // as its idempotency key (012), and an old email names its partner for erasure (013).
  const typed = db as unknown as Db;
  expect(await typed.selectFrom('projects').select('idempotency_key').executeTakeFirstOrThrow()).toEqual({
    idempotency_key: 'samen',
  });
  expect(await typed.selectFrom('email_outbox').select('partner_ids').executeTakeFirstOrThrow()).toEqual({
    partner_ids: ['oude-partner'],
  });
});
