/**
 * What the staff pages beyond partners show, seeded in bulk SQL into a data set of bench/staff-reads.ts:
 * the portfolio (initiatives with partners, closed rounds with every coordinator's ballot), meetings with
 * their invitees' answers, join requests, and a finished CSV import. Shared by the staff reads (every
 * staff list and detail page) and the portfolio page's benchmark.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connection';
import { ballotTurnout } from '../db/round-turnout';

/** The opaque ids the seed gives (md5 of a name, as a uuid), so a benchmark can ask for one page. */
export function seededId(name: string): string {
  const h = createHash('md5').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `initiatives` of every status and lever, three partners each, and `rounds` closed rounds of 50 of them. */
export async function seedPortfolio(db: Db, partners: number, initiatives: number, rounds: number): Promise<void> {
  await sql`
    insert into initiatives (id, idempotency_key, title, description, kind, origin, levers, status, priority_rank)
    select md5('initiative' || j)::uuid::text, 'initiative-' || j, 'Initiatief ' || j, 'Omschrijving van initiatief ' || j,
           (array['existing','proposal'])[1 + j % 2], 'staff',
           jsonb_build_array((array['trust','agency','fundamental_rights','redistribution','added_value','quality_of_life'])[1 + j % 6]),
           (array['proposed','prioritised','in_project','done','parked'])[1 + j % 5],
           case when j % 5 = 1 then j else null end
    from generate_series(1, ${initiatives}) j`.execute(db);
  await sql`
    insert into initiative_partners (initiative_id, partner_id, role)
    select md5('initiative' || j)::uuid::text, 'p' || lpad((1 + (j * 7 + k) % ${partners})::text, 6, '0'),
           (array['proposer','supporter'])[1 + (k > 0)::int]
    from generate_series(1, ${initiatives}) j, generate_series(0, 2) k`.execute(db);
  await sql`
    insert into prioritisation_rounds (id, idempotency_key, title, closes_at, max_ranked, prioritise_top, invitees, status, closed_at, closed_by, result)
    select md5('round' || r)::uuid::text, 'round-' || r, 'Ronde ' || r, now() - make_interval(days => r), 5, 3, '{}'::jsonb,
           'closed', now() - make_interval(days => r), 'timer', '[]'::jsonb
    from generate_series(1, ${rounds}) r`.execute(db);
  await sql`
    insert into round_initiatives (round_id, initiative_id, number)
    select md5('round' || r)::uuid::text, md5('initiative' || (1 + ((r - 1) * 50 + n - 1) % ${initiatives}))::uuid::text, n
    from generate_series(1, ${rounds}) r, generate_series(1, 50) n`.execute(db);
  await sql`
    insert into ballots (round_id, partner_id, contact_id, token_hash, reply_token_hash, ranking, answer_via, answered_at, status)
    select md5('round' || r)::uuid::text, c.partner_id, c.id, md5('bt' || r || '-' || c.id), md5('br' || r || '-' || c.id),
           (select jsonb_agg(md5('initiative' || (1 + ((r - 1) * 50 + (c.id * 7 + q) % 50) % ${initiatives}))::uuid::text)
              from generate_series(0, 4) q),
           'page', now() - make_interval(days => r), 'answered'
    from generate_series(1, ${rounds}) r, contacts c where c.role = 'coordinator'`.execute(db);
  // Closed rounds keep their turnout, as closeRound writes it (activities/rounds.ts).
  await sql`
    update prioritisation_rounds r
    set ballots_sent = t.sent, ballots_answered = t.answered
    from (${ballotTurnout(db)}) t
    where t.round_id = r.id and r.status = 'closed'`.execute(db);
}

/**
 * `meetings` meetings (a third held, the rest planned) with 20 invitees each, who answered; 200 join
 * requests waiting for staff or decided; and one finished import of 1,000 lines by `staffUserId`.
 */
export async function seedMeetingsJoinsImport(
  db: Db,
  partners: number,
  meetings: number,
  staffUserId: number,
): Promise<void> {
  await sql`
    insert into meetings (id, idempotency_key, title, sector, levers, starts_at, ends_at, place, agenda, status)
    select md5('meeting' || m)::uuid::text, 'meeting-' || m, 'Overleg ' || m, null, '["trust"]'::jsonb,
           now() + make_interval(days => m - ${Math.round(meetings / 3)}), now() + make_interval(days => m - ${Math.round(meetings / 3)}, hours => 2),
           'Brussel', 'Agenda van overleg ' || m, case when m <= ${Math.round(meetings / 3)} then 'held' else 'planned' end
    from generate_series(1, ${meetings}) m`.execute(db);
  await sql`
    insert into meeting_invitees (meeting_id, partner_id, contact_id, token_hash, reply_token_hash, answer, answer_via, answered_at, attended)
    select md5('meeting' || m)::uuid::text, c.partner_id, c.id, md5('mt' || m || '-' || k), md5('mr' || m || '-' || k),
           (array['yes','no','maybe'])[1 + k % 3], 'page', now() - make_interval(days => 1),
           case when m <= ${Math.round(meetings / 3)} then k % 3 = 0 end
    from generate_series(1, ${meetings}) m, generate_series(1, 20) k,
         lateral (select id, partner_id from contacts
                  where partner_id = 'p' || lpad((1 + (m * 37 + k * 101) % ${partners})::text, 6, '0') and role = 'coordinator') c`.execute(
    db,
  );
  await sql`
    insert into join_requests (id, status, data, expires_at, confirmed_at, created_at)
    select md5('join' || j)::uuid::text, (array['confirmed','confirmed','approved','rejected'])[1 + j % 4],
           jsonb_build_object('name', 'Aanvrager ' || j, 'actorType', 'civil_society', 'sector', 'care', 'language', 'nl',
             'contacts', jsonb_build_array(jsonb_build_object('name', 'Contact ' || j, 'email', 'join' || j || '@aanvrager.example', 'role', 'coordinator')),
             'intent', jsonb_build_object('levers', jsonb_build_array('trust'), 'goals', jsonb_build_array(), 'summary', 'Wij willen meedoen.')),
           now() + interval '7 days', now() - make_interval(hours => j), now() - make_interval(hours => j)
    from generate_series(1, 200) j`.execute(db);
  await sql`
    insert into partner_imports (id, imported_by, total, status, finished_at)
    values (${seededId('import1')}, ${staffUserId}, 1000, 'done', now())`.execute(db);
  await sql`
    insert into partner_import_lines (import_id, line, partner_id, name, status, result_partner_id, done_at)
    select ${seededId('import1')}, l, 'p' || lpad((1 + l % ${partners})::text, 6, '0'), 'Regel ' || l,
           case when l % 10 = 0 then 'invalid' else 'exists' end, 'p' || lpad((1 + l % ${partners})::text, 6, '0'), now()
    from generate_series(1, 1000) l`.execute(db);
}
