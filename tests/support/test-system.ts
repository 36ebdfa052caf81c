import { randomBytes } from 'node:crypto';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { LogDestination } from '../../api/logger';
import type { Config } from '../../config/config';
import type { Db } from '../../db/connection';
import { workerOutbox } from '../../worker/outbox';
import { createWorker } from '../../worker/create-worker';
import type { DataKeys } from '../../privacy/data-keys';
import { startSystemOnServers, type SystemOnServers } from '../../dev/system-on-servers';
import { captureDataKey, capturing } from './history-fixtures';
import { type MailInbox, startMailInbox } from './mail-inbox';
import { quietTemporalRuntime } from './quiet-runtime';
import { sharedServers } from './shared-servers';

/** The system for one test file (dev/system-on-servers.ts), with the Mailpit that keeps its mail. */
export interface TestSystem extends Omit<SystemOnServers, 'plainTemporal'> {
  mail: MailInbox;
}

type Route = (target: {
  host: string;
  port: number;
}) => Promise<{ host: string; port: number }> | { host: string; port: number };

export interface TestSystemOptions {
  /** Run a worker in this process (the default). Off: the test runs its own, e.g. the real worker process. */
  worker?: boolean;
  /** Another Temporal frontend than the shared dev server (a test's own server). */
  temporalAddress?: string;
  /** Another workflow bundle for the in-process worker (default: the one global setup built from workflows/). */
  workflowBundlePath?: string;
  /** How the system reaches Postgres, e.g. through a test's TCP proxy; gets the real host and port. */
  routePostgres?: Route;
  /** Data keys derived from their ids (captureDataKey), as history fixtures need; default: while capturing. */
  fixtureKeys?: boolean;
  /** How the system reaches the SMTP server, e.g. through a test's TCP proxy; gets the real host and port. */
  routeSmtp?: Route;
  /** The API logs at info level into this, as in production (default: no logs). */
  logDestination?: LogDestination;
}

/**
 * The whole system for one test file, on real parts: a fresh database on the shared Postgres
 * server, a Mailpit of its own that keeps the mail (read through its REST API), a worker on its
 * own task queue against the shared Temporal dev server, and the API listening on a free port.
 */
export async function startTestSystem(
  env: Record<string, string> = {},
  options: TestSystemOptions = {},
): Promise<TestSystem> {
  quietTemporalRuntime();
  const servers = {
    ...sharedServers(),
    ...(options.temporalAddress ? { temporalAddress: options.temporalAddress } : {}),
  };
  const databaseName = `test_${randomBytes(6).toString('hex')}`;
  const mail = await startMailInbox(servers.mailpitBinary);
  const system = await startSystemOnServers({
    adminDatabaseUrl: servers.adminDatabaseUrl,
    databaseName,
    temporalAddress: servers.temporalAddress,
    smtpUrl: await routed(mail.smtpUrl, options.routeSmtp),
    env: {
      TEMPORAL_UI_UPSTREAM: servers.temporalUiUpstream,
      TEMPORAL_TASK_QUEUE: `test-${databaseName}`,
      PACT_PAGE_RATE_LIMIT: '100000', // every test request comes from 127.0.0.1
      PACT_JOIN_RATE_LIMIT: '100000',
      INBOUND_DOMAIN: 'reply.integratiepact.localhost', // reply-by-email on, as under `npm start`
      ...env,
    },
    routeDatabase: (url) => routed(url, options.routePostgres),
    dataKeys: (options.fixtureKeys ?? capturing()) ? { makeKey: captureDataKey } : {},
    server: options.logDestination ? { logLevel: 'info', logDestination: options.logDestination } : {},
  }).catch(async (error: unknown) => {
    await mail.close();
    throw error;
  });

  const inProcess =
    options.worker === false
      ? undefined
      : await startInProcessWorker(
          servers.temporalAddress,
          options.workflowBundlePath ?? servers.workflowBundlePath,
          system.db,
          system.dataKeys,
          system.config,
        );

  return {
    ...system,
    mail,
    async stop() {
      await inProcess?.stop();
      await system.stop();
      await mail.close();
    },
  };
}

/** A worker in this process on the system's task queue, running one workflow bundle. */
export async function startInProcessWorker(
  address: string,
  codePath: string,
  db: Db,
  dataKeys: DataKeys,
  config: Config & { tokenSecret: string },
) {
  const connection = await NativeConnection.connect({ address, ...config.temporal.connection });
  const worker: Worker = await createWorker({
    connection,
    db,
    dataKeys,
    outbox: workerOutbox(config, db),
    config,
    workflowBundle: { codePath },
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

async function routed(url: string, route: Route | undefined): Promise<string> {
  if (!route) return url;
  const parsed = new URL(url);
  const via = await route({ host: parsed.hostname, port: Number(parsed.port) });
  parsed.hostname = via.host;
  parsed.port = String(via.port);
  return parsed.toString();
}
