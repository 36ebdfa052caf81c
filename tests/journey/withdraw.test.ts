import { createApiToken } from '../../auth/users';
import { journeyWorkflowId } from '../../domain/workflow-ids';
import { journeyStateQuery } from '../../workflows/definitions';
import { addUser, ensureAuthTables } from '../auth/support';
import { readJson } from '../support/http';
import { captureHistory } from '../support/history-fixtures';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** Staff can withdraw a partner at any stage: pending requests are cancelled, no email follows. */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({
    PACT_REMINDER_AFTER: '1s',
    PACT_REMINDER_EVERY: '1s',
    PACT_MAX_REMINDERS: '5',
    PACT_ESCALATE_AFTER: '30s',
    PACT_EXPIRE_AFTER: '60s',
    PACT_REPORT_EVERY: '1s',
    PACT_COMMITMENT_TERM: '1h',
  });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const withdraw = (id: string, body: unknown = { reason: 'De organisatie stopt haar werking.' }) =>
  system.staffFetch(`/api/partners/${id}/withdraw`, { method: 'POST', body: JSON.stringify(body) });

/** Emails about this partner: to its contacts, or to staff naming it. */
const emailsAbout = async (id: string) =>
  (await system.mail.messages()).filter(
    (m) => m.to.some((to) => to.endsWith(`@${id}.example`)) || new RegExp(`\\b${id}\\b`, 'i').test(m.subject),
  );

async function expectWithdrawnAndSilent(id: string, pendingBefore: number) {
  const emailsBefore = (await emailsAbout(id)).length;
  const response = await withdraw(id);
  expect(response.status).toBe(200);
  expect(await readJson(response)).toEqual({ id, stage: 'withdrawn', status: 'none' });
  const requests = await system.db.selectFrom('requests').select(['status']).where('partner_id', '=', id).execute();
  expect(requests.filter((r) => r.status === 'cancelled')).toHaveLength(pendingBefore);
  expect(requests.filter((r) => r.status === 'pending')).toHaveLength(0);
  await sleep(2500); // two reminder intervals: nothing may go out for this partner any more
  expect((await emailsAbout(id)).slice(emailsBefore)).toEqual([]);
  const journey = await actors.journey(id);
  expect(journey).toMatchObject({ stage: 'withdrawn', status: 'none', pendingRequests: [] });
  expect(journey.timeline.at(-1)).toMatchObject({
    type: 'journey_withdrawn',
    summary: expect.stringContaining('De organisatie stopt'),
  });
  // Withdrawing again is refused and changes nothing.
  expect((await withdraw(id)).status).toBe(409);
}

test('withdraw during intent', async () => {
  const id = await actors.onboard('Go');
  await actors.nextEmail(actors.addresses(id).coordinator);
  await expectWithdrawnAndSilent(id, 1);
});

test('withdraw during commitment, while the signatory is asked', async () => {
  const id = await actors.onboard('Po');
  const who = actors.addresses(id);
  await actors.expectOk(actors.answer(who.coordinator, intentAnswer));
  await actors.expectOk(actors.answer(who.staff, { decision: 'approve' }, /Po\b/));
  await actors.nextEmail(who.signatory);
  await expectWithdrawnAndSilent(id, 1);
  await captureHistory(system, `journey-${id}`, 'journey-withdrawn-in-commitment');
});

test('withdraw during prototype (nothing pending) and during monitoring (a report pending)', async () => {
  const [waiting, reporting] = [await actors.onboard('Ko'), await actors.onboard('Abvv')];
  await actors.formalise(waiting);
  await expectWithdrawnAndSilent(waiting, 0);

  await actors.formalise(reporting);
  await system.staffFetch('/api/projects', {
    method: 'POST',
    body: JSON.stringify({
      title: 'Taalcoaching',
      description: 'Taalcoaches op de werkvloer.',
      levers: ['agency'],
      partnerIds: [reporting],
    }),
  });
  await actors.expectOk(
    actors.answer(actors.addresses(reporting).coordinator, { decision: 'approve' }, /Taalcoaching/),
  );
  await actors.nextEmail(actors.addresses(reporting).coordinator, /p1/);
  await expectWithdrawnAndSilent(reporting, 1);
});

test('a withdrawal is recorded under who made it: the owner of the API token, or the bootstrap token by that name', async () => {
  const db = await ensureAuthTables(system.db);
  const owner = await addUser(db, 'staff');
  const { token } = await createApiToken(db, owner.id, 'withdraw script');
  const [byOwner, byBootstrap] = [await actors.onboard('Touw'), await actors.onboard('Knoop')];
  const response = await fetch(`${system.url}/api/partners/${byOwner}/withdraw`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'Fusie met een andere organisatie.' }),
  });
  expect(response.status).toBe(200);
  expect((await withdraw(byBootstrap)).status).toBe(200);
  const lastDecision = async (id: string) =>
    (await system.temporal.workflow.getHandle(journeyWorkflowId(id)).query(journeyStateQuery)).decisions.at(-1);
  expect(await lastDecision(byOwner)).toMatchObject({ what: 'withdrawn', by: `staff user ${owner.id}` });
  expect(await lastDecision(byBootstrap)).toMatchObject({ what: 'withdrawn', by: 'api-token (bootstrap)' });
});

test('a withdrawal needs a reason', async () => {
  const id = await actors.onboard('Unia');
  const response = await withdraw(id, {});
  expect(response.status).toBe(400);
  expect((await readJson(response)).error.message).toContain('reason: is required');
  expect((await actors.journey(id)).stage).toBe('intent');
});
