import { type Kysely, Migrator } from 'kysely';
import { monitoringActivities } from '../../activities/monitoring';
import { monitoringSummary } from '../../features/monitoring/queries';
import type { Db } from '../../db/connection';
import { migrations } from '../../db/migrations';
import { createTestDatabase } from '../support/test-database';
import { quarter, storedTotals, totalsFromEveryValue } from './totals';

/**
 * Upgrading a database that already holds reported values: 005_indicator_totals fills the running
 * totals from them, so the summary is right from the first request, and later reports add to them.
 */
let db: Db;
beforeAll(async () => {
  db = await createTestDatabase('totals_migration');
});
afterAll(() => db?.destroy());

test('the migration fills the totals from the values stored before it', async () => {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  expect((await migrator.migrateTo('004_staff_page_indexes')).error).toBeUndefined();

  // The previous release's schema, with partners in three sectors and two periods of values.
  const old = db as unknown as Kysely<any>;
  const partners = [
    { id: 'oude-vlasfabriek', name: 'Oude Vlasfabriek', actor_type: 'market', sector: 'work' },
    { id: 'oude-smidse', name: 'Oude Smidse', actor_type: 'market', sector: 'work' },
    { id: 'oud-gemeentehuis', name: 'Oud Gemeentehuis', actor_type: 'state', sector: 'local_government' },
    { id: 'oude-volkshogeschool', name: 'Oude Volkshogeschool', actor_type: 'civil_society', sector: 'education' },
  ];
  await old
    .insertInto('partners')
    .values(partners.map((p) => ({ ...p, language: 'nl' })))
    .execute();
  const value = (partner_id: string, period: string, indicator: string, v: number) => ({
    partner_id,
    period,
    indicator,
    value: v,
    request_id: `req-${partner_id}-${period}`,
    period_start: new Date('2024-01-01T00:00:00Z'),
    period_end: new Date('2024-04-01T00:00:00Z'),
  });
  await old
    .insertInto('indicator_values')
    .values([
      value('oude-vlasfabriek', 'p1', 'placements_offered', 3),
      value('oude-vlasfabriek', 'p1', 'staff_trained', 1.25),
      value('oude-smidse', 'p1', 'placements_offered', 2),
      value('oud-gemeentehuis', 'p1', 'placements_offered', 7),
      value('oud-gemeentehuis', 'p1', 'participants_reached', 55),
      value('oude-volkshogeschool', 'p1', 'participants_reached', 12),
      value('oude-vlasfabriek', 'p2', 'placements_offered', 4),
      value('oude-volkshogeschool', 'p2', 'actions_taken', 0.3),
    ])
    .execute();

  expect((await migrator.migrateTo('005_indicator_totals')).error).toBeUndefined();
  const totals = await storedTotals(db);
  expect(totals).toEqual(await totalsFromEveryValue(db));
  expect(totals.find((t) => t.period === 'p1' && t.indicator === 'placements_offered' && t.sector === 'work')).toEqual({
    period: 'p1',
    indicator: 'placements_offered',
    sector: 'work',
    actor_type: 'market',
    total: 5,
    partners: 2,
  });
  expect(await monitoringSummary(db, 'lever', 'p1')).toEqual(
    expect.arrayContaining([
      { group: 'redistribution', period: 'p1', indicator: 'placements_offered', total: 12, partners: 3 },
      { group: 'agency', period: 'p1', indicator: 'participants_reached', total: 67, partners: 2 },
    ]),
  );

  // A report after the upgrade adds to the filled totals: a correction of an old value by its difference.
  const { storeReport } = monitoringActivities({ db });
  await storeReport({
    partnerId: 'oude-smidse',
    period: quarter('p1', 0),
    requestId: 'req-oude-smidse-p1-correctie',
    values: { placements_offered: 6 },
  });
  expect(await storedTotals(db)).toEqual(await totalsFromEveryValue(db));
  expect(await monitoringSummary(db, 'sector', 'p1')).toEqual(
    expect.arrayContaining([{ group: 'work', period: 'p1', indicator: 'placements_offered', total: 9, partners: 2 }]),
  );
});
