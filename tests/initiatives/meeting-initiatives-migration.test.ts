import { type Kysely, Migrator, sql } from 'kysely';
import type { Db } from '../../db/connection';
import { migrations } from '../../db/migrations';
import { createTestDatabase } from '../support/test-database';

/**
 * 016 on stored data: the initiatives proposed at meetings (meeting_initiatives, loose text) move
 * into the portfolio: text → description, its first line (at most 200 characters) → title, levers
 * kept, the partners named → proposers, origin 'minutes' with the meeting as its reference; the old
 * table goes. Down recreates it and moves them back, and leaves the other initiatives alone.
 */
let db: Db;
beforeAll(async () => {
  db = await createTestDatabase('initiatives_migration');
});
afterAll(() => db?.destroy());

const migrator = () => new Migrator({ db, provider: { getMigrations: async () => migrations } });
const names = Object.keys(migrations);
const beforePortfolioMove = names[names.indexOf('017_meeting_initiatives_to_portfolio') - 1]!;
const old = () => db as unknown as Kysely<any>;
const longLine = `Een gedeelde stagebank ${'met heel veel plaatsen '.repeat(12)}`.trim();

const oldRows = async () =>
  (
    await sql<{ meeting_id: string; text: string; levers: string[]; partner_ids: string[] }>`
      select meeting_id, text, levers, partner_ids from meeting_initiatives order by meeting_id, text`.execute(db)
  ).rows;

test('meeting initiatives move into the portfolio, and back', async () => {
  expect((await migrator().migrateTo(beforePortfolioMove)).error).toBeUndefined();
  await old()
    .insertInto('partners')
    .values([
      { id: 'mig-atlas', name: 'Mig Atlas', actor_type: 'market', sector: 'work', language: 'nl' },
      { id: 'mig-baken', name: 'Mig Baken', actor_type: 'state', sector: 'care', language: 'nl' },
    ])
    .execute();
  const meeting = (id: string) => ({
    id,
    idempotency_key: `key-${id}`,
    title: `Bijeenkomst ${id}`,
    levers: JSON.stringify(['agency']),
    starts_at: new Date('2026-10-01T12:00:00Z'),
    ends_at: new Date('2026-10-01T14:00:00Z'),
    place: 'Gent',
    agenda: 'Agenda',
    status: 'held',
  });
  await old()
    .insertInto('meetings')
    .values([meeting('m-herfst'), meeting('m-winter')])
    .execute();
  await old()
    .insertInto('meeting_initiatives')
    .values([
      {
        meeting_id: 'm-herfst',
        text: 'Gezamenlijke stagebeurs\nIn het voorjaar, met alle partners uit de zorg.',
        levers: JSON.stringify(['agency', 'trust']),
        partner_ids: JSON.stringify(['mig-atlas', 'mig-baken']),
      },
      {
        meeting_id: 'm-herfst',
        text: `${longLine}\r\nen een tweede regel`,
        levers: JSON.stringify([]),
        partner_ids: JSON.stringify([]),
      },
      {
        meeting_id: 'm-winter',
        text: '\n  Taalcoaching op de werkvloer  \nDetails volgen.',
        levers: JSON.stringify(['quality_of_life']),
        partner_ids: JSON.stringify(['mig-baken']),
      },
    ])
    .execute();
  const before = await oldRows();

  expect((await migrator().migrateTo('017_meeting_initiatives_to_portfolio')).error).toBeUndefined();
  const moved = await old()
    .selectFrom('initiatives')
    .select(['id', 'title', 'description', 'kind', 'origin', 'origin_ref', 'levers', 'status'])
    .orderBy('origin_ref')
    .orderBy('title')
    .execute();
  expect(moved.map(({ id: _id, ...rest }) => rest)).toEqual([
    {
      title: longLine.slice(0, 200),
      description: `${longLine}\r\nen een tweede regel`,
      kind: 'proposal',
      origin: 'minutes',
      origin_ref: 'm-herfst',
      levers: [],
      status: 'proposed',
    },
    {
      title: 'Gezamenlijke stagebeurs',
      description: 'Gezamenlijke stagebeurs\nIn het voorjaar, met alle partners uit de zorg.',
      kind: 'proposal',
      origin: 'minutes',
      origin_ref: 'm-herfst',
      levers: ['agency', 'trust'],
      status: 'proposed',
    },
    {
      title: 'Taalcoaching op de werkvloer',
      description: '\n  Taalcoaching op de werkvloer  \nDetails volgen.',
      kind: 'proposal',
      origin: 'minutes',
      origin_ref: 'm-winter',
      levers: ['quality_of_life'],
      status: 'proposed',
    },
  ]);
  expect(moved.every((i) => /^[0-9a-f-]{36}$/.test(i.id))).toBe(true);
  const partners = await old()
    .selectFrom('initiative_partners')
    .innerJoin('initiatives', 'initiatives.id', 'initiative_partners.initiative_id')
    .select(['initiatives.title', 'initiative_partners.partner_id', 'initiative_partners.role'])
    .orderBy('initiatives.title')
    .orderBy('initiative_partners.partner_id')
    .execute();
  expect(partners).toEqual([
    { title: 'Gezamenlijke stagebeurs', partner_id: 'mig-atlas', role: 'proposer' },
    { title: 'Gezamenlijke stagebeurs', partner_id: 'mig-baken', role: 'proposer' },
    { title: 'Taalcoaching op de werkvloer', partner_id: 'mig-baken', role: 'proposer' },
  ]);
  const tables = async () =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from pg_tables where tablename = 'meeting_initiatives'`.execute(db)
    ).rows[0]!.n;
  expect(await tables()).toBe(0);

  // Staff add one of their own meanwhile: down leaves it in the portfolio.
  await old()
    .insertInto('initiatives')
    .values({
      id: '6f1d3c2a-0000-4000-8000-000000000001',
      idempotency_key: 'staff/buddy',
      title: 'Buddy',
      description: 'Buddywerking',
      kind: 'existing',
      origin: 'staff',
      levers: JSON.stringify(['trust']),
    })
    .execute();

  expect((await migrator().migrateTo(beforePortfolioMove)).error).toBeUndefined();
  expect(await tables()).toBe(1);
  expect(await oldRows()).toEqual(before);
  expect(
    (await old().selectFrom('initiatives').select(['title', 'origin']).execute()).map((i) => `${i.origin}:${i.title}`),
  ).toEqual(['staff:Buddy']);

  // And up again: the same result, nothing twice.
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  expect(
    await old().selectFrom('initiatives').select('title').where('origin', '=', 'minutes').orderBy('title').execute(),
  ).toHaveLength(3);
});
