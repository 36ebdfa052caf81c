import { DefaultLogger, Runtime } from '@temporalio/worker';

/**
 * Only warnings from the Temporal worker: its state changes would drown the test output.
 * The runtime can be installed once per process; a second file in the same process finds it there.
 */
export function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed by an earlier test file in this jest worker
  }
}
