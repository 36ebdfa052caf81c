import type { Client, WorkflowStartOptions } from '@temporalio/client';
import type * as workflows from '../workflows/index';

/** A workflow the worker runs: an export of workflows/index.ts, so a name it does not export fails the type check. */
export type WorkflowName = keyof typeof workflows;

/**
 * Starts the workflow of that name, its arguments typed by that workflow: the name and the
 * function the worker registers under it cannot drift apart.
 */
export function startWorkflow<N extends WorkflowName>(
  client: Client,
  name: N,
  options: WorkflowStartOptions<(typeof workflows)[N]>,
) {
  return client.workflow.start<(typeof workflows)[N]>(name, options);
}
