import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributeKeys } from '../domain/search-attributes';
import { killOnExit, stopChild } from './child-process';
import type { TemporalCli } from './temporal-cli';
import { dynamicConfigValues, searchAttributeList } from './temporal-settings';

export interface DevServerOptions {
  cli: TemporalCli;
  port: number;
  /** SQLite file that keeps workflows across restarts. */
  dbFile: string;
  namespace: string;
  onLog?: (line: string) => void;
}

export interface DevServer {
  address: string;
  /** The server's process id (the CLI binary's; none for the SDK's download), for the chaos soak's SIGKILL. */
  pid?: number;
  stop(): Promise<void>;
}

/**
 * The server settings this project relies on, from the file docker-compose gives its server
 * (deploy/temporal/dynamicconfig.yaml, dev/temporal-settings.ts): dispatch tasks by priority
 * (workflows/priorities.ts), and write new tasks to one partition of each task queue, where that
 * order is exact.
 */
const dynamicConfigFlags = () =>
  Object.entries(dynamicConfigValues()).map(([key, value]) => `${key}=${JSON.stringify(value)}`);

/**
 * Starts a Temporal dev server with this project's search attributes and waits until it answers.
 * Headless: its embedded UI cannot turn off write actions, so the UI is a server of its own
 * (dev/temporal-ui-server.ts).
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  mkdirSync(dirname(options.dbFile), { recursive: true });
  const address = `127.0.0.1:${options.port}`;

  if (options.cli.kind === 'sdk-download') {
    // Laptops without Go: the SDK downloads the same dev server and runs it for us.
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: options.port,
        ui: false,
        dbFilename: options.dbFile,
        namespace: options.namespace,
        searchAttributes: searchAttributeKeys,
        extraArgs: dynamicConfigFlags().flatMap((value) => ['--dynamic-config-value', value]),
      },
    });
    return { address, stop: () => env.teardown() };
  }

  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--db-filename',
    options.dbFile,
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    '--headless',
  ];
  for (const { name, type } of searchAttributeList()) args.push('--search-attribute', `${name}=${type}`);
  for (const value of dynamicConfigFlags()) args.push('--dynamic-config-value', value);

  // Its own process group, so a Ctrl-C meant for `npm start` does not stop it before the worker.
  const child = spawn(options.cli.path, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log = options.onLog ?? (() => undefined);
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach(log));
  }
  await waitUntilServing(address, options.namespace, child);
  killOnExit(child);
  return { address, pid: child.pid, stop: () => stopChild(child) };
}

async function waitUntilServing(
  address: string,
  namespace: string,
  child: ChildProcess,
  timeoutMs = 60_000,
): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? `code ${code}`}`));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`the Temporal dev server ${exited}; is port ${address.split(':')[1]} already in use?`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(
          `the Temporal dev server did not answer on ${address} within ${timeoutMs / 1000}s: ${(error as Error).message}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
