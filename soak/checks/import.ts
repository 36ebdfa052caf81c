import type { ImportOutcome } from '../load/import';
import type { SoakSystem } from '../system';
import { sleep, untilAnswered, type LoadCounters } from '../retry';
import { checked, type CheckResult } from './check';

/**
 * The import's per-line results survived the chaos: read again at its address after the drain
 * (an import that keeps them, answered 202), each valid line created or reported existing and the
 * invalid one invalid. An import answered at once (200) keeps nothing to survive a restart: then
 * only its answer is checked, and the survival check is skipped, saying why.
 */
export async function checkImport(
  system: SoakSystem,
  counters: LoadCounters,
  outcome: ImportOutcome,
): Promise<CheckResult> {
  const name = "the import's per-line results survived";
  let results = outcome.results;
  for (const deadline = Date.now() + 5 * 60_000; outcome.location;) {
    const response = await untilAnswered('import results', counters, () =>
      system.staffFetch(outcome.location!, { headers: { accept: 'application/json' } }),
    );
    const body = (await response.json()) as { status?: string; rows?: { line: number; status: string }[] };
    results = body.rows;
    if (body.status === 'done' || Date.now() > deadline) break;
    await sleep(2_000);
  }
  const problems: string[] = [];
  if (!results) problems.push(`no per-line results at ${outcome.location ?? 'the answer'}`);
  for (let line = 2; results && line <= outcome.lines + 1; line++) {
    const status = results.find((r) => r.line === line)?.status;
    const want = line === outcome.invalidLine ? ['invalid'] : ['created', 'exists'];
    if (!status || !want.includes(status))
      problems.push(`line ${line}: ${status ?? 'no result'}, expected ${want.join(' or ')}`);
  }
  if (problems.length || outcome.location)
    return checked(name, problems, `${outcome.lines} lines, each with its result, read again at ${outcome.location}`);
  return {
    name,
    outcome: 'skipped',
    details: [
      `the import answered its ${outcome.lines} per-line results at once (200), all as expected; it keeps no results that could survive an API restart (an import that keeps its results, as a workflow, is not in this build)`,
    ],
  };
}
