import { captureHistory } from '../support/history-fixtures';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** The reminder policy (domain/policy.ts) with durations of seconds: 2 reminders, 1 escalation, expiry. */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({
    PACT_REMINDER_AFTER: '1s',
    PACT_REMINDER_EVERY: '1s',
    PACT_MAX_REMINDERS: '2',
    PACT_ESCALATE_AFTER: '3500ms',
    PACT_EXPIRE_AFTER: '5s',
  });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mailTo = async (address: string, subject?: RegExp) =>
  (await system.mail.messages()).filter((m) => m.to.includes(address) && (!subject || subject.test(m.subject)));

test('an unanswered request gets the reminders, one escalation, then expires and waits for staff', async () => {
  const id = await actors.onboard('Ovsg');
  const who = actors.addresses(id);
  const invitation = await actors.nextEmail(who.coordinator);
  const first = await actors.nextEmail(who.coordinator, /^Herinnering/);
  const second = await actors.nextEmail(who.coordinator, /^Herinnering/);
  // Reminders carry the same link: the first email keeps working.
  expect(actors.linkIn(first)).toBe(actors.linkIn(invitation));
  expect(actors.linkIn(second)).toBe(actors.linkIn(invitation));
  const escalation = await actors.nextEmail(who.staff, /Ovsg/);
  expect(escalation.text).toContain(`/staff/partners/${id}`);
  const expired = await actors.nextEmail(who.staff, /Ovsg/);

  const journey = await actors.waitForStage(id, 'intent');
  expect(journey.status).toBe('waiting_staff');
  expect(await mailTo(who.coordinator)).toHaveLength(3);
  expect([escalation.subject, expired.subject]).toEqual([expect.stringMatching(/Ovsg/), expect.stringMatching(/Ovsg/)]);
  const request = await system.db
    .selectFrom('requests')
    .select(['status', 'reminders_sent', 'escalated_at'])
    .where('partner_id', '=', id)
    .executeTakeFirstOrThrow();
  expect(request).toMatchObject({ status: 'expired', reminders_sent: 2, escalated_at: expect.any(Date) });
  expect((await fetch(actors.linkIn(invitation))).status).toBe(410);
  const expiredRequest = await system.db
    .selectFrom('requests')
    .select('workflow_id')
    .where('partner_id', '=', id)
    .executeTakeFirstOrThrow();
  await captureHistory(system, expiredRequest.workflow_id, 'request-expired-after-reminders');

  // Staff re-send: a new request with a new link; the old link stays dead.
  const resend = await system.staffFetch(`/api/partners/${id}/expired-request`, {
    method: 'POST',
    body: JSON.stringify({ action: 'resend' }),
  });
  expect(resend.status).toBe(200);
  const fresh = await actors.nextEmail(who.coordinator, /^(?!Herinnering)/);
  expect(actors.linkIn(fresh)).not.toBe(actors.linkIn(invitation));
  await actors.expectOk(actors.post(actors.linkIn(fresh), intentAnswer));
  await actors.nextEmail(who.staff, /Te beoordelen/); // the journey carries on: staff review the intent
});

test('staff can let a journey lapse after its request expired', async () => {
  const id = await actors.onboard('Vvsg');
  await actors.nextEmail(actors.addresses(id).staff, /Vvsg/, 15_000); // escalation
  await actors.nextEmail(actors.addresses(id).staff, /Vvsg/, 15_000); // expired
  await actors.waitForStage(id, 'intent');
  const refused = await system.staffFetch(`/api/partners/${id}/expired-request`, {
    method: 'POST',
    body: JSON.stringify({ action: 'later' }),
  });
  expect(refused.status).toBe(400);
  const lapse = await system.staffFetch(`/api/partners/${id}/expired-request`, {
    method: 'POST',
    body: JSON.stringify({ action: 'lapse' }),
  });
  expect(lapse.status).toBe(200);
  expect(await actors.waitForStage(id, 'lapsed')).toMatchObject({ status: 'none' });
  await captureHistory(system, `journey-${id}`, 'journey-lapsed');
});

test('answering after the first reminder stops the rest', async () => {
  const id = await actors.onboard('Orbit');
  const who = actors.addresses(id);
  await actors.nextEmail(who.coordinator);
  const reminder = await actors.nextEmail(who.coordinator, /^Herinnering/);
  await actors.expectOk(actors.post(actors.linkIn(reminder), intentAnswer));
  await sleep(5500); // past the second reminder, the escalation and the expiry
  expect(await mailTo(who.coordinator)).toHaveLength(2);
  const intent = await system.db
    .selectFrom('requests')
    .select(['status', 'reminders_sent', 'escalated_at'])
    .where('partner_id', '=', id)
    .where('kind', '=', 'intent')
    .executeTakeFirstOrThrow();
  expect(intent).toEqual({ status: 'answered', reminders_sent: 1, escalated_at: null });
  // Staff heard nothing about the coordinator's request (only about their own review, which they left open).
  expect((await mailTo(who.staff)).filter((m) => m.text.includes('Coordinator Orbit'))).toEqual([]);
});
