import { format } from 'node:util';
import type { LogEntry } from '@temporalio/worker';
import { redactSecrets } from '../security/log-redaction';

/** The worker's log lines, as the SDK's default writes them (stderr), with link and reply tokens redacted. */
export function writeRedactedLogLine(entry: LogEntry): void {
  const date = new Date(Number(entry.timestampNanos / 1_000_000n));
  const meta = entry.meta === undefined ? '' : ` ${format(entry.meta)}`;
  process.stderr.write(`${redactSecrets(`${format(date)} [${entry.level}] ${entry.message}${meta}`)}\n`);
}
