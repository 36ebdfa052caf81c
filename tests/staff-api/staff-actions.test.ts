import { readJson } from '../support/http';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** Staff nudge a pending request, re-send it with a fresh link, and read the monitoring figures. */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({
    PACT_MAX_REMINDERS: '3',
    PACT_REMINDER_AFTER: '1h',
    PACT_ESCALATE_AFTER: '2h',
    PACT_EXPIRE_AFTER: '3h',
    PACT_REPORT_EVERY: '300ms',
    PACT_COMMITMENT_TERM: '600ms',
  });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

const pendingRequestOf = async (partnerId: string) => (await actors.journey(partnerId)).pendingRequests[0].id as string;

test('remind now sends a reminder with the same link; re-send sends a new link and revokes the old', async () => {
  const id = await actors.onboard('Lantaarn');
  const who = actors.addresses(id);
  const first = actors.linkIn(await actors.nextEmail(who.coordinator));
  const requestId = await pendingRequestOf(id);

  const remind = await system.staffFetch(`/api/requests/${requestId}/remind`, { method: 'POST' });
  expect(await readJson(remind)).toEqual({ id: requestId, reminderNumber: 1 });
  const reminder = await actors.nextEmail(who.coordinator, /^Herinnering/);
  expect(actors.linkIn(reminder)).toBe(first);

  expect((await system.staffFetch(`/api/requests/${requestId}/resend`, { method: 'POST' })).status).toBe(200);
  const fresh = actors.linkIn(await actors.nextEmail(who.coordinator, /^(?!Herinnering)/));
  expect(fresh).not.toBe(first);
  expect((await fetch(first)).status).toBe(410); // the old link is revoked: replaced, like any closed link
  expect((await fetch(fresh)).status).toBe(200);
  const timeline = (await actors.journey(id)).timeline.map((e: { type: string }) => e.type);
  expect(timeline).toEqual(expect.arrayContaining(['reminder_sent', 'request_resent']));

  await actors.expectOk(
    actors.post(fresh, { levers: ['trust'], goals: ['mutual_respect'], summary: 'Ontmoetingen organiseren.' }),
  );
  const closed = await system.staffFetch(`/api/requests/${requestId}/remind`, { method: 'POST' });
  expect(closed.status).toBe(409);
  expect((await system.staffFetch('/api/requests/nope/resend', { method: 'POST' })).status).toBe(404);
});

test('monitoring summary by lever, sector and actor type, and every value as CSV', async () => {
  const id = await actors.onboard('Kruispunt');
  await actors.formalise(id);
  await system.staffFetch('/api/projects', {
    method: 'POST',
    body: JSON.stringify({
      title: 'Kruisbestuiving',
      description: 'Samen leren.',
      levers: ['trust'],
      partnerIds: [id],
    }),
  });
  await actors.expectOk(actors.answer(actors.addresses(id).coordinator, { decision: 'approve' }, /Kruisbestuiving/));
  for (const [period, placements] of [
    ['p1', 4],
    ['p2', 6],
  ] as const) {
    await actors.expectOk(
      actors.answer(
        actors.addresses(id).coordinator,
        { values: { placements_offered: placements, staff_trained: 1 } },
        new RegExp(`\\b${period}\\b`),
      ),
    );
  }
  await actors.waitForStage(id, 'completed');

  const byLever = await readJson(await system.staffFetch('/api/monitoring/summary?groupBy=lever&period=p1'));
  expect(byLever.rows).toEqual(
    expect.arrayContaining([
      { group: 'redistribution', period: 'p1', indicator: 'placements_offered', total: 4, partners: 1 },
      { group: 'trust', period: 'p1', indicator: 'staff_trained', total: 1, partners: 1 },
    ]),
  );
  const bySector = await readJson(await system.staffFetch('/api/monitoring/summary?groupBy=sector'));
  expect(bySector.rows.filter((r: { indicator: string }) => r.indicator === 'placements_offered')).toEqual([
    { group: 'work', period: 'p1', indicator: 'placements_offered', total: 4, partners: 1 },
    { group: 'work', period: 'p2', indicator: 'placements_offered', total: 6, partners: 1 },
  ]);
  expect((await system.staffFetch('/api/monitoring/summary?groupBy=colour')).status).toBe(400);
  const unknownPeriod = await system.staffFetch('/api/monitoring/summary?period=2027-Q5');
  expect(unknownPeriod.status).toBe(400);
  expect((await readJson(unknownPeriod)).error.message).toMatch(/period: is not a period: use 2027-Q1 \(a quarter\)/);

  const csv = await system.staffFetch('/api/reports.csv');
  expect(csv.headers.get('content-type')).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0]).toBe(
    'partner_id,partner_name,sector,actor_type,period,period_start,period_end,indicator,value,submitted_at',
  );
  expect(lines).toHaveLength(5);
  expect(lines[1]).toMatch(/^kruispunt,Kruispunt,work,civil_society,p1,.*,placements_offered,4,/);
});

test('/metrics, on the internal listener only, counts HTTP responses and the journeys, requests and emails', async () => {
  expect((await fetch(`${system.url}/metrics`)).status).toBe(404);
  const metrics = await (await fetch(`${system.internalUrl}/metrics`)).text();
  expect(metrics).toContain('# TYPE integratiepact_http_requests_total counter');
  expect(metrics).toMatch(/integratiepact_http_requests_total\{method="POST",route="\/api\/partners",status="201"\} 2/);
  expect(metrics).toMatch(/integratiepact_journeys\{stage="completed",status="none"\} 1/);
  expect(metrics).toMatch(/integratiepact_emails\{status="sent"\} \d+/);
});

// After the /metrics test, whose counts are this file's calls before it.
test('remind and re-send still act on a request whose recording was lost with a Temporal restart', async () => {
  const id = await actors.onboard('Zeilboot');
  const who = actors.addresses(id);
  const first = actors.linkIn(await actors.nextEmail(who.coordinator));
  const requestId = await pendingRequestOf(id);
  // What a lost workflow task leaves behind: `closeRequest` committed its row, but the Temporal server
  // restarted before the task that accepted the answer was stored, so the workflow still waits.
  await system.db
    .updateTable('requests')
    .set({ status: 'answered', answered_at: new Date() })
    .where('id', '=', requestId)
    .execute();

  const remind = await system.staffFetch(`/api/requests/${requestId}/remind`, { method: 'POST' });
  expect(await readJson(remind)).toEqual({ id: requestId, reminderNumber: 1 });
  expect(actors.linkIn(await actors.nextEmail(who.coordinator, /^Herinnering/))).toBe(first);
  // The staff page's button, the same rule.
  const again = await system.staffFetch(`/staff/partners/${id}/requests/${requestId}/remind`, {
    method: 'POST',
    redirect: 'manual',
  });
  expect({ status: again.status, location: again.headers.get('location') }).toEqual({
    status: 303,
    location: `/staff/partners/${id}?done=reminded`,
  });
  await actors.nextEmail(who.coordinator, /^Herinnering/);
  expect((await system.staffFetch(`/api/requests/${requestId}/resend`, { method: 'POST' })).status).toBe(200);
  expect(actors.linkIn(await actors.nextEmail(who.coordinator, /^(?!Herinnering)/))).not.toBe(first);
});
