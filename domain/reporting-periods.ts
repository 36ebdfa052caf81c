import type { ReportingPeriod } from './request-topics';

/** How many reporting periods fit in a commitment term (at least one). */
export function periodCount(commitmentTermMs: number, reportEveryMs: number): number {
  return Math.max(1, Math.ceil(commitmentTermMs / reportEveryMs));
}

/** Period `index` (0-based) of a monitoring phase that started at `startMs`. */
export function reportingPeriod(startMs: number, reportEveryMs: number, index: number): ReportingPeriod {
  return {
    label: `p${index + 1}`,
    index,
    start: new Date(startMs + index * reportEveryMs).toISOString(),
    end: new Date(startMs + (index + 1) * reportEveryMs).toISOString(),
  };
}
