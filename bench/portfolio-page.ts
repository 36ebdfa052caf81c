/**
 * The portfolio page (`/staff/initiatives`) with 500 initiatives and 10,000 ballots (issue 24 point 7):
 * its p95 against the staff dashboard (`GET /staff`) on the same data in the same run. The data:
 * bench/staff-reads.ts's seed at 1,000 partners, plus the initiatives (with proposers, every status and
 * lever) and closed rounds over 50 of them each, in which every partner's coordinator ranked five.
 */
import { sql } from 'kysely';
import type { BenchContext, MeasurementResult } from './context';
import type { Db } from '../db/connection';
import { listInitiatives } from '../features/initiatives/queries';
import { listInitiativesBefore } from './list-initiatives-before';
import { compareReads } from './read-comparison';
import { latencySummary } from './stats';
import { seedPortfolio } from './staff-pages-seed';
import { prepareDataset, staffPageEndpoints } from './staff-reads';
import { log } from './system';

export async function measurePortfolioPage(ctx: BenchContext): Promise<MeasurementResult> {
  const { initiatives, rounds, ...settings } = ctx.profile.portfolioPage;
  const size = ctx.profile.staffReads.sizes[0]!;
  const dataset = await prepareDataset(ctx, size);
  try {
    const db = dataset.app.db;
    const t0 = Date.now();
    await seedPortfolio(db, size.partners, initiatives, rounds);
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
    const listing = await compareListings(dataset.app.db, settings.samplesPerRep * settings.reps);
    figures.push({
      measurement: '9. portfolio',
      metric:
        'listInitiatives() p95 ms: grouped by id (system) against the search per initiative it replaced (baseline)',
      system: listing.now.p95.toFixed(1),
      baseline: listing.before.p95.toFixed(1),
      ratio: (listing.now.p95 / listing.before.p95).toFixed(2),
      goal: '< 1',
      met: listing.now.p95 < listing.before.p95,
    });
    return {
      name: 'portfolio-page',
      figures,
      details: { size, counts: counts.rows[0], settings, summary, listing },
      notes,
    };
  } finally {
    await dataset.app.stop();
  }
}

/** The listing behind the page and `/api/initiatives`, now and before, alternating on the same data. */
async function compareListings(db: Db, n: number) {
  const now: number[] = [];
  const before: number[] = [];
  for (let i = 0; i < n + 3; i++) {
    const pair: [number[], () => Promise<unknown>][] = [
      [now, () => listInitiatives(db)],
      [before, () => listInitiativesBefore(db)],
    ];
    for (const [samples, list] of i % 2 ? pair.reverse() : pair) {
      const started = performance.now();
      await list();
      if (i >= 3) samples.push(performance.now() - started); // the first three warm up
    }
  }
  return { now: latencySummary(now), before: latencySummary(before) };
}
