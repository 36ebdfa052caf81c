import { monitoringActivities } from '../../activities/monitoring';
import { calendarPeriodAt, nextCalendarPeriod, summaryQuarter } from '../../domain/reporting-periods';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * The learning network's quarterly summary is of one calendar quarter: the reports for the periods in
 * it, late ones too, and none of another quarter, however recently those were submitted.
 */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({ PACT_REPORT_EVERY: '3mo', PACT_EXPIRE_AFTER: '30d', PACT_MAX_REMINDERS: '0' });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

test('the summary totals the last complete quarter by its label, and says how many of its reports are still open', async () => {
  const quarter = summaryQuarter(Date.now(), system.config.policy.expireAfterMs);
  const before = calendarPeriodAt(Date.parse(quarter.start) - 1, 'quarter');
  const after = nextCalendarPeriod(quarter, 'quarter');
  const ids = [await actors.onboard('Netwerk Een'), await actors.onboard('Netwerk Twee')];
  const { storeReport } = monitoringActivities({ db: system.db });
  const report = (partnerId: string, period: typeof quarter, placements: number) =>
    storeReport({
      partnerId,
      period,
      requestId: `${partnerId}-${period.label}`,
      values: { placements_offered: placements },
    });
  await report(ids[0]!, quarter, 3);
  await report(ids[1]!, quarter, 4); // submitted today, weeks after the quarter ended: it counts
  await report(ids[0]!, before, 100);
  await report(ids[1]!, after, 1000);
  // Netwerk Twee has not yet answered another report request of that quarter.
  await system.db
    .insertInto('requests')
    .values({
      id: `${ids[1]}-open-report`,
      partner_id: ids[1]!,
      workflow_id: `request-${ids[1]}-open-report`,
      kind: 'report',
      recipient_email: actors.addresses(ids[1]!).coordinator,
      recipient_name: 'Coordinator Netwerk Twee',
      token_hash: 'not-a-token',
      topic: { kind: 'report', period: quarter, indicators: [] },
      due_at: new Date(),
      expires_at: new Date(Date.now() + 86_400_000),
    })
    .execute();

  await system.temporal.workflow.execute('networkSummary', {
    taskQueue: system.config.temporal.taskQueue,
    workflowId: `network-summary-test-${Date.now()}`,
  });
  const summary = await actors.nextEmail(system.config.staffEmail, /Lerend netwerk/);
  expect(summary.subject).toBe(`Lerend netwerk: samenvatting ${quarter.label}`);
  expect(summary.text).toContain('De partners rapporteerden 2 keer over het ');
  expect(summary.text).toMatch(/Herverdelen — Aangeboden stage[^\n]*[^\w\n]7$/m);
  expect(summary.text).toMatch(/werk — Aangeboden stage[^\n]*[^\w\n]7$/m);
  expect(summary.text).not.toMatch(/\b(100|107|1000|1007)\b/);
  expect(summary.text).toContain('1 rapport staat nog open');
});
