import { monitoringActivities } from '../../activities/monitoring';
import { journeyWorkflowId } from '../../domain/workflow-ids';
import { calendarPeriodAt, nextCalendarPeriod } from '../../domain/reporting-periods';
import { formatDate } from '../../mail/templates/layout';
import { hashToken, requestToken } from '../../security/request-tokens';
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

test('a period that has not begun is refused: its figures in the API and on the staff page, and a report for it', async () => {
  const now = calendarPeriodAt(Date.now(), 'quarter');
  const next = nextCalendarPeriod(now, 'quarter');
  const begins = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(
    Date.parse(next.start),
  );
  expect((await system.staffFetch(`/api/monitoring/summary?period=${now.label}`)).status).toBe(200);
  const early = await system.staffFetch(`/api/monitoring/summary?period=${next.label}`);
  expect(early.status).toBe(400);
  expect((await readJson(early)).error.message).toBe(
    `period: The period ${next.label} has not begun yet: it begins on ${begins}.`,
  );

  // The staff page says so in its language, and shows the figures it has.
  const page = await system.staffFetch(`/staff/monitoring?period=${next.label}&lang=en`);
  expect(page.status).toBe(400);
  expect(await page.text()).toContain(
    `Period ${next.label} has not begun yet: it begins on ${formatDate(next.start, 'en')}.`,
  );

  // A report request for the next quarter (the journey never opens one early; this checks the rule holds anyway).
  const partnerId = await actors.onboard('Te Vroeg');
  const requestId = `${partnerId}-early-report`;
  await system.db
    .insertInto('requests')
    .values({
      id: requestId,
      partner_id: partnerId,
      workflow_id: `request-${requestId}`,
      kind: 'report',
      recipient_email: actors.addresses(partnerId).coordinator,
      recipient_name: 'Coordinator Te Vroeg',
      token_hash: hashToken(requestToken(system.config.tokenSecret, requestId, 0)),
      topic: { kind: 'report', period: next, indicators: [] },
      due_at: new Date(Date.parse(next.end)),
      expires_at: new Date(Date.parse(next.end) + 86_400_000),
    })
    .execute();
  const answer = await fetch(`${system.url}/r/${requestToken(system.config.tokenSecret, requestId, 0)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ values: { placements_offered: 3 } }),
  });
  expect(answer.status).toBe(409);
  expect((await readJson(answer)).error.message).toBe(
    `The period ${next.label} has not begun yet: it begins on ${begins}.`,
  );
  const row = await system.db.selectFrom('requests').select('status').where('id', '=', requestId).executeTakeFirst();
  expect(row?.status).toBe('pending');
  const values = await system.db
    .selectFrom('indicator_values')
    .select('value')
    .where('partner_id', '=', partnerId)
    .execute();
  expect(values).toEqual([]);
});
