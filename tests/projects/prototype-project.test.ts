import { readJson } from '../support/http';
import { captureHistory } from '../support/history-fixtures';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** Prototype projects: partners confirm or decline; the project runs with those who confirmed. */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({
    PACT_MAX_REMINDERS: '0',
    PACT_ESCALATE_AFTER: '2s',
    PACT_EXPIRE_AFTER: '3s',
    PACT_REPORT_EVERY: '1h',
    PACT_COMMITMENT_TERM: '2h',
  });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

const createProject = (title: string, partnerIds: string[]) =>
  system.staffFetch('/api/projects', {
    method: 'POST',
    body: JSON.stringify({
      title,
      description: `${title}: een gezamenlijk initiatief.`,
      levers: ['agency', 'trust'],
      partnerIds,
    }),
  });

async function formalised(name: string) {
  const id = await actors.onboard(name);
  await actors.formalise(id);
  return id;
}

async function projectStatus(id: string) {
  const { projects } = await readJson(await system.staffFetch('/api/projects'));
  return projects.find((p: { id: string }) => p.id === id);
}

test('three invited partners: one confirms, one declines, one never answers → runs with one', async () => {
  // One after the other: requests expire after 3 s here.
  const [yes, no, silent] = [await formalised('Alfa'), await formalised('Beta'), await formalised('Gamma')];

  const created = await createProject('Buddy project', [yes, no, silent]);
  expect(created.status).toBe(201);
  // An opaque id: a title could name a person, and workflow ids are not encrypted (docs/privacy.md).
  const body = await readJson(created);
  const { id } = body;
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(body).toEqual({ id, workflowId: `project-${id}`, status: 'inviting' });

  await actors.expectOk(actors.answer(actors.addresses(yes).coordinator, { decision: 'approve' }, /Buddy project/));
  await actors.expectOk(
    actors.answer(
      actors.addresses(no).coordinator,
      { decision: 'decline', comment: 'Geen capaciteit dit jaar.' },
      /Buddy project/,
    ),
  );
  await actors.nextEmail(actors.addresses(silent).coordinator, /Buddy project/); // received, never answered

  await actors.waitForStage(yes, 'monitoring', 15_000);
  const project = await projectStatus(id);
  expect(project.status).toBe('running');
  expect(Object.fromEntries(project.partners.map((p: { id: string; status: string }) => [p.id, p.status]))).toEqual({
    alfa: 'confirmed',
    beta: 'declined',
    gamma: 'expired',
  });
  expect((await actors.journey(no)).stage).toBe('prototype');
  expect((await actors.journey(silent)).stage).toBe('prototype');
});

test('a project nobody confirms is cancelled and staff are told', async () => {
  const id = await formalised('Delta');
  const created = await readJson(await createProject('Open huis', [id]));
  await actors.expectOk(actors.answer(actors.addresses(id).coordinator, { decision: 'decline' }, /Open huis/));
  const notice = await actors.nextEmail(system.config.staffEmail, /Open huis/);
  expect(notice.text).toContain('Delta');
  expect((await projectStatus(created.id)).status).toBe('cancelled');
  await captureHistory(system, created.workflowId, 'project-cancelled');
  expect((await actors.journey(id)).stage).toBe('prototype');
});

test('a project needs known partners, and its title only once', async () => {
  const unknown = await createProject('Nergens', ['does-not-exist']);
  expect(unknown.status).toBe(400);
  expect((await readJson(unknown)).error.message).toContain('does-not-exist');
  const duplicate = await createProject('Open huis', ['delta']);
  expect(duplicate.status).toBe(409);
  const openHuis = await system.db.selectFrom('projects').select('id').where('title', '=', 'Open huis').execute();
  expect(openHuis).toHaveLength(1);
  expect((await readJson(duplicate)).error.details.id).toBe(openHuis[0]!.id);
  expect(await system.db.selectFrom('projects').select('id').where('title', '=', 'Nergens').execute()).toEqual([]);
});

test('an idempotency key creates a project once, whatever its title', async () => {
  const id = await formalised('Epsilon');
  const create = (title: string, idempotencyKey: string) =>
    system.staffFetch('/api/projects', {
      method: 'POST',
      body: JSON.stringify({ title, description: 'Samen.', levers: ['trust'], partnerIds: [id], idempotencyKey }),
    });
  const first = await create('Eerste poging', 'form-1f3a9c2e');
  expect(first.status).toBe(201);
  const again = await create('Eerste poging', 'form-1f3a9c2e');
  expect(again.status).toBe(409);
  expect((await readJson(again)).error.details.id).toBe((await readJson(first)).id);
  // Another form with the same title is another project; a key that is not one is refused, naming it.
  expect((await create('Eerste poging', 'form-77d0e4b1')).status).toBe(201);
  const bad = await create('Derde poging', 'kort');
  expect(bad.status).toBe(400);
  expect((await readJson(bad)).error.message).toContain('idempotencyKey');
  expect(
    await system.db.selectFrom('projects').select('id').where('title', '=', 'Eerste poging').execute(),
  ).toHaveLength(2);
});
