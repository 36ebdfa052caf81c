/**
 * Small statistics for the benchmarks: percentiles by linear interpolation between closest ranks
 * (the same definition numpy's default uses), and a summary of repetitions.
 */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export const median = (samples: readonly number[]) => percentile(samples, 50);
export const p95 = (samples: readonly number[]) => percentile(samples, 95);
export const p99 = (samples: readonly number[]) => percentile(samples, 99);

export interface Spread {
  n: number;
  median: number;
  min: number;
  max: number;
  /** (max − min) / median: how far apart the repetitions are, as a fraction of their median. */
  relativeSpread: number;
}

/** Median and range of a handful of repetitions (or samples). */
export function spread(values: readonly number[]): Spread {
  const m = median(values);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { n: values.length, median: m, min, max, relativeSpread: m === 0 ? 0 : (max - min) / m };
}

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latencySummary(samples: readonly number[]): LatencySummary {
  return { n: samples.length, p50: median(samples), p95: p95(samples), p99: p99(samples), max: Math.max(...samples) };
}

/** "1.23 (1.10–1.41)": median and range, for tables. */
export function formatSpread(s: Spread, digits = 2, unit = ''): string {
  const f = (x: number) => `${x.toFixed(digits)}${unit}`;
  return s.n > 1 ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : f(s.median);
}
