import { createApiToken } from '../../auth/users';
import { addUser } from '../auth/support';
import { readJson } from '../support/http';
import { onboardingBody } from '../support/onboarding-body';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * A responsible staff member per partner (README, "Keeping a partner's record true"): escalations
 * go to them, else to PACT_STAFF_EMAIL; the partners list filters by them; the dashboard shows "mine".
 * The staff pages change a partner's record as the API does.
 */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({
    PACT_REMINDER_AFTER: '30m',
    PACT_ESCALATE_AFTER: '3s',
    PACT_EXPIRE_AFTER: '1h',
  });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

const patch = (id: string, body: unknown) =>
  system.staffFetch(`/api/partners/${id}`, { method: 'PATCH', body: JSON.stringify(body) });
const asUser = (token: string, path: string, init: RequestInit = {}) =>
  fetch(`${system.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });

test('escalations reach the responsible staff member; a partner without one escalates to PACT_STAFF_EMAIL', async () => {
  const anna = await addUser(system.db, 'staff');
  const followed = await actors.onboard('Verantwoord');
  await actors.onboard('Onbeheerd');
  const response = await patch(followed, { responsibleUserId: anna.id });
  expect(response.status).toBe(200);
  expect(await readJson(response)).toEqual({ id: followed, changed: ['responsibleUserId'] });

  const escalation = await actors.nextEmail(anna.email, /Verantwoord/, 30_000);
  expect(escalation.text).toContain(`/staff/partners/${followed}`);
  await actors.nextEmail(system.config.staffEmail, /Onbeheerd/, 30_000);
  expect(
    (await system.mail.messages()).filter(
      (m) => m.to.includes(system.config.staffEmail) && /Verantwoord/.test(m.subject),
    ),
  ).toEqual([]);
  expect(
    (await actors.journey(followed)).timeline.find((e: { type: string }) => e.type === 'details_changed').summary,
  ).toBe(`details changed by api-token (bootstrap): responsible staff member none → "${anna.name}"`);
});

test('the partners list filters by the responsible staff member, "me" being who asks; the dashboard shows mine', async () => {
  const bram = await addUser(system.db, 'staff');
  const { token } = await createApiToken(system.db, bram.id, 'test');
  const [mine, other] = [await actors.onboard('Mijnpartner'), await actors.onboard('Anderspartner')];
  expect((await patch(mine, { responsibleUserId: bram.id })).status).toBe(200);

  const ids = async (response: Response) => (await readJson(response)).partners.map((p: { id: string }) => p.id);
  expect(await ids(await system.staffFetch(`/api/partners?responsible=${bram.id}`))).toEqual([mine]);
  expect(await ids(await asUser(token, '/api/partners?responsible=me'))).toEqual([mine]);
  expect((await system.staffFetch('/api/partners?responsible=nobody')).status).toBe(400);

  const dashboard = await (await asUser(token, '/staff?lang=en')).text();
  const section = dashboard.slice(
    dashboard.indexOf('My partners'),
    dashboard.indexOf('All partners I am responsible for'),
  );
  expect(section).toContain(`/staff/partners/${mine}`);
  expect(section).not.toContain(`/staff/partners/${other}`);
  const list = await (await asUser(token, '/staff/partners?responsible=me&lang=en')).text();
  expect(list).toContain(`/staff/partners/${mine}"`);
  expect(list).not.toContain(`/staff/partners/${other}"`);

  // Not an account: 400 naming the field; nothing changed.
  const refused = await patch(other, { responsibleUserId: 999999 });
  expect(refused.status).toBe(400);
  expect((await readJson(refused)).error.message).toContain('responsibleUserId: there is no active staff account');
  expect((await actors.journey(other)).responsibleUserId).toBeNull();
});

test('who onboards a partner follows it, unless the onboarding names another account or none', async () => {
  const carla = await addUser(system.db, 'staff');
  const { token } = await createApiToken(system.db, carla.id, 'test');
  const onboard = (name: string, fields: Record<string, unknown> = {}) =>
    asUser(token, '/api/partners', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: onboardingBody(name, fields),
    });
  const responsibleOf = async (id: string) => (await actors.journey(id)).responsibleUserId;

  const own = await readJson(await onboard('Eigenpartner'));
  expect(await responsibleOf(own.id)).toBe(carla.id);
  const nobody = await readJson(await onboard('Niemandspartner', { responsibleUserId: null }));
  expect(await responsibleOf(nobody.id)).toBeNull();
  const dora = await addUser(system.db, 'staff');
  const hers = await readJson(await onboard('Dorapartner', { responsibleUserId: dora.id }));
  expect(await responsibleOf(hers.id)).toBe(dora.id);
  // The bootstrap token is nobody: its partners have no one until staff choose.
  expect(await responsibleOf(await actors.onboard('Tokenpartner'))).toBeNull();

  // Not an account: 400 naming the field, no partner.
  const refused = await onboard('Spookpartner', { responsibleUserId: 999999 });
  expect(refused.status).toBe(400);
  expect((await readJson(refused)).error.message).toContain('responsibleUserId: there is no active staff account');
  expect((await system.staffFetch('/api/partners/spookpartner')).status).toBe(404);

  // A member list imported by Carla: she follows every partner on it.
  const imported = await asUser(token, '/api/partners/import', {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: [
      'name,actorType,sector,language,coordinatorName,coordinatorEmail,signatoryName,signatoryEmail',
      'Lijstpartner,civil_society,work,nl,Lien Lijst,lien@lijstpartner.example,Lode Lijst,lode@lijstpartner.example',
    ].join('\n'),
  });
  expect(imported.status).toBe(200);
  expect(await responsibleOf('lijstpartner')).toBe(carla.id);
});

test('the staff edit page replaces a coordinator and corrects the sector; a bad address is shown next to its field', async () => {
  const id = await actors.onboard('Formulier');
  const oldLink = actors.linkIn(await actors.nextEmail(actors.addresses(id).coordinator));
  const page = await (await system.staffFetch(`/staff/partners/${id}/edit?lang=en`)).text();
  expect(page).toContain('Change Formulier');
  const contacts = (await actors.journey(id)).contacts as { id: number; role: string; name: string; email: string }[];
  const [coordinator, signatory] = ['coordinator', 'signatory'].map((role) => contacts.find((c) => c.role === role)!);
  const form = (fields: Record<string, string>) =>
    system.staffFetch(`/staff/partners/${id}/edit?lang=en`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: 'Formulier',
        actorType: 'civil_society',
        sector: 'education',
        language: 'nl',
        responsible: '',
        coordinatorId: String(coordinator!.id),
        coordinatorName: 'Fien Formulier',
        coordinatorEmail: 'fien@formulier.example',
        coordinatorReplaced: '1',
        signatoryId: String(signatory!.id),
        signatoryName: signatory!.name,
        signatoryEmail: signatory!.email,
        ...fields,
      }).toString(),
      redirect: 'manual',
    });

  const bad = await form({ coordinatorEmail: 'geen adres' });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain('id="coordinatorEmail-error">Give the coordinator&#39;s valid email address.');
  expect((await actors.journey(id)).sector).toBe('work');

  const saved = await form({});
  expect(saved.status).toBe(303);
  expect(saved.headers.get('location')).toBe(`/staff/partners/${id}?done=edited`);
  const journey = await actors.journey(id);
  expect(journey.sector).toBe('education');
  expect(journey.contacts.find((c: { role: string }) => c.role === 'coordinator').email).toBe('fien@formulier.example');
  expect((await fetch(oldLink)).status).toBe(410);
  await actors.nextEmail('fien@formulier.example');
});
