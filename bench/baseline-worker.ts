/**
 * The baseline worker process: runs bench/baseline-workflows.ts with a no-op activity on
 * BENCH_TASK_QUEUE, with the SDK's default worker options (as worker/main.ts does). Prints
 * `done <count> <epoch ms>` whenever no-op activities completed, so the bench can tell when the
 * N-th one ran without asking the server.
 */
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { BaselineActivities } from './baseline-workflows';

async function main(): Promise<void> {
  const address = process.env.BENCH_TEMPORAL_ADDRESS;
  const taskQueue = process.env.BENCH_TASK_QUEUE;
  if (!address || !taskQueue) throw new Error('set BENCH_TEMPORAL_ADDRESS and BENCH_TASK_QUEUE');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never;
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./baseline-workflows'),
    logger: quiet,
  });
  const connection = await NativeConnection.connect({ address });

  let count = 0;
  let lastAt = 0;
  let printed = 0;
  const activities: BaselineActivities = {
    async noop() {
      count += 1;
      lastAt = Date.now();
    },
  };
  const worker = await Worker.create({ connection, namespace: 'default', taskQueue, workflowBundle, activities });
  setInterval(() => {
    if (count === printed) return;
    printed = count;
    console.log(`done ${count} ${lastAt}`);
  }, 10).unref();
  console.log(`baseline worker ready: task queue ${taskQueue}`);
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error('baseline worker failed:', error);
  process.exit(1);
});
