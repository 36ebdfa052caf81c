import { sql } from 'kysely';
import { monitoringActivities } from '../../activities/monitoring';
import type { NewPartner } from '../../db/schema';
import { readJson } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { quarter, storedTotals, totalsFromEveryValue } from './totals';

/**
 * The monitoring summary reads running totals that storeReport keeps with the values. Partners are
 * stored directly and reports go through the storeReport activity itself (as the journey's
 * reporting period calls it); the summary is read through the API. Each test uses its own periods.
 */
let system: TestSystem;
let storeReport: ReturnType<typeof monitoringActivities>['storeReport'];
beforeAll(async () => {
  system = await startTestSystem({}, { worker: false });
  storeReport = monitoringActivities({ db: system.db }).storeReport;
});
afterAll(() => system?.stop());

async function partner(
  id: string,
  name: string,
  sector: NewPartner['sector'],
  actorType: NewPartner['actor_type'],
): Promise<string> {
  await system.db.insertInto('partners').values({ id, name, sector, actor_type: actorType, language: 'nl' }).execute();
  return id;
}

const summary = async (query: string) =>
  (await readJson(await system.staffFetch(`/api/monitoring/summary?${query}`))).rows;
const totalsOf = async (period: string) => (await storedTotals(system.db)).filter((t) => t.period === period);

afterEach(async () => {
  // Whatever a test did, the totals are the aggregate over every value.
  expect(await storedTotals(system.db)).toEqual(await totalsFromEveryValue(system.db));
});

test('the summary adds up reports of partners in different sectors per lever, sector, actor type and period', async () => {
  const [p1, p2] = [quarter('p1', 0), quarter('p2', 1)];
  const bakery = await partner('totalen-bakkerij-noord', 'Totalen Bakkerij Noord', 'work', 'market');
  const garage = await partner('totalen-garage-west', 'Totalen Garage West', 'work', 'market');
  const townHall = await partner('totalen-stadhuis-zuid', 'Totalen Stadhuis Zuid', 'local_government', 'state');
  const youthClub = await partner('totalen-jeugdhuis-oost', 'Totalen Jeugdhuis Oost', 'civil_society', 'civil_society');
  await storeReport({
    partnerId: bakery,
    period: p1,
    requestId: 'req-bakkerij-p1',
    values: { placements_offered: 3, staff_trained: 2 },
  });
  await storeReport({ partnerId: garage, period: p1, requestId: 'req-garage-p1', values: { placements_offered: 5 } });
  await storeReport({
    partnerId: townHall,
    period: p1,
    requestId: 'req-stadhuis-p1',
    values: { placements_offered: 10, participants_reached: 40 },
  });
  await storeReport({
    partnerId: youthClub,
    period: p1,
    requestId: 'req-jeugdhuis-p1',
    values: { participants_reached: 25, actions_taken: 1.5 },
  });
  await storeReport({ partnerId: bakery, period: p2, requestId: 'req-bakkerij-p2', values: { placements_offered: 4 } });

  expect(await summary('groupBy=sector&period=p1')).toEqual([
    { group: 'civil_society', period: 'p1', indicator: 'actions_taken', total: 1.5, partners: 1 },
    { group: 'civil_society', period: 'p1', indicator: 'participants_reached', total: 25, partners: 1 },
    { group: 'local_government', period: 'p1', indicator: 'participants_reached', total: 40, partners: 1 },
    { group: 'local_government', period: 'p1', indicator: 'placements_offered', total: 10, partners: 1 },
    { group: 'work', period: 'p1', indicator: 'placements_offered', total: 8, partners: 2 },
    { group: 'work', period: 'p1', indicator: 'staff_trained', total: 2, partners: 1 },
  ]);
  // Without a period: every period, in order of period.
  expect(await summary('groupBy=actorType')).toEqual([
    { group: 'civil_society', period: 'p1', indicator: 'actions_taken', total: 1.5, partners: 1 },
    { group: 'civil_society', period: 'p1', indicator: 'participants_reached', total: 25, partners: 1 },
    { group: 'market', period: 'p1', indicator: 'placements_offered', total: 8, partners: 2 },
    { group: 'market', period: 'p1', indicator: 'staff_trained', total: 2, partners: 1 },
    { group: 'state', period: 'p1', indicator: 'participants_reached', total: 40, partners: 1 },
    { group: 'state', period: 'p1', indicator: 'placements_offered', total: 10, partners: 1 },
    { group: 'market', period: 'p2', indicator: 'placements_offered', total: 4, partners: 1 },
  ]);
  // An indicator counts under each of its levers: placements under redistribution and agency,
  // participants reached under agency, quality of life and trust.
  expect(await summary('groupBy=lever&period=p1')).toEqual([
    { group: 'added_value', period: 'p1', indicator: 'actions_taken', total: 1.5, partners: 1 },
    { group: 'agency', period: 'p1', indicator: 'participants_reached', total: 65, partners: 2 },
    { group: 'agency', period: 'p1', indicator: 'placements_offered', total: 18, partners: 3 },
    { group: 'fundamental_rights', period: 'p1', indicator: 'actions_taken', total: 1.5, partners: 1 },
    { group: 'fundamental_rights', period: 'p1', indicator: 'staff_trained', total: 2, partners: 1 },
    { group: 'quality_of_life', period: 'p1', indicator: 'participants_reached', total: 65, partners: 2 },
    { group: 'redistribution', period: 'p1', indicator: 'placements_offered', total: 18, partners: 3 },
    { group: 'trust', period: 'p1', indicator: 'participants_reached', total: 65, partners: 2 },
    { group: 'trust', period: 'p1', indicator: 'staff_trained', total: 2, partners: 1 },
  ]);
  expect(await summary('groupBy=lever&period=p2')).toEqual([
    { group: 'agency', period: 'p2', indicator: 'placements_offered', total: 4, partners: 1 },
    { group: 'redistribution', period: 'p2', indicator: 'placements_offered', total: 4, partners: 1 },
  ]);
});

test('a corrected report changes the totals by the difference, not the partner count', async () => {
  const p3 = quarter('p3', 2);
  const printer = await partner('totalen-drukkerij-leie', 'Totalen Drukkerij Leie', 'work', 'market');
  const salon = await partner('totalen-kapsalon-schelde', 'Totalen Kapsalon Schelde', 'work', 'market');
  await storeReport({ partnerId: salon, period: p3, requestId: 'req-kapsalon-p3', values: { placements_offered: 4 } });
  await storeReport({
    partnerId: printer,
    period: p3,
    requestId: 'req-drukkerij-p3',
    values: { placements_offered: 6, staff_trained: 2 },
  });
  expect(await summary('groupBy=sector&period=p3')).toEqual([
    { group: 'work', period: 'p3', indicator: 'placements_offered', total: 10, partners: 2 },
    { group: 'work', period: 'p3', indicator: 'staff_trained', total: 2, partners: 1 },
  ]);

  // The printer corrects its report: more placements, fewer staff trained, and an indicator it had left out.
  await storeReport({
    partnerId: printer,
    period: p3,
    requestId: 'req-drukkerij-p3-correctie',
    values: { placements_offered: 9, staff_trained: 1, actions_taken: 3 },
  });
  expect(await summary('groupBy=sector&period=p3')).toEqual([
    { group: 'work', period: 'p3', indicator: 'actions_taken', total: 3, partners: 1 },
    { group: 'work', period: 'p3', indicator: 'placements_offered', total: 13, partners: 2 },
    { group: 'work', period: 'p3', indicator: 'staff_trained', total: 1, partners: 1 },
  ]);
  const values = await system.db
    .selectFrom('indicator_values')
    .select(['indicator', 'value'])
    .where('partner_id', '=', printer)
    .orderBy('indicator')
    .execute();
  expect(values).toEqual([
    { indicator: 'actions_taken', value: 3 },
    { indicator: 'placements_offered', value: 9 },
    { indicator: 'staff_trained', value: 1 },
  ]);
});

test('storing the same report twice (a retried activity) changes nothing', async () => {
  const p4 = quarter('p4', 3);
  const library = await partner('totalen-bibliotheek-dijle', 'Totalen Bibliotheek Dijle', 'culture', 'state');
  const report = {
    partnerId: library,
    period: p4,
    requestId: 'req-bibliotheek-p4',
    values: { participants_reached: 120, actions_taken: 0.1, staff_trained: 0.2 },
  };
  await storeReport(report);
  const totals = await totalsOf('p4');
  const byLever = await summary('groupBy=lever&period=p4');

  await storeReport(report);
  expect(await totalsOf('p4')).toEqual(totals);
  expect(await summary('groupBy=lever&period=p4')).toEqual(byLever);
  expect(totals).toEqual([
    { period: 'p4', indicator: 'actions_taken', sector: 'culture', actor_type: 'state', total: 0.1, partners: 1 },
    {
      period: 'p4',
      indicator: 'participants_reached',
      sector: 'culture',
      actor_type: 'state',
      total: 120,
      partners: 1,
    },
    { period: 'p4', indicator: 'staff_trained', sector: 'culture', actor_type: 'state', total: 0.2, partners: 1 },
  ]);
});

test('two attempts of the same report at once (a retry while the first still runs) count the partner once', async () => {
  const p5 = quarter('p5', 4);
  const choir = await partner('totalen-koor-nete', 'Totalen Koor Nete', 'culture', 'civil_society');
  const report = {
    partnerId: choir,
    period: p5,
    requestId: 'req-koor-p5',
    values: { participants_reached: 30, actions_taken: 2 },
  };
  // Open connections first, so the attempts really overlap rather than wait for a connection each.
  await Promise.all(Array.from({ length: 3 }, () => sql`select pg_sleep(0.05)`.execute(system.db)));
  await Promise.all([storeReport(report), storeReport(report), storeReport(report)]);
  expect(await totalsOf('p5')).toEqual([
    { period: 'p5', indicator: 'actions_taken', sector: 'culture', actor_type: 'civil_society', total: 2, partners: 1 },
    {
      period: 'p5',
      indicator: 'participants_reached',
      sector: 'culture',
      actor_type: 'civil_society',
      total: 30,
      partners: 1,
    },
  ]);
});
