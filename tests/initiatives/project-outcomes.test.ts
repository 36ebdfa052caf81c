import { readJson } from '../support/http';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * From initiative to project, and a project that ends (issue 24): staff start a project from an
 * initiative (title, levers and partners filled in), close it once it runs with an outcome that lands
 * on the partners' timelines, the initiative is done, and the learning figures count it.
 */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({
    PACT_MAX_REMINDERS: '0',
    PACT_ESCALATE_AFTER: '1h',
    PACT_EXPIRE_AFTER: '2h',
    PACT_REPORT_EVERY: '1h',
    PACT_COMMITMENT_TERM: '2h',
  });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

const send = (path: string, body: unknown, method = 'POST') =>
  system.staffFetch(path, { method, body: JSON.stringify(body) });
const postForm = (path: string, fields: [string, string][]) =>
  system.staffFetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
const page = async (path: string) => (await system.staffFetch(path)).text();
const initiative = async (id: string) => readJson(await system.staffFetch(`/api/initiatives/${id}`));
const project = async (id: string) =>
  (await readJson(await system.staffFetch('/api/projects'))).projects.find((p: { id: string }) => p.id === id);

test('a project started from an initiative, closed with an outcome: timelines, initiative done, learning figures', async () => {
  const ceder = await actors.onboard('Uitkomst Ceder', { sector: 'care' });
  await actors.formalise(ceder);
  const linde = await actors.onboard('Uitkomst Linde', { sector: 'work' });
  await actors.formalise(linde);

  const added = await readJson(
    await send('/api/initiatives', {
      title: 'Samen naar de jobbeurs',
      description: 'Partners nemen inburgeraars mee naar de jobbeurs.',
      levers: ['agency', 'added_value'],
      characteristics: ['low_threshold', 'role_models'],
      preconditions: ['cooperation'],
      kind: 'proposal',
      partnerIds: [ceder, linde],
    }),
  );

  // The staff form is filled in from the initiative.
  const form = await page(`/staff/projects?initiative=${added.id}`);
  expect(form).toContain('value="Samen naar de jobbeurs"');
  expect(form).toContain(`name="initiativeId" value="${added.id}"`);
  expect(form).toMatch(new RegExp(`value="${ceder}"\\s+checked`));

  const created = await send('/api/projects', { initiativeId: added.id });
  expect(created.status).toBe(201);
  const { id } = await readJson(created);
  expect(await project(id)).toMatchObject({
    title: 'Samen naar de jobbeurs',
    description: 'Partners nemen inburgeraars mee naar de jobbeurs.',
    levers: ['agency', 'added_value'],
    initiativeId: added.id,
    status: 'inviting',
    outcome: null,
  });
  expect((await project(id)).partners.map((p: { id: string }) => p.id).sort()).toEqual([ceder, linde].sort());
  expect(await initiative(added.id)).toMatchObject({ status: 'in_project', project: { id, status: 'inviting' } });
  // Once in a project, it starts no other.
  const twice = await send('/api/projects', { initiativeId: added.id, title: 'Nog een jobbeurs' });
  expect(twice.status).toBe(400);
  expect((await readJson(twice)).error.message).toContain('initiativeId');

  // Not running yet: closing is refused and changes nothing.
  const outcome = {
    evaluation: 'Veertig bezoekers, twaalf gesprekken.',
    score: 4,
    learned: 'Samen gaan werkt drempelverlagend.',
  };
  const early = await send(`/api/projects/${id}/close`, outcome);
  expect(early.status).toBe(400);
  expect((await readJson(early)).error.message).toContain('only a running project can be closed');
  expect((await project(id)).status).toBe('inviting');

  for (const partner of [ceder, linde])
    await actors.expectOk(
      actors.answer(actors.addresses(partner).coordinator, { decision: 'approve' }, /Samen naar de jobbeurs/),
    );
  await actors.waitForStage(ceder, 'monitoring', 20_000);
  await actors.waitForStage(linde, 'monitoring', 20_000);
  for (let i = 0; (await project(id)).status !== 'running'; i++) {
    if (i > 100) throw new Error('the project never ran');
    await new Promise((r) => setTimeout(r, 100));
  }

  // Bad input: a 400 naming the field, nothing changed.
  const bad = await send(`/api/projects/${id}/close`, { ...outcome, score: 6 });
  expect(bad.status).toBe(400);
  expect((await readJson(bad)).error.message).toContain('score');
  expect((await send(`/api/projects/${id}/close`, { ...outcome, learned: '' })).status).toBe(400);
  expect((await project(id)).status).toBe('running');

  // Closed through the project page's form.
  const closed = await postForm(`/staff/projects/${id}/close`, [
    ['evaluation', outcome.evaluation],
    ['score', '4'],
    ['learned', outcome.learned],
  ]);
  expect(closed.status).toBe(303);
  expect(await project(id)).toMatchObject({
    status: 'closed',
    outcome: { evaluation: outcome.evaluation, score: 4, learned: outcome.learned, closedAt: expect.any(String) },
  });
  expect(await initiative(added.id)).toMatchObject({
    status: 'done',
    project: { id, status: 'closed', score: 4, evaluation: outcome.evaluation, learned: outcome.learned },
  });
  const projectPage = await page(`/staff/projects/${id}`);
  expect(projectPage).toContain('Samen gaan werkt drempelverlagend.');
  expect(projectPage).toContain('4 op 5');

  // On each partner's timeline; the journeys carry on in monitoring.
  for (const partner of [ceder, linde]) {
    const events = await system.db
      .selectFrom('journey_events')
      .select(['type', 'data'])
      .where('partner_id', '=', partner)
      .where('type', '=', 'project_closed')
      .execute();
    expect(events).toEqual([{ type: 'project_closed', data: { projectId: id, score: 4 } }]);
    expect(await page(`/staff/partners/${partner}`)).toContain('Prototypeproject afgesloten');
    expect((await actors.journey(partner)).stage).toBe('monitoring');
  }
  expect(await page(`/staff/partners/${ceder}`)).toContain('Samen naar de jobbeurs');

  // Closing twice is refused.
  expect((await send(`/api/projects/${id}/close`, outcome)).status).toBe(400);

  // The learning figures, by hand: one initiative reached a project and ended well (score 4), with
  // levers agency and added_value, partners in care and work; none prioritised, none ended badly.
  const figures = await readJson(await system.staffFetch('/api/initiatives/learning'));
  expect(figures.outcomes).toEqual({ prioritised: 0, project: 1, ended_well: 1, ended_badly: 0 });
  const count = (outcome: string, groupBy: string, group: string, key: string) =>
    figures.rows.find(
      (r: Record<string, unknown>) =>
        r.outcome === outcome && r.groupBy === groupBy && r.group === group && r.key === key,
    ).initiatives;
  expect(count('ended_well', 'lever', 'agency', 'low_threshold')).toBe(1);
  expect(count('ended_well', 'lever', 'added_value', 'cooperation')).toBe(1);
  expect(count('ended_well', 'lever', 'trust', 'low_threshold')).toBe(0);
  expect(count('ended_well', 'sector', 'care', 'role_models')).toBe(1);
  expect(count('ended_well', 'sector', 'education', 'role_models')).toBe(0);
  expect(count('ended_well', 'lever', 'agency', 'meeting_others')).toBe(0);
  expect(count('ended_badly', 'lever', 'agency', 'low_threshold')).toBe(0);
}, 240_000);
