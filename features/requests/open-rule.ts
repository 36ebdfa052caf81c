import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { probeEngine, withEngineDeadline } from '../../temporal/client';
import { requestWorkflow } from './request-workflow';

/** What the engine says of a request's workflow: still waiting, ended (or past its retention), or nothing in time. */
export type WorkflowState = 'running' | 'ended' | 'unreachable';

export type Openness = { kind: 'open' } | { kind: 'closed'; status: string } | { kind: 'engine_unavailable' };

/**
 * The one rule for "is this request open?", for every channel (page, JSON, email reply, staff
 * actions). The row first: a pending row is open. A closed row can be ahead of the workflow:
 * `closeRequest` runs inside the workflow task that accepts an answer, so when Temporal loses that
 * task the row says "answered" while the workflow still waits (docs/reliability.md). Then the
 * workflow decides, and while the engine is away nobody can tell, so the caller is asked to try
 * again rather than told it is closed. Without `workflow`, a closed row answers `ask_workflow`.
 */
export function openness(rowStatus: string): Openness | { kind: 'ask_workflow' };
export function openness(rowStatus: string, workflow: WorkflowState): Openness;
export function openness(rowStatus: string, workflow?: WorkflowState): Openness | { kind: 'ask_workflow' } {
  if (rowStatus === 'pending') return { kind: 'open' };
  if (workflow === undefined) return { kind: 'ask_workflow' };
  if (workflow === 'running') return { kind: 'open' };
  if (workflow === 'ended') return { kind: 'closed', status: rowStatus };
  return { kind: 'engine_unavailable' };
}

/** `openness` of a stored request, asking its workflow only when the row says closed. */
export async function requestOpenness(temporal: Client, request: { id: string; status: string }): Promise<Openness> {
  const byRow = openness(request.status);
  if (byRow.kind !== 'ask_workflow') return byRow;
  return openness(request.status, await workflowState(temporal, request.id));
}

/**
 * Whether a request may be acted on now (an answer, a reminder, a re-send): the engine must answer
 * a cheap probe first, so an action while it is away changes nothing and says so at once.
 */
export async function requestOpenForAction(
  temporal: Client,
  request: { id: string; status: string },
): Promise<Openness> {
  try {
    await probeEngine(temporal);
  } catch {
    return { kind: 'engine_unavailable' };
  }
  return requestOpenness(temporal, request);
}

async function workflowState(temporal: Client, requestId: string): Promise<WorkflowState> {
  try {
    const handle = requestWorkflow(temporal, requestId);
    const { status } = await withEngineDeadline(temporal, 2_000, () => handle.describe());
    return status.name === 'RUNNING' ? 'running' : 'ended';
  } catch (error) {
    return error instanceof WorkflowNotFoundError ? 'ended' : 'unreachable';
  }
}
