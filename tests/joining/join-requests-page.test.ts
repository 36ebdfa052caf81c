import { sql } from 'kysely';
import { nextPageLink, staffPageText } from '../support/paged-list';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * The join requests page after years of joins: newest first, fifty to a page, filtered by status (the
 * JSON list's filter). Rows are stored directly (a join through the public form is join.test.ts's
 * subject): 70 requests "Aanvrager 01…70", 01 the newest, every third one still to review.
 */
let system: TestSystem;
const applicant = (n: number) => `Aanvrager ${String(n).padStart(2, '0')}`;

beforeAll(async () => {
  system = await startTestSystem({}, { worker: false });
  await sql`
    insert into join_requests (id, status, data, expires_at, confirmed_at, created_at)
    select md5('paged-join' || j)::uuid::text, case when j % 3 = 0 then 'confirmed' else 'approved' end,
           jsonb_build_object('name', 'Aanvrager ' || lpad(j::text, 2, '0'), 'actorType', 'civil_society', 'sector', 'care',
             'language', 'nl', 'contacts', jsonb_build_array(), 'intent', jsonb_build_object('levers', jsonb_build_array('trust'),
             'goals', jsonb_build_array(), 'summary', 'Wij willen meedoen.')),
           now() + interval '7 days', now() - make_interval(hours => j), now() - make_interval(hours => j)
    from generate_series(1, 70) j`.execute(system.db);
});
afterAll(async () => {
  await system?.stop();
});

const pageText = (path: string) => staffPageText(system, path);
const listed = (page: string) => [...page.matchAll(/>(Aanvrager \d{2})<\/a>/g)].map((m) => m[1]);

test('fifty join requests to a page, newest first', async () => {
  const first = await pageText('/staff/join-requests');
  expect(first).toContain('70 aanmeldingen');
  expect(listed(first)).toEqual(Array.from({ length: 50 }, (_, i) => applicant(i + 1)));
  const second = await pageText(nextPageLink(first)!);
  expect(listed(second)).toEqual(Array.from({ length: 20 }, (_, i) => applicant(i + 51)));
  expect(nextPageLink(second)).toBeUndefined();
});

test('filtered by status, and a filter it does not know is named, not used', async () => {
  const toReview = await pageText('/staff/join-requests?status=confirmed&lang=en');
  expect(toReview).toContain('23 join requests');
  expect(listed(toReview)).toEqual(Array.from({ length: 23 }, (_, i) => applicant(3 * (i + 1))));
  const unknown = await pageText('/staff/join-requests?status=lost&lang=en');
  expect(unknown).toContain('Not used, as unknown or not valid: status.');
  expect(unknown).toContain('70 join requests');
});
