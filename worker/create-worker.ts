import { Client } from '@temporalio/client';
import { type NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import type { DataKeys } from '../privacy/data-keys';
import { encryptingDataConverter } from '../privacy/data-converter';
import { partnerImportActivities } from './partner-import-activities';

export interface WorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  /** The payload codec's keys (privacy/data-keys.ts): every payload leaves the worker encrypted. */
  dataKeys: DataKeys;
  /** Pre-bundled workflow code (tests bundle once); otherwise the worker bundles workflows/ at start. */
  workflowBundle?: { codePath: string };
}

/** A worker running every workflow and activity of the project on the configured task queue. */
export function createWorker({ connection, workflowBundle, dataKeys, ...deps }: WorkerOptions): Promise<Worker> {
  const dataConverter = encryptingDataConverter(dataKeys);
  // The CSV import's activities start journeys: with a client on the worker's own connection.
  const temporal = new Client({ connection, namespace: deps.config.temporal.namespace, dataConverter });
  return Worker.create({
    connection,
    dataConverter,
    namespace: deps.config.temporal.namespace,
    taskQueue: deps.config.temporal.taskQueue,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    activities: { ...createActivities(deps), ...partnerImportActivities({ ...deps, dataKeys, temporal }) },
    // Journeys wait for weeks: keeping fewer of them in memory caps the worker's RSS; an evicted
    // journey is replayed from its history when it next has work (docs/benchmarks.md).
    maxCachedWorkflows: 1000,
    // Tasks not yet taken wait in the server, which hands out the highest priority first
    // (workflows/priorities.ts); a worker holding many tasks at once would bypass that order.
    maxConcurrentWorkflowTaskExecutions: deps.config.temporal.workflowTaskSlots,
  });
}
