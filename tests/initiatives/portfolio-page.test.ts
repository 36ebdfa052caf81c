import { sql } from 'kysely';
import { nextPageLink, staffPageText } from '../support/paged-list';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * The portfolio page at a network's size: the initiatives counted by lever and status over the whole
 * portfolio, each lever's ten newest with their partners counted and their project, and all of a lever's
 * initiatives 25 to a page (`?lever=`, keeping the status filter). Rows are stored directly (adding
 * initiatives through the API is portfolio-api.test.ts's subject): 40 initiatives "Buurtinitiatief 01…40"
 * on the lever trust, the even ones proposed and the odd ones parked, the newest also on agency, with
 * three supporters and a project.
 */
let system: TestSystem;
const initiative = (n: number) => `Buurtinitiatief ${String(n).padStart(2, '0')}`;

beforeAll(async () => {
  system = await startTestSystem({}, { worker: false });
  const { db } = system;
  await sql`
    insert into partners (id, name, sector, actor_type, language)
    select 'buurt-' || n, 'Buurtpartner ' || n, 'care', 'civil_society', 'nl' from generate_series(1, 3) n`.execute(db);
  await sql`
    insert into initiatives (id, idempotency_key, title, description, kind, origin, levers, status, created_at)
    select 'buurt-initiative-' || n, 'buurt-initiative-' || n, 'Buurtinitiatief ' || lpad(n::text, 2, '0'), 'Samen in de buurt',
           'proposal', 'staff', case when n = 40 then '["trust","agency"]' else '["trust"]' end::jsonb,
           case when n % 2 = 0 then 'proposed' else 'parked' end, now() - make_interval(hours => 100 - n)
    from generate_series(1, 40) n`.execute(db);
  await sql`
    insert into initiative_partners (initiative_id, partner_id, role)
    select 'buurt-initiative-40', 'buurt-' || n, 'supporter' from generate_series(1, 3) n`.execute(db);
  await sql`
    insert into projects (id, idempotency_key, title, description, levers, status, initiative_id)
    values ('buurt-project', 'buurt-project', 'Buurtproject', '', '["trust"]', 'running', 'buurt-initiative-40')`.execute(
    db,
  );
});
afterAll(async () => {
  await system?.stop();
});

const pageText = (path: string) => staffPageText(system, path);
const listed = (page: string) => [...page.matchAll(/>(Buurtinitiatief \d{2})<\/a>/g)].map((m) => m[1]);
const section = (page: string, lever: string) =>
  new RegExp(`<section aria-labelledby="lever-${lever}">[\\s\\S]*?</section>`).exec(page)?.[0] ?? '';
const countsRow = (page: string, lever: string) =>
  new RegExp(`<th scope="row">${lever}</th>([\\s\\S]*?)</tr>`)
    .exec(page)?.[1]
    ?.match(/<td class="num">(\d+)<\/td>/g)
    ?.map((cell) => Number(/\d+/.exec(cell)![0]));

test('the portfolio counts every initiative by lever and status, and shows each lever its ten newest', async () => {
  const page = await pageText('/staff/initiatives?lang=en');
  // proposed, prioritised, in project, done, parked
  expect(countsRow(page, 'Building trust')).toEqual([20, 0, 0, 0, 20]);
  expect(countsRow(page, 'Increasing agency')).toEqual([1, 0, 0, 0, 0]);
  const trust = section(page, 'trust');
  expect(listed(trust)).toEqual(Array.from({ length: 10 }, (_, i) => initiative(40 - i)));
  expect(trust).toContain('<a href="/staff/initiatives?lever=trust">All 40 initiatives of this lever</a>');
  expect(trust).toContain('<a href="/staff/projects/buurt-project">Buurtproject</a>');
  expect(trust).toMatch(/Buurtinitiatief 40<\/a><\/td>[\s\S]*?<td[^>]*>3<\/td>/);
  expect(listed(section(page, 'agency'))).toEqual([initiative(40)]);
  expect(section(page, 'agency')).not.toContain('?lever=agency');
});

test("a lever's initiatives 25 to a page, keeping the status filter", async () => {
  const first = await pageText('/staff/initiatives?lever=trust&status=parked');
  expect(listed(first)).toEqual(Array.from({ length: 20 }, (_, i) => initiative(39 - 2 * i)));
  expect(nextPageLink(first)).toBeUndefined();

  const all = await pageText('/staff/initiatives?lever=trust');
  expect(listed(all)).toEqual(Array.from({ length: 25 }, (_, i) => initiative(40 - i)));
  expect(all).toContain('Pagina 1 van 2');
  const second = await pageText(nextPageLink(all)!);
  expect(listed(second)).toEqual(Array.from({ length: 15 }, (_, i) => initiative(15 - i)));
});

test('a page that is no page number is ignored, and said so', async () => {
  const page = await pageText('/staff/initiatives?lever=trust&page=last');
  expect(page).toContain('De filter &quot;page&quot; heeft een onbekende waarde en werd genegeerd.');
  expect(listed(page)[0]).toBe(initiative(40));
});
