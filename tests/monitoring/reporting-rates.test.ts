import { type Kysely, Migrator } from 'kysely';
import type { Db } from '../../db/connection';
import { migrations } from '../../db/migrations';
import { reportingRates } from '../../features/monitoring/queries';
import { createTestDatabase } from '../support/test-database';

/**
 * The monitoring page's reporting rate per period, read from the report period's columns that
 * 029_reporting_rates_index derives from each request's topic: for requests stored before the
 * upgrade as for those after it.
 */
let db: Db;
beforeAll(async () => {
  db = await createTestDatabase('reporting_rates');
});
afterAll(() => db?.destroy());

let n = 0;
const request = (
  kind: 'report' | 'intent',
  period: { label: string; start: string } | undefined,
  status: 'pending' | 'answered' | 'expired',
  answeredDaysAfterDue?: number,
) => {
  n += 1;
  const due = new Date('2027-04-20T09:00:00Z');
  return {
    id: `req-${n}`,
    partner_id: 'de-kade',
    workflow_id: `request-req-${n}`,
    kind,
    recipient_email: 'c@de-kade.example',
    recipient_name: 'Coördinator',
    token_hash: `hash-${n}`,
    status,
    topic: JSON.stringify(
      period ? { kind, period: { ...period, index: 0, end: period.start }, indicators: [] } : { kind },
    ),
    due_at: due,
    expires_at: new Date(due.getTime() + 10 * 86_400_000),
    answered_at:
      answeredDaysAfterDue === undefined ? null : new Date(due.getTime() + answeredDaysAfterDue * 86_400_000),
  };
};

test('each period counts its report requests on time, late, missing and open, in calendar order', async () => {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  expect((await migrator.migrateTo('028_ballot_counts_index')).error).toBeUndefined();
  const old = db as unknown as Kysely<any>;
  await old
    .insertInto('partners')
    .values({ id: 'de-kade', name: 'De Kade', actor_type: 'civil_society', sector: 'care', language: 'nl' })
    .execute();
  // Stored before the upgrade: the first quarter, and a request that is not a report.
  const q1 = { label: '2027-Q1', start: '2027-01-01T00:00:00.000Z' };
  await old
    .insertInto('requests')
    .values([
      request('report', q1, 'answered', -2),
      request('report', q1, 'answered', 3),
      request('report', q1, 'expired'),
      request('intent', undefined, 'answered', -1),
    ])
    .execute();

  expect((await migrator.migrateToLatest()).error).toBeUndefined();
  // Stored after it: the second quarter.
  const q2 = { label: '2027-Q2', start: '2027-04-01T00:00:00.000Z' };
  await old
    .insertInto('requests')
    .values([request('report', q2, 'pending'), request('report', q2, 'answered', 0)])
    .execute();

  expect(await reportingRates(db)).toEqual([
    { period: '2027-Q1', onTime: 1, late: 1, missing: 1, open: 0 },
    { period: '2027-Q2', onTime: 1, late: 0, missing: 0, open: 1 },
  ]);
});
