import type { ImportOutcome } from '../load/import';
import type { SoakSystem } from '../system';
import { sleep, untilAnswered, type LoadCounters } from '../retry';
import { checked, type CheckResult } from './check';

/**
 * The import's per-line results survived the chaos: read again at its address once it is done,
 * each valid line created (or reported existing) and the invalid one invalid.
 */
export async function checkImport(
  system: SoakSystem,
  counters: LoadCounters,
  outcome: ImportOutcome,
): Promise<CheckResult> {
  let report: { status?: string; rows?: { line: number; status: string }[] } = {};
  for (const deadline = Date.now() + 5 * 60_000; report.status !== 'done' && Date.now() < deadline;) {
    if (report.status) await sleep(2_000);
    const response = await untilAnswered('import results', counters, () => system.staffFetch(outcome.location));
    report = (await response.json()) as typeof report;
  }
  const problems = report.status === 'done' ? [] : [`the import is ${report.status}, not done, at ${outcome.location}`];
  for (let line = 2; line <= outcome.lines + 1; line++) {
    const status = report.rows?.find((r) => r.line === line)?.status;
    const want = line === outcome.invalidLine ? ['invalid'] : ['created', 'exists'];
    if (!status || !want.includes(status))
      problems.push(`line ${line}: ${status ?? 'no result'}, expected ${want.join(' or ')}`);
  }
  return checked(
    "the import's per-line results survived",
    problems,
    `${outcome.lines} lines, each with its result, read again at ${outcome.location}`,
  );
}
