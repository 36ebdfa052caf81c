import { readModelMismatches } from '../../tests/faults/fault-kit';
import type { GivenAnswer } from '../load/journeys';
import { sleep } from '../retry';
import type { SoakSystem } from '../system';
import { checked, type CheckResult } from './check';

/**
 * Every journey is in the stage its answers lead to (all four answered: `prototype`; none: `intent`),
 * every answer the system accepted is recorded on its request, and the read model (what staff see)
 * equals what each journey's workflow reports.
 */
export async function checkJourneys(
  system: SoakSystem,
  expected: Map<string, string>,
  answers: GivenAnswer[],
): Promise<CheckResult[]> {
  // A journey moves on after its last answer was accepted (the formalised email, then the stage recorded),
  // later still when a blow just hit the worker: what is still moving gets a minute before it counts as wrong.
  // The same minute covers a query that fails while the cluster recovers from the last blow (it goes first
  // to the worker that last ran the journey, which may just have been killed): only one still failing counts.
  const settleBy = Date.now() + 60_000;
  for (;;) {
    const results = await checkOnce(system, expected, answers).catch(unreadable);
    if (results.every((r) => r.outcome !== 'failed') || Date.now() > settleBy) return results;
    await sleep(2_000);
  }
}

function unreadable(error: unknown): CheckResult[] {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return [checked('the journeys could be read', [`${String(error)}${cause}`], '')];
}

async function checkOnce(
  system: SoakSystem,
  expected: Map<string, string>,
  answers: GivenAnswer[],
): Promise<CheckResult[]> {
  const ids = [...expected.keys()];
  const rows = await system.db
    .selectFrom('journeys')
    .select(['partner_id', 'stage'])
    .where('partner_id', 'in', ids)
    .execute();
  const stageProblems = ids.flatMap((id) => {
    const stage = rows.find((r) => r.partner_id === id)?.stage;
    return stage === expected.get(id) ? [] : [`${id}: stage ${stage ?? '(no journey)'}, expected ${expected.get(id)}`];
  });
  const requests = answers.length
    ? await system.db
        .selectFrom('requests')
        .select(['id', 'status'])
        .where(
          'id',
          'in',
          answers.map((a) => a.requestId),
        )
        .execute()
    : [];
  const lost = answers.flatMap((a) => {
    const status = requests.find((r) => r.id === a.requestId)?.status;
    return status === 'answered' ? [] : [`${a.partnerId}: answer by ${a.via} to request ${a.requestId} is ${status}`];
  });
  const mismatches = await readModelMismatches(system, system.db, ids);
  return [
    checked('journeys reached their stage', stageProblems, `${ids.length} journeys in the stage their answers lead to`),
    checked('no answer lost', lost, `${answers.length} answers accepted, ${answers.length} recorded`),
    checked(
      'read model equals the workflows',
      mismatches,
      `${ids.length} journeys: stage, status and formalisation agree`,
    ),
  ];
}
