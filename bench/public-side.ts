/**
 * The pact's public side at 10,000 partners and 1,000 projects (issue 25 point 7): the p95 of each
 * public page and data file against the staff dashboard (`GET /staff`), on the same data in the same
 * run. The data: bench/staff-reads.ts's seed (every even partner listed, a project per ten partners).
 */
import type { BenchContext, MeasurementResult } from './context';
import { compareReads } from './read-comparison';
import { prepareDataset, publicEndpoints, staffPageEndpoints } from './staff-reads';

export async function measurePublicSide(ctx: BenchContext): Promise<MeasurementResult> {
  const settings = ctx.profile.publicSide;
  const size = ctx.profile.staffReads.sizes[ctx.profile.staffReads.sizes.length - 1]!;
  const dataset = await prepareDataset(ctx, size);
  try {
    // The public projects, as /pact links them (a project is public once a listed partner takes part).
    const pact = await (await fetch(`${dataset.app.url}/pact`)).text();
    const projects = [...new Set([...pact.matchAll(/\/pact\/projects\/([0-9a-f-]{36})/g)].map((m) => m[1]!))];
    if (projects.length === 0) throw new Error('no public project on /pact');
    const reads = [
      ...publicEndpoints,
      {
        name: 'GET /pact/projects/:id',
        path: (i: number) => `/pact/projects/${projects[(i * 7919) % projects.length]}`,
        auth: 'none' as const,
      },
    ];
    const dashboard = staffPageEndpoints.find((e) => e.name === 'GET /staff')!;
    const { figures, summary, notes } = await compareReads(dataset, dashboard, reads, settings, '8. public side');
    return {
      name: 'public-side',
      figures,
      details: { size, settings, publicProjects: projects.length, counts: dataset.counts, summary },
      notes,
    };
  } finally {
    await dataset.app.stop();
  }
}
