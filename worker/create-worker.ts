import { type NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';

export interface WorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  /** Pre-bundled workflow code (tests bundle once); otherwise the worker bundles workflows/ at start. */
  workflowBundle?: { codePath: string };
}

/** A worker running every workflow and activity of the project on the configured task queue. */
export function createWorker({ connection, workflowBundle, ...deps }: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: deps.config.temporal.namespace,
    taskQueue: deps.config.temporal.taskQueue,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities(deps),
    // Journeys wait for weeks: keeping fewer of them in memory caps the worker's RSS; an evicted
    // journey is replayed from its history when it next has work (docs/benchmarks.md).
    maxCachedWorkflows: 1000,
    // Tasks not yet taken wait in the server, which hands out the highest priority first
    // (workflows/priorities.ts); a worker holding many tasks at once would bypass that order.
    maxConcurrentWorkflowTaskExecutions: deps.config.temporal.workflowTaskSlots,
  });
}
