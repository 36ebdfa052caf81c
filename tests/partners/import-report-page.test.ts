import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { readJson } from '../support/http';
import { nextPageLink, staffPageText } from '../support/paged-list';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * The report of a large import: its counts and every line with an error on the first page, and all its
 * lines two hundred to a page; the JSON report stays whole (Contract). The lines are stored directly
 * (running an import is partner-import.test.ts's subject): 450 lines "Regel 002…451", every fiftieth
 * one with an error in its email column, line 451 failed, the rest added.
 */
let system: TestSystem;
const id = randomUUID();
const lineName = (line: number) => `Regel ${String(line).padStart(3, '0')}`;

beforeAll(async () => {
  system = await startTestSystem({}, { worker: false });
  await sql`
    insert into partner_imports (id, imported_by, total, status, finished_at)
    values (${id}, 0, 450, 'done', now())`.execute(system.db);
  await sql`
    insert into partner_import_lines (import_id, line, partner_id, name, status, result_partner_id, columns, done_at)
    select ${id}, l, 'regel-' || l, 'Regel ' || lpad(l::text, 3, '0'),
           case when l = 451 then 'failed' when l % 50 = 0 then 'invalid' else 'created' end,
           case when l % 50 = 0 or l = 451 then null else 'regel-' || l end,
           case when l % 50 = 0 then '["coordinatorEmail"]'::jsonb end, now()
    from generate_series(2, 451) l`.execute(system.db);
});
afterAll(() => system?.stop());

const pageText = (path: string) => staffPageText(system, path);
/** The line names in a section of the page, in order. */
const namesIn = (section: string) => [...section.matchAll(/(Regel \d{3})/g)].map((m) => m[1]);
const sections = (page: string) => {
  const [, notAdded = '', all = ''] = page.split(/<h2[^>]*>/);
  return { notAdded, all };
};
const withErrors = [...Array.from({ length: 9 }, (_, i) => lineName(50 * (i + 1))), lineName(451)];

test('the counts and every line with an error first, then all lines two hundred to a page', async () => {
  const first = await pageText(`/staff/imports/${id}?lang=en`);
  expect(first).toContain('450 of 450 lines processed');
  expect(first).toContain('440 added, 0 already existed, 9 with errors, 1 failed');
  expect(namesIn(sections(first).notAdded)).toEqual(withErrors);
  expect(sections(first).notAdded).toContain('<code>coordinatorEmail</code>: the coordinator&#39;s email address');
  expect(namesIn(sections(first).all)).toEqual(Array.from({ length: 200 }, (_, i) => lineName(i + 2)));

  const second = await pageText(nextPageLink(first)!);
  expect(namesIn(sections(second).notAdded)).toEqual(withErrors);
  expect(namesIn(sections(second).all)).toEqual(Array.from({ length: 200 }, (_, i) => lineName(i + 202)));
  const third = await pageText(nextPageLink(second)!);
  expect(namesIn(sections(third).all)).toEqual(Array.from({ length: 50 }, (_, i) => lineName(i + 402)));
  expect(nextPageLink(third)).toBeUndefined();
});

test('a page number it cannot use is named and the first page shown', async () => {
  const page = await pageText(`/staff/imports/${id}?page=zero&lang=en`);
  expect(page).toContain('Not used, as unknown or not valid: page.');
  expect(namesIn(sections(page).all)[0]).toBe(lineName(2));
});

test('the JSON report keeps every line', async () => {
  const report = await readJson(await system.staffFetch(`/api/partners/imports/${id}`));
  expect(report.summary).toEqual({ rows: 450, created: 440, exists: 0, invalid: 9, failed: 1 });
  expect(report.rows).toHaveLength(450);
});
