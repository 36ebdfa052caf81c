import { format } from 'node:util';
import { DefaultLogger, type LogEntry, Runtime } from '@temporalio/worker';

/** Set while a test provokes a warning on purpose (expectingWarning). */
let expected: { pattern: RegExp; why: string } | undefined;

/** The worker's warnings as the SDK writes them, those a test provokes on purpose labelled so. */
function writeWarning(entry: LogEntry): void {
  const date = new Date(Number(entry.timestampNanos / 1_000_000n));
  const meta = entry.meta === undefined ? '' : ` ${format(entry.meta)}`;
  const line = `${entry.message}${meta}`;
  const label = expected?.pattern.test(line) ? `EXPECTED (${expected.why}): ` : '';
  process.stderr.write(`${format(date)} [${entry.level}] ${label}${line}\n`);
}

/**
 * Only warnings from the Temporal worker: its state changes would drown the test output.
 * The runtime can be installed once per process; a second file in the same process finds it there.
 */
export function quietTemporalRuntime(): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN', writeWarning),
      // The SDK core's own warnings through the same writer, so a provoked one can be labelled.
      telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
    });
  } catch {
    // already installed by an earlier test file in this jest worker
  }
}

/**
 * Runs `during`, marking the worker's warnings that match `pattern` as expected, with why. The
 * mark stays a second longer: the SDK forwards its core's log lines in batches, up to 100 ms late.
 */
export async function expectingWarning<T>(pattern: RegExp, why: string, during: () => Promise<T>): Promise<T> {
  const mark = { pattern, why };
  expected = mark;
  try {
    return await during();
  } finally {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (expected === mark) expected = undefined;
  }
}
