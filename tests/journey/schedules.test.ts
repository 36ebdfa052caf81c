import { randomBytes } from 'node:crypto';
import { calendarPeriodAt, summaryQuarter } from '../../domain/reporting-periods';
import { ensureSchedules } from '../../worker/schedules';
import { captureHistory } from '../support/history-fixtures';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** The weekly digest and the quarterly learning-network summary, as Temporal Schedules. */
let system: TestSystem;
let actors: Actors;
const prefix = `test-${randomBytes(4).toString('hex')}-`;
beforeAll(async () => {
  system = await startTestSystem({ PACT_MAX_REMINDERS: '0', PACT_ESCALATE_AFTER: '500ms', PACT_EXPIRE_AFTER: '1h' });
  actors = new Actors(system);
  await ensureSchedules(system.temporal, system.config, prefix);
});
afterAll(async () => {
  for (const id of ['staff-digest', 'network-summary'])
    await system.temporal.schedule
      .getHandle(`${prefix}${id}`)
      .delete()
      .catch(() => undefined);
  await system?.stop();
});

test('the schedules exist once, in Brussels time, however often the worker starts', async () => {
  await ensureSchedules(system.temporal, system.config, prefix);
  const digest = await system.temporal.schedule.getHandle(`${prefix}staff-digest`).describe();
  expect(digest.spec.timezone).toBe('Europe/Brussels');
  expect(digest.action).toMatchObject({ type: 'startWorkflow', workflowType: 'staffDigest' });
  const summary = await system.temporal.schedule.getHandle(`${prefix}network-summary`).describe();
  expect(summary.action).toMatchObject({ workflowType: 'networkSummary' });
});

test('the weekly digest tells staff what is overdue and who waits on whom', async () => {
  const id = await actors.onboard('Sociare');
  await actors.nextEmail(actors.addresses(id).staff, /Sociare/); // the escalation: the intent request is overdue
  await system.temporal.schedule.getHandle(`${prefix}staff-digest`).trigger();
  const digest = await actors.nextEmail(system.config.staffEmail, /Weekoverzicht/);
  expect(digest.subject).toMatch(/1 over tijd/);
  expect(digest.text).toContain('Sociare: engagementsintentie aan Coordinator Sociare');
  expect(digest.text).toMatch(/intentie: 1/);
  await captureHistory(system, await lastRun('staff-digest'), 'scheduled-staff-digest');
});

test('the learning-network summary totals indicators per lever and per sector', async () => {
  const id = await actors.onboard('Ocmw');
  // Two reports in the quarter the summary covers (tests/monitoring/network-summary.test.ts): the
  // quarter's own, and one of a month in it.
  const quarter = summaryQuarter(Date.now(), system.config.policy.expireAfterMs);
  const month = calendarPeriodAt(Date.parse(quarter.start), 'month');
  await system.db
    .insertInto('indicator_values')
    .values(
      [
        { period: quarter, value: 7 },
        { period: month, value: 5 },
      ].map(({ period, value }, i) => ({
        partner_id: id,
        period: period.label,
        indicator: 'placements_offered',
        value,
        request_id: `r${i + 1}`,
        period_start: period.start,
        period_end: period.end,
      })),
    )
    .execute();
  await system.temporal.schedule.getHandle(`${prefix}network-summary`).trigger();
  const summary = await actors.nextEmail(system.config.staffEmail, /Lerend netwerk/);
  expect(summary.text).toMatch(/Herverdelen — Aangeboden stage.*12/);
  expect(summary.text).toMatch(/werk — Aangeboden stage.*12/);
  expect(summary.text).toContain('2 keer');
  await captureHistory(system, await lastRun('network-summary'), 'scheduled-network-summary');
});

/** The workflow a schedule started last. */
async function lastRun(schedule: string): Promise<string> {
  const { info } = await system.temporal.schedule.getHandle(`${prefix}${schedule}`).describe();
  return info.recentActions.at(-1)!.action.workflow.workflowId;
}
