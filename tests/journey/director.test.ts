import { createUser } from '../../auth/users';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** The countersignature goes to the director account (activities/recipients.ts), who sees it on the dashboard. */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem();
  actors = new Actors(system);
});
afterAll(() => system?.stop());

/** Intent, review and signature: the countersignature is asked next. */
async function upToCountersignature(partnerId: string) {
  const who = actors.addresses(partnerId);
  await actors.expectOk(actors.answer(who.coordinator, intentAnswer));
  await actors.expectOk(actors.answer(who.staff, { decision: 'approve' }, /Te beoordelen/));
  await actors.expectOk(actors.answer(who.signatory, { decision: 'approve' }));
}

test('with no director account, the countersignature goes to PACT_DIRECTOR_EMAIL', async () => {
  const id = await actors.onboard('Zonder');
  await upToCountersignature(id);
  await actors.expectOk(actors.answer(system.config.directorEmail, { decision: 'approve' }, /Zonder/));
  await actors.waitForStage(id, 'prototype');
});

test('a director account gets the countersignature and sees it on the dashboard', async () => {
  const password = 'a long director password';
  await createUser(system.db, { email: 'Ada@Directie.example', name: 'Ada', role: 'director', password });
  const id = await actors.onboard('Met');
  await upToCountersignature(id);
  const email = await actors.nextEmail('ada@directie.example', /Met/);
  const login = await fetch(`${system.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ada@directie.example', password }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const dashboard = await (await fetch(`${system.url}/staff`, { headers: { cookie } })).text();
  const list = dashboard.slice(dashboard.indexOf('id="countersign-list"'));
  expect(list.slice(0, list.indexOf('</section>'))).toContain(`/staff/partners/${id}"`);
  expect(
    (await system.mail.messages()).filter((m) => m.to.includes(system.config.directorEmail) && /Met/.test(m.subject)),
  ).toEqual([]);
  await actors.expectOk(actors.post(actors.linkIn(email), { decision: 'approve' }));
  await actors.waitForStage(id, 'prototype');
});
