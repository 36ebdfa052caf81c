import { monitoringActivities } from '../../activities/monitoring';
import { journeyWorkflowId } from '../../domain/workflow-ids';
import { calendarPeriodAt } from '../../domain/reporting-periods';
import { decodedJson } from '../support/history-payloads';
import { readJson } from '../support/http';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * Quarterly reporting on the calendar: partners that start monitoring on different days wait for
 * the end of the same quarter in Brussels, and their values add up in that quarter only.
 */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({ PACT_REPORT_EVERY: '3mo', PACT_COMMITMENT_TERM: '2y' });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

/** The journey's timer for the end of its reporting period: its summary and when it fires. */
async function periodTimer(partnerId: string) {
  for (;;) {
    const history = await system.temporal.workflow.getHandle(journeyWorkflowId(partnerId)).fetchHistory();
    const timers = history.events?.filter((e) => e.timerStartedEventAttributes && e.userMetadata?.summary) ?? [];
    const summaries = await Promise.all(
      timers.map(async (e) => JSON.parse(await decodedJson(system.temporal, e.userMetadata!.summary!)) as string),
    );
    const index = summaries.findIndex((summary) => summary.startsWith('reporting period'));
    const timer = timers[index];
    if (timer) {
      const startedAt = Number(timer.eventTime!.seconds) * 1000 + Math.floor((timer.eventTime!.nanos ?? 0) / 1e6);
      const timeout = timer.timerStartedEventAttributes!.startToFireTimeout!;
      return {
        summary: summaries[index]!,
        firesAt: startedAt + Number(timeout.seconds) * 1000 + Math.floor((timeout.nanos ?? 0) / 1e6),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('two partners that start monitoring apart report for the same calendar quarter', async () => {
  const ids = [await actors.onboard('Kwartaal Een'), await actors.onboard('Kwartaal Twee')];
  for (const id of ids) await actors.formalise(id);
  const created = await system.staffFetch('/api/projects', {
    method: 'POST',
    body: JSON.stringify({ title: 'Kalender', description: 'Samen rapporteren.', levers: ['trust'], partnerIds: ids }),
  });
  expect(created.status).toBe(201);
  for (const id of ids) {
    await actors.expectOk(actors.answer(actors.addresses(id).coordinator, { decision: 'approve' }, /Kalender/));
  }
  const quarter = calendarPeriodAt(Date.now(), 'quarter');
  for (const id of ids) {
    await actors.waitForStage(id, 'monitoring');
    const timer = await periodTimer(id);
    expect(timer.summary).toBe(`reporting period ${quarter.label} ends`);
    // Within a second of midnight at the end of the quarter in Brussels.
    expect(Math.abs(timer.firesAt - Date.parse(quarter.end))).toBeLessThan(1_000);
  }

  // What the report workflow stores at the end of that quarter, for each partner: the figures add
  // up in that quarter and in no other period.
  const { storeReport } = monitoringActivities({ db: system.db });
  for (const [i, id] of ids.entries()) {
    await storeReport({
      partnerId: id,
      period: quarter,
      requestId: `report-${id}`,
      values: { placements_offered: i + 2 },
    });
  }
  const summary = await readJson(await system.staffFetch('/api/monitoring/summary?groupBy=sector'));
  const placements = summary.rows.filter((r: { indicator: string }) => r.indicator === 'placements_offered');
  expect(placements).toEqual([
    { group: 'work', period: quarter.label, indicator: 'placements_offered', total: 5, partners: 2 },
  ]);
  const csv = (await (await system.staffFetch('/api/reports.csv')).text()).trim().split('\r\n');
  expect(csv.slice(1).map((line) => line.split(',').slice(4, 7))).toEqual([
    [quarter.label, quarter.start, quarter.end],
    [quarter.label, quarter.start, quarter.end],
  ]);
});
