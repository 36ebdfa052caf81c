/**
 * The portfolio page (`/staff/initiatives`) with 500 initiatives and 10,000 ballots (issue 24 point 7):
 * its p95 against the staff dashboard (`GET /staff`) on the same data in the same run. The data:
 * bench/staff-reads.ts's seed at 1,000 partners, plus the initiatives (with proposers, every status and
 * lever) and closed rounds over 50 of them each, in which every partner's coordinator ranked five.
 */
import { sql } from 'kysely';
import type { BenchContext, MeasurementResult } from './context';
import { compareReads } from './read-comparison';
import { prepareDataset, staffPageEndpoints } from './staff-reads';
import { log } from './system';

export async function measurePortfolioPage(ctx: BenchContext): Promise<MeasurementResult> {
  const { initiatives, rounds, ...settings } = ctx.profile.portfolioPage;
  const size = ctx.profile.staffReads.sizes[0]!;
  const dataset = await prepareDataset(ctx, size);
  try {
    const db = dataset.app.db;
    const t0 = Date.now();
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
      select md5('initiative' || j)::uuid::text, 'p' || lpad((1 + (j * 7 + k) % ${size.partners})::text, 6, '0'),
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
    await sql`vacuum analyze`.execute(db);
    const counts = await sql<{ initiatives: string; ballots: string }>`
      select (select count(*) from initiatives)::text as initiatives, (select count(*) from ballots)::text as ballots`.execute(
      db,
    );
    log(`portfolio page: seeded ${JSON.stringify(counts.rows[0])} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const portfolio = [
      { name: 'GET /staff/initiatives', path: () => '/staff/initiatives', auth: 'cookie' as const },
      { name: 'GET /api/initiatives', path: () => '/api/initiatives', auth: 'bearer' as const },
    ];
    const dashboard = staffPageEndpoints.find((e) => e.name === 'GET /staff')!;
    const { figures, summary, notes } = await compareReads(dataset, dashboard, portfolio, settings, '9. portfolio');
    return { name: 'portfolio-page', figures, details: { size, counts: counts.rows[0], settings, summary }, notes };
  } finally {
    await dataset.app.stop();
  }
}
