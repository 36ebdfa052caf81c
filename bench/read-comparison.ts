/**
 * A page's p95 against a baseline page (the staff dashboard) on the same data in the same run: every
 * read is taken round robin with the baseline, one request at a time, so drift in the machine's load
 * hits both alike, and the ratio is taken per repetition. Used by the public side (bench/public-side.ts)
 * and the portfolio page (bench/portfolio-page.ts).
 */
import type { Figure } from './context';
import { type Dataset, type Endpoint, timed } from './staff-reads';
import { formatSpread, latencySummary, p95, spread } from './stats';
import { log } from './system';

export interface ReadSettings {
  samplesPerRep: number;
  reps: number;
  /** Time one read may take per repetition before it stops at `minSamples`. */
  budgetMs: number;
  minSamples: number;
}

export async function compareReads(
  dataset: Dataset,
  baseline: Endpoint,
  reads: Endpoint[],
  settings: ReadSettings,
  measurement: string,
): Promise<{ figures: Figure[]; summary: Record<string, unknown>; notes: string[] }> {
  const all = [baseline, ...reads];
  for (let i = 0; i < 5; i++) for (const endpoint of all) await timed(dataset, endpoint, i); // warm-up
  const samples = new Map<string, number[][]>(all.map((e) => [e.name, []]));
  for (let rep = 0; rep < settings.reps; rep++) {
    const spent = new Map<string, number>();
    for (let i = 0; i < settings.samplesPerRep; i++)
      for (const endpoint of all) {
        const taken = (samples.get(endpoint.name)![rep] ??= []);
        if (taken.length >= settings.minSamples && (spent.get(endpoint.name) ?? 0) > settings.budgetMs) continue;
        const ms = await timed(dataset, endpoint, rep * settings.samplesPerRep + i);
        taken.push(ms);
        spent.set(endpoint.name, (spent.get(endpoint.name) ?? 0) + ms);
      }
    log(
      `${measurement} rep ${rep + 1}: ${all.map((e) => `${e.name} p95 ${p95(samples.get(e.name)![rep]!).toFixed(1)} ms`).join('; ')}`,
    );
  }
  const p95s = (endpoint: Endpoint) => samples.get(endpoint.name)!.map((s) => p95(s));
  const base = p95s(baseline);
  const notes: string[] = [];
  const figures = reads.map((endpoint): Figure => {
    const own = p95s(endpoint);
    const counts = samples.get(endpoint.name)!.map((s) => s.length);
    if (Math.min(...counts) < settings.samplesPerRep)
      notes.push(
        `${measurement}: ${endpoint.name} took ${Math.min(...counts)} samples per rep (time budget ${settings.budgetMs / 1000} s per rep): its p95 is close to its maximum`,
      );
    return {
      measurement,
      metric: `${endpoint.name}: p95 ms at ${dataset.size.partners.toLocaleString('en')} partners (baseline: ${baseline.name})`,
      system: formatSpread(spread(own), 1),
      baseline: formatSpread(spread(base), 1),
      ratio: formatSpread(spread(own.map((v, i) => v / base[i]!))),
      goal: '< 50 ms',
      met: spread(own).median < 50,
    };
  });
  const summary = Object.fromEntries(
    all.map((e) => [e.name, { p95PerRep: p95s(e), pooled: latencySummary(samples.get(e.name)!.flat()) }]),
  );
  return { figures, summary, notes };
}
