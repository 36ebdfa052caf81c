import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { readJson } from '../support/http';
import { nextPageLink, staffPageText } from '../support/paged-list';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * A round's staff page at a network's size: its ballots fifty to a page by partner name, counted per
 * status and channel over the whole round, and filtered by status or name. The round's rows are stored
 * directly (opening a round for 120 partners through the workflow is prioritisation-round.test.ts's
 * subject, and slow): 120 partners "Telstem 001…120", the first 40 voted by the link, the next 20 by
 * email, the rest not yet.
 */
let system: TestSystem;
const roundId = randomUUID();
const name = (n: number) => `Telstem ${String(n).padStart(3, '0')}`;

beforeAll(async () => {
  system = await startTestSystem({}, { worker: false });
  const { db } = system;
  await sql`
    insert into partners (id, name, sector, actor_type, language)
    select 'telstem-' || n, 'Telstem ' || lpad(n::text, 3, '0'), 'care', 'civil_society', 'nl'
    from generate_series(1, 120) n`.execute(db);
  await sql`
    insert into contacts (partner_id, name, email, role, language)
    select 'telstem-' || n, 'Coördinator ' || n, 'coordinator@telstem-' || n || '.example', 'coordinator', 'nl'
    from generate_series(1, 120) n`.execute(db);
  await db
    .insertInto('prioritisation_rounds')
    .values({
      id: roundId,
      idempotency_key: `telstem-${roundId}`,
      title: 'Telstemronde',
      closes_at: new Date(Date.now() + 86_400_000),
      max_ranked: 3,
      prioritise_top: 2,
      invitees: JSON.stringify({}) as never,
      status: 'open',
    })
    .execute();
  await sql`
    insert into ballots (round_id, partner_id, contact_id, token_hash, reply_token_hash, answer_via, answered_at, status)
    select ${roundId}, c.partner_id, c.id, 'telstem-t' || c.id, 'telstem-r' || c.id,
           case when n <= 40 then 'page' when n <= 60 then 'email' end,
           case when n <= 60 then now() end,
           case when n <= 60 then 'answered' else 'pending' end
    from contacts c, lateral (select substring(c.partner_id from 9)::int as n) p
    where c.partner_id like 'telstem-%'`.execute(db);
});
afterAll(async () => {
  await system?.stop();
});

const pageText = (path: string) => staffPageText(system, path);
const partnersListed = (page: string) => [...page.matchAll(/>(Telstem \d{3})<\/a>/g)].map((m) => m[1]);

test('the first page lists fifty ballots by name and the totals of the whole round; next shows the following fifty', async () => {
  const first = await pageText(`/staff/prioritisation-rounds/${roundId}`);
  expect(first).toContain('120 stembrieven in totaal');
  expect(first).toMatch(/gestemd: <strong>60<\/strong> \(via de link 40 · per e-mail 20\)/);
  expect(first).toMatch(/nog niet gestemd: <strong>60<\/strong>/);
  expect(partnersListed(first)).toEqual(Array.from({ length: 50 }, (_, i) => name(i + 1)));
  expect(first).toContain('Pagina 1 van 3');
  expect(first).not.toContain('rel="prev"');

  const second = await pageText(nextPageLink(first)!);
  expect(partnersListed(second)).toEqual(Array.from({ length: 50 }, (_, i) => name(i + 51)));
  expect(second).toContain('Pagina 2 van 3');
  expect(second).toContain('rel="prev"');
  const third = await pageText(nextPageLink(second)!);
  expect(partnersListed(third)).toEqual(Array.from({ length: 20 }, (_, i) => name(i + 101)));
  expect(nextPageLink(third)).toBeUndefined();
});

test('filters by status and by part of the name keep their filter from page to page', async () => {
  const pending = await pageText(`/staff/prioritisation-rounds/${roundId}?status=pending`);
  expect(pending).toContain('60 stembrieven voldoen');
  expect(partnersListed(pending)).toEqual(Array.from({ length: 50 }, (_, i) => name(i + 61)));
  const next = nextPageLink(pending)!;
  expect(next).toContain('status=pending');
  expect(partnersListed(await pageText(next))).toEqual(Array.from({ length: 10 }, (_, i) => name(i + 111)));

  const byName = await pageText(`/staff/prioritisation-rounds/${roundId}?partner=stem%2009`);
  expect(partnersListed(byName)).toEqual(Array.from({ length: 10 }, (_, i) => name(90 + i)));
  expect(byName).toContain('10 stembrieven voldoen');
  expect(byName).not.toContain('rel="next"');

  const none = await pageText(`/staff/prioritisation-rounds/${roundId}?status=expired`);
  expect(none).toContain('Geen stembrieven voldoen aan deze filters.');
  // A page past the end, or a status that does not exist, is a page, not an error.
  expect(partnersListed(await pageText(`/staff/prioritisation-rounds/${roundId}?page=9`))).toEqual([]);
  const wrong = await pageText(`/staff/prioritisation-rounds/${roundId}?status=lost`);
  expect(wrong).toContain('Niet gebruikt, want onbekend of ongeldig: status.');
  expect(partnersListed(wrong)).toHaveLength(50);
});

test("the round's JSON still lists every ballot (issue 24's contract)", async () => {
  const detail = await readJson(await system.staffFetch(`/api/prioritisation-rounds/${roundId}`));
  expect(detail.ballots).toHaveLength(120);
  expect(detail.ballots[0]).toMatchObject({ partnerId: 'telstem-1', partnerName: name(1), status: 'answered' });
});
