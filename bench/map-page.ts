/**
 * 8. The staff map page at 10,000 partners and 1,000 projects (issue 26, point 8), against the staff
 * dashboard in the same run: p95 of `GET /staff/map` and of `GET /staff` through the real API, one
 * request at a time, the two alternating so drift hits both alike.
 *
 * - cold: no stored layout yet (map_positions empty, as before the worker's first pass): the request
 *   places every node near its neighbours itself;
 * - warm: after the background layout (`refreshMapLayout`, timed too) has stored every position in
 *   Postgres, which the page reads;
 * - warm, drawn against cached, in one series: the map of today asked by its date (`?at=`, drawn at
 *   every request, as every map was before the drawing was cached) and the map of now (`/staff/map`,
 *   drawn once per data version, features/map/map-drawing-cache.ts), each alternating with the dashboard.
 *
 * `npm run bench -- --only=map`; the data is bench/map-seed.ts's, written straight into the bench
 * app's own database. The figures are in docs/benchmarks.md, "The map at 10,000 partners".
 */
import { refreshMapLayout } from '../db/map/layout';
import { brusselsLocal } from '../domain/brussels-time';
import type { BenchContext, Figure, MeasurementResult } from './context';
import { partnerCount, projectCount, seedMapScale } from './map-seed';
import { latencySummary } from './stats';
import { type BenchApp, log, startBenchApp } from './system';

const map = '/staff/map';
const dashboard = '/staff';
/** Today's map asked by its date: not cached, so drawn from the tables at every request. */
const drawnMap = () => `/staff/map?at=${brusselsLocal(Date.now()).slice(0, 10)}`;

export async function measureMapPage(ctx: BenchContext): Promise<MeasurementResult> {
  const samples = ctx.profile.name === 'quick' ? 15 : 60;
  const app = await startBenchApp(ctx.servers, { label: 'map', worker: false });
  try {
    log(`map: seeding ${partnerCount} partners and ${projectCount} projects`);
    const { memberships } = await seedMapScale(app.db);
    await app.db.deleteFrom('map_positions').execute();
    await alternate(app, 3, drawnMap(), map); // warm-up: the JIT, the connection pool, Postgres's buffers
    log(`map: ${samples} requests of each, cold (no stored layout)`);
    const cold = await alternate(app, samples, drawnMap());
    const started = performance.now();
    const layout = await refreshMapLayout(app.db);
    const layoutMs = performance.now() - started;
    log(`map: layout placed ${layout.placed} of ${layout.total} nodes in ${(layoutMs / 1000).toFixed(1)} s`);
    log(`map: ${samples} requests of each, warm (the stored layout)`);
    const warm = await alternate(app, samples, drawnMap());
    log(`map: ${samples} requests of each, warm: drawn (?at=today) and cached (the map of now)`);
    await timed(app, map); // the first request after the layout changed draws the map of now once
    const side = await alternate(app, samples, drawnMap(), map);
    const figure = (metric: string, pages: Samples, which = 0): Figure => {
      const [m, d] = [latencySummary(pages.maps[which]!), latencySummary(pages.dashboard)];
      return {
        measurement: 'map',
        metric,
        system: `${m.p95.toFixed(0)} ms`,
        baseline: `${d.p95.toFixed(0)} ms (GET /staff)`,
        ratio: (m.p95 / d.p95).toFixed(2),
        goal: '—',
        met: undefined,
      };
    };
    return {
      name: 'map',
      figures: [
        figure(
          `GET /staff/map?at=today p95, cold: no stored layout (${partnerCount} partners, ${projectCount} projects)`,
          cold,
        ),
        figure('GET /staff/map?at=today p95, warm: the stored layout, drawn at every request', warm),
        figure('GET /staff/map?at=today p95, warm, drawn (same series as the next row)', side, 0),
        figure('GET /staff/map p95, warm, cached drawing (same series)', side, 1),
      ],
      details: {
        partners: partnerCount,
        projects: projectCount,
        memberships,
        layout: { ...layout, ms: layoutMs },
        cold: { map: latencySummary(cold.maps[0]!), dashboard: latencySummary(cold.dashboard) },
        warm: { map: latencySummary(warm.maps[0]!), dashboard: latencySummary(warm.dashboard) },
        sideBySide: {
          drawn: latencySummary(side.maps[0]!),
          cached: latencySummary(side.maps[1]!),
          dashboard: latencySummary(side.dashboard),
          cachedOverDrawnP95: latencySummary(side.maps[1]!).p95 / latencySummary(side.maps[0]!).p95,
        },
      },
      notes: [
        `map: the background layout placed ${layout.placed} of ${layout.total} nodes in ${(layoutMs / 1000).toFixed(1)} s`,
      ],
    };
  } finally {
    await app.stop();
  }
}

interface Samples {
  /** Per map path asked, in the order asked. */
  maps: number[][];
  dashboard: number[];
}

/** `n` requests of each map path and of the dashboard, alternating, each timed until its whole body has arrived. */
async function alternate(app: BenchApp, n: number, ...paths: string[]): Promise<Samples> {
  const samples: Samples = { maps: paths.map(() => []), dashboard: [] };
  for (let i = 0; i < n; i++) {
    for (const [k, path] of paths.entries()) {
      samples.maps[k]!.push(await timed(app, path));
      samples.dashboard.push(await timed(app, dashboard));
    }
  }
  return samples;
}

async function timed(app: BenchApp, path: string): Promise<number> {
  const started = performance.now();
  const response = await app.staffFetch(path);
  await response.text();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return performance.now() - started;
}
