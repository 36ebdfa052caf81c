import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Connection } from '@temporalio/client';
import { killOnExit, stopChild } from './child-process';
import { lastMessage } from './temporal-cluster-databases';
import { TemporalClusterFailed } from './temporal-cluster-failed';

export const clusterServiceNames = ['frontend', 'history', 'matching', 'worker'] as const;
export type ClusterServiceName = (typeof clusterServiceNames)[number];

/**
 * What each service's gRPC health check is registered under (service/<name>/handler.go of the
 * server; history and matching really are named under workflowservice). The worker service has no
 * gRPC server: it has started when it says so.
 */
const healthCheckNames: Record<ClusterServiceName, string | undefined> = {
  frontend: 'temporal.api.workflowservice.v1.WorkflowService',
  history: 'temporal.api.workflowservice.v1.HistoryService',
  matching: 'temporal.api.workflowservice.v1.MatchingService',
  worker: undefined,
};
const workerStarted = /"msg":"worker service started"/;

export interface StartedClusterService {
  service: {
    name: string;
    pid(): number | undefined;
    kill(signal?: NodeJS.Signals): void;
    restart(): Promise<void>;
  };
  stop(): Promise<void>;
}

interface ServiceOptions {
  name: ClusterServiceName;
  binary: string;
  /** The folder whose config/<name>.yaml holds its settings. */
  root: string;
  grpcAddress: string;
  timeoutMs: number;
  log: (line: string) => void;
}

/** Starts one service of the server as its own process and waits until it serves. */
export async function startClusterService(options: ServiceOptions): Promise<StartedClusterService> {
  let child = await launch(options);
  let stopped = false;
  return {
    service: {
      name: options.name,
      pid: () => (running(child) ? child.pid : undefined),
      kill: (signal = 'SIGKILL') => {
        if (running(child)) child.kill(signal);
      },
      restart: async () => {
        await stopChild(child);
        if (stopped) return;
        child = await launch(options);
      },
    },
    stop: () => {
      stopped = true;
      return stopChild(child);
    },
  };
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

async function launch(options: ServiceOptions): Promise<ChildProcess> {
  const args = ['--root', options.root, '--config', 'config', '--env', options.name, '--allow-no-auth'];
  // Its own process group, so a Ctrl-C meant for the launcher does not stop it before its clients.
  const child = spawn(options.binary, [...args, 'start', '--service', options.name], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  killOnExit(child);
  const recent: string[] = [];
  let said = false;
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => {
      options.log(`[${options.name}] ${line}`);
      recent.push(line);
      if (recent.length > 20) recent.shift();
      if (workerStarted.test(line)) said = true;
    });
  let exited: string | undefined;
  // `close`, not `exit`: by then its last lines, which name the cause, have been read.
  child.once('close', (code, signal) => (exited = signal ? `was stopped (${signal})` : `exited with code ${code}`));
  child.once('error', (error) => (exited = `could not start (${error.message})`));

  const healthName = healthCheckNames[options.name];
  const connection = healthName ? Connection.lazy({ address: options.grpcAddress }) : undefined;
  const deadline = Date.now() + options.timeoutMs;
  try {
    for (;;) {
      if (exited)
        throw new TemporalClusterFailed(
          `the Temporal ${options.name} service did not come up: it ${exited}: ${lastMessage(recent.join('\n'))}`,
        );
      if (healthName ? await serving(connection!, healthName) : said) return child;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new TemporalClusterFailed(
          `the Temporal ${options.name} service did not come up within ${options.timeoutMs / 1000}s` +
            (recent.length ? `: ${lastMessage(recent.join('\n'))}` : ''),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await connection?.close();
  }
}

async function serving(connection: Connection, service: string): Promise<boolean> {
  try {
    const { status } = await connection.withDeadline(Date.now() + 1_000, () =>
      connection.healthService.check({ service }),
    );
    return status === 1; // SERVING
  } catch {
    return false;
  }
}
