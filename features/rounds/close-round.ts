import type { RankedInitiative } from '../../domain/prioritisation';
import { roundWorkflowId } from '../../domain/workflow-ids';
import { ApiError, engineUnavailable } from '../../http/api-error';
import { probeEngine } from '../../temporal/client';
import { readUpdateFailure } from '../../temporal/update-refusal';
import { closeRoundUpdate } from '../../workflows/round-definitions';
import type { AppDeps } from '../deps';

/**
 * Staff close a round before its time: the workflow stops taking ballots, lets the unanswered ones
 * expire, and answers once the Borda count is stored. A closed round is a 409 that says so.
 */
export async function closeRoundNow(
  deps: AppDeps,
  id: string,
): Promise<{ status: 'closed'; result: RankedInitiative[] }> {
  const round = await deps.db
    .selectFrom('prioritisation_rounds')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!round) throw new ApiError(404, 'round_not_found', `There is no prioritisation round "${id}".`);
  if (round.status === 'closed') throw new ApiError(409, 'round_closed', 'This round has already closed.');
  try {
    await probeEngine(deps.temporal);
  } catch {
    throw engineUnavailable();
  }
  try {
    const state = await deps.temporal.workflow.getHandle(roundWorkflowId(id)).executeUpdate(closeRoundUpdate);
    return { status: 'closed', result: state.result ?? [] };
  } catch (error) {
    const failure = readUpdateFailure(error);
    if (failure.kind === 'engine_unavailable') throw engineUnavailable();
    throw new ApiError(409, 'round_closed', 'This round has already closed.');
  }
}
