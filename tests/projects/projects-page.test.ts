import { sql } from 'kysely';
import { nextPageLink, staffPageText } from '../support/paged-list';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * The projects page at a network's size: per lever its five newest projects with their partners
 * counted by answer (a project's own page lists them), a link to all of a lever's projects 25 to a page,
 * and the form's partners waiting for a project 30 at a time, the others found by name. Rows are stored
 * directly (creating projects through their workflow is prototype-project.test.ts's subject): 40 partners
 * "Havenpartner 01…40", 35 of them waiting in the prototype stage; 30 projects "Havenproject 01…30" on the
 * lever trust, the newest also on agency, with five partners in it answering differently.
 */
let system: TestSystem;
const partner = (n: number) => `Havenpartner ${String(n).padStart(2, '0')}`;
const project = (n: number) => `Havenproject ${String(n).padStart(2, '0')}`;

beforeAll(async () => {
  system = await startTestSystem({}, { worker: false });
  const { db } = system;
  await sql`
    insert into partners (id, name, sector, actor_type, language)
    select 'haven-' || n, 'Havenpartner ' || lpad(n::text, 2, '0'), 'work', 'market', 'nl'
    from generate_series(1, 40) n`.execute(db);
  await sql`
    insert into journeys (partner_id, workflow_id, stage, status, formalised_at, updated_at)
    select 'haven-' || n, 'journey-haven-' || n, case when n <= 35 then 'prototype' else 'monitoring' end,
           'waiting_partner', now(), now()
    from generate_series(1, 40) n`.execute(db);
  await sql`
    insert into projects (id, idempotency_key, title, description, levers, status, created_at)
    select 'haven-project-' || n, 'haven-project-' || n, 'Havenproject ' || lpad(n::text, 2, '0'), '',
           case when n = 30 then '["trust","agency"]' else '["trust"]' end::jsonb, 'running',
           now() - make_interval(hours => 100 - n)
    from generate_series(1, 30) n`.execute(db);
  await sql`
    insert into project_partners (project_id, partner_id, status)
    select 'haven-project-30', 'haven-' || n,
           (array['confirmed','confirmed','confirmed','invited','declined'])[n]
    from generate_series(1, 5) n`.execute(db);
});
afterAll(async () => {
  await system?.stop();
});

const pageText = (path: string) => staffPageText(system, path);
const projectsListed = (page: string) => [...page.matchAll(/>(Havenproject \d{2})<\/a>/g)].map((m) => m[1]);
const leverCard = (page: string, lever: string) =>
  new RegExp(`<section class="card" aria-labelledby="lever-${lever}">[\\s\\S]*?</section>`).exec(page)?.[0] ?? '';

test("each lever shows its five newest projects with their partners counted, and links to all of the lever's projects", async () => {
  const page = await pageText('/staff/projects?lang=en');
  const trust = leverCard(page, 'trust');
  expect(projectsListed(trust)).toEqual([30, 29, 28, 27, 26].map(project));
  expect(trust).toContain('3 taking part · 1 invited · 1 declined');
  expect(trust).toContain('<a href="/staff/projects?lever=trust">All 30 projects of this lever</a>');
  // The newest project shows under both its levers; agency has no more, so no link.
  const agency = leverCard(page, 'agency');
  expect(projectsListed(agency)).toEqual([project(30)]);
  expect(agency).not.toContain('?lever=agency');
  expect(leverCard(page, 'redistribution')).toContain('No projects.');
  // The members themselves are on the project's page, not here.
  expect(page).not.toContain('href="/staff/partners/haven-4"');
  expect(await pageText('/staff/projects/haven-project-30?lang=en')).toContain('href="/staff/partners/haven-4"');
});

test("a lever's projects, newest first, 25 to a page", async () => {
  const first = await pageText('/staff/projects?lever=trust');
  expect(first).toContain('30 projecten');
  expect(projectsListed(first)).toEqual(Array.from({ length: 25 }, (_, i) => project(30 - i)));
  expect(first).toContain('Pagina 1 van 2');
  const second = await pageText(nextPageLink(first)!);
  expect(projectsListed(second)).toEqual([5, 4, 3, 2, 1].map(project));
  expect(nextPageLink(second)).toBeUndefined();
});

test('the form offers the first 30 waiting partners, says how many more wait, and finds those by name', async () => {
  const page = await pageText('/staff/projects?lang=en');
  const offered = [...page.matchAll(/name="partnerIds" value="(haven-\d+)"/g)].map((m) => m[1]);
  expect(offered).toEqual(Array.from({ length: 30 }, (_, i) => `haven-${i + 1}`));
  expect(page).toContain('5 more partners are waiting: search them by name below.');

  const response = await system.staffFetch('/staff/projects?lang=en', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action: 'search', partnerSearch: partner(33), title: 'Nieuw' }).toString(),
  });
  expect(response.status).toBe(200);
  const found = await response.text();
  expect(found).toMatch(new RegExp(`value="haven-33"\\s*/> ${partner(33)}</label>`));
  expect(found).toContain('value="Nieuw"');
});
