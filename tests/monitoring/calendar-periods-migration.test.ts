import { type Kysely, Migrator, sql } from 'kysely';
import { monitoringSummary } from '../../features/monitoring/queries';
import type { Db } from '../../db/connection';
import { migrations } from '../../db/migrations';
import { createTestDatabase } from '../support/test-database';
import { storedTotals, totalsFromEveryValue } from './totals';

/**
 * 008_calendar_periods on stored data: values reported under relative periods (`p1`, counted from
 * each partner's own start) move to the calendar quarter in which their period ended, so partners
 * that started in different months add up in the same quarter; down restores them exactly.
 */
let db: Db;
beforeAll(async () => {
  db = await createTestDatabase('calendar_migration');
});
afterAll(() => db?.destroy());

const migrator = () => new Migrator({ db, provider: { getMigrations: async () => migrations } });
const before008 = Object.keys(migrations)[Object.keys(migrations).indexOf('008_calendar_periods') - 1]!;
const valuesNow = async () =>
  (
    await sql<{ partner_id: string; period: string; indicator: string; value: number }>`
      select partner_id, period, indicator, value from indicator_values order by partner_id, period, indicator`.execute(
      db,
    )
  ).rows;

test('relative periods become the calendar quarter they ended in, and back', async () => {
  expect((await migrator().migrateTo(before008)).error).toBeUndefined();
  const old = db as unknown as Kysely<any>;
  await old
    .insertInto('partners')
    .values([
      { id: 'januari-start', name: 'Januari Start', actor_type: 'market', sector: 'work', language: 'nl' },
      { id: 'maart-start', name: 'Maart Start', actor_type: 'market', sector: 'work', language: 'nl' },
    ])
    .execute();
  const value = (partner_id: string, period: string, start: string, end: string, v: number) => ({
    partner_id,
    period,
    indicator: 'placements_offered',
    value: v,
    request_id: `req-${partner_id}-${period}`,
    period_start: new Date(start),
    period_end: new Date(end),
  });
  await old
    .insertInto('indicator_values')
    .values([
      // Started 5 January: p1 ends 5 April (Q2 in Brussels), p2 ends 4 July (Q3).
      value('januari-start', 'p1', '2027-01-05T09:00:00Z', '2027-04-05T09:00:00Z', 3),
      value('januari-start', 'p2', '2027-04-05T09:00:00Z', '2027-07-04T09:00:00Z', 4),
      // Started 2 March: p1 ends 31 May (Q2); p2 ends 29 August and p3 ends 27 September: both in Q3, added up.
      value('maart-start', 'p1', '2027-03-02T09:00:00Z', '2027-05-31T09:00:00Z', 2),
      value('maart-start', 'p2', '2027-05-31T09:00:00Z', '2027-08-29T09:00:00Z', 5),
      value('maart-start', 'p3', '2027-08-29T09:00:00Z', '2027-09-27T09:00:00Z', 1),
      // 00:30 on 1 July in Brussels is still June in UTC: the period ended in Q3.
      { ...value('maart-start', 'p1', '2027-04-01T00:00:00Z', '2027-06-30T22:30:00Z', 7), indicator: 'staff_trained' },
    ])
    .execute();
  await old
    .insertInto('requests')
    .values({
      id: 'req-maart-start-p1',
      partner_id: 'maart-start',
      workflow_id: 'request-req-maart-start-p1',
      kind: 'report',
      recipient_email: 'coordinator@maart-start.example',
      recipient_name: 'Coördinator',
      token_hash: 'x',
      topic: JSON.stringify({
        kind: 'report',
        period: { label: 'p1', index: 0, start: '2027-03-02T09:00:00.000Z', end: '2027-05-31T09:00:00.000Z' },
        indicators: [],
      }),
      due_at: new Date('2027-06-20T09:00:00Z'),
      expires_at: new Date('2027-06-30T09:00:00Z'),
    })
    .execute();
  const relative = await valuesNow();

  expect((await migrator().migrateTo('008_calendar_periods')).error).toBeUndefined();
  expect(await valuesNow()).toEqual([
    { partner_id: 'januari-start', period: '2027-Q2', indicator: 'placements_offered', value: 3 },
    { partner_id: 'januari-start', period: '2027-Q3', indicator: 'placements_offered', value: 4 },
    { partner_id: 'maart-start', period: '2027-Q2', indicator: 'placements_offered', value: 2 },
    { partner_id: 'maart-start', period: '2027-Q3', indicator: 'placements_offered', value: 6 },
    { partner_id: 'maart-start', period: '2027-Q3', indicator: 'staff_trained', value: 7 },
  ]);
  const merged = await old
    .selectFrom('indicator_values')
    .select(['original_period', 'period_start', 'period_end'])
    .where('partner_id', '=', 'maart-start')
    .where('period', '=', '2027-Q3')
    .where('indicator', '=', 'placements_offered')
    .executeTakeFirstOrThrow();
  expect(merged).toEqual({
    original_period: 'p2+p3',
    period_start: new Date('2027-06-30T22:00:00Z'), // 1 July, midnight in Brussels
    period_end: new Date('2027-09-30T22:00:00Z'),
  });
  // The totals follow: both partners' placements in the second quarter add up there.
  expect(await storedTotals(db)).toEqual(await totalsFromEveryValue(db));
  expect(await monitoringSummary(db, 'sector', '2027-Q2')).toEqual([
    { group: 'work', period: '2027-Q2', indicator: 'placements_offered', total: 5, partners: 2 },
  ]);
  const request = await old.selectFrom('requests').select('topic').executeTakeFirstOrThrow();
  expect(request.topic.period).toMatchObject({ label: '2027-Q2', originalLabel: 'p1' });

  expect((await migrator().migrateTo(before008)).error).toBeUndefined();
  expect(await valuesNow()).toEqual(relative);
  expect((await old.selectFrom('requests').select('topic').executeTakeFirstOrThrow()).topic.period).toEqual({
    label: 'p1',
    index: 0,
    start: '2027-03-02T09:00:00.000Z',
    end: '2027-05-31T09:00:00.000Z',
  });
  expect(await storedTotals(db)).toEqual(await totalsFromEveryValue(db));
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  expect((await valuesNow()).map((v) => v.period)).toEqual(['2027-Q2', '2027-Q3', '2027-Q2', '2027-Q3', '2027-Q3']);
});
