import { isIPv6 } from 'node:net';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { type Config, ConfigError } from '../config/config';
import { writeRedactedLogLine } from './log-line';

/**
 * The worker's Temporal runtime: its log lines (tokens redacted) and, with WORKER_METRICS_PORT, the
 * SDK's own metrics for Prometheus at http://INTERNAL_HOST:WORKER_METRICS_PORT/metrics, with
 * Temporal's metric names (temporal_workflow_task_execution_failed, temporal_activity_execution_failed, ...).
 */
export function installWorkerRuntime(config: Config): void {
  const logger = new DefaultLogger(config.logLevel.toUpperCase() as 'INFO', writeRedactedLogLine);
  const port = config.workerMetricsPort;
  if (port === undefined) {
    Runtime.install({ logger });
    return;
  }
  const host = isIPv6(config.internal.host) ? `[${config.internal.host}]` : config.internal.host;
  try {
    Runtime.install({ logger, telemetryOptions: { metrics: { prometheus: { bindAddress: `${host}:${port}` } } } });
  } catch (error) {
    throw new ConfigError(
      `cannot serve the worker's metrics on ${host}:${port} (${(error as Error).message}): set WORKER_METRICS_PORT to a free port, or unset it`,
    );
  }
}
