import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import type { LogDestination } from '../../api/logger';
import { buildServers } from '../../api/server';
import { type Config, loadConfig } from '../../config/config';
import { createDb, type Db } from '../../db/connection';
import { migrateToLatest } from '../../db/migrator';
import { type MailCatcher, startMailCatcher } from '../../dev/mail-catcher/mail-catcher';
import { workerOutbox } from '../../worker/outbox';
import { createWorker } from '../../worker/create-worker';
import { encryptingDataConverter } from '../../privacy/data-converter';
import { type DataKeys, postgresDataKeys, type PostgresDataKeys } from '../../privacy/data-keys';
import { captureDataKey, capturing } from './history-fixtures';
import { quietTemporalRuntime } from './quiet-runtime';
import { sharedServers } from './shared-servers';

export interface TestSystem {
  /** Base URL of the running API, e.g. http://127.0.0.1:43127 */
  url: string;
  /** Base URL of the API's internal listener: mail relay, /metrics, detailed /readyz. */
  internalUrl: string;
  apiToken: string;
  config: Config & { tokenSecret: string };
  db: Db;
  databaseUrl: string;
  /** The database itself, never through a test's proxy: what a test checks afterwards. */
  directDatabaseUrl: string;
  mail: MailCatcher;
  /** The Temporal client of the API, with the payload codec. */
  temporal: Client;
  /** The payload codec's keys in this system's database (PACT_MASTER_KEY from `env`). */
  dataKeys: PostgresDataKeys;
  /** The environment the system was configured from (PUBLIC_URL the API's real address): a worker process gets the same. */
  env: Record<string, string>;
  /** fetch against the API with the staff token. */
  staffFetch(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
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
 * server, a real SMTP server capturing mail, a worker on its own task queue against the shared
 * Temporal dev server, and the API listening on a free port.
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
  const admin = new PgClient({ connectionString: servers.adminDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  await admin.end();
  const directDatabaseUrl = Object.assign(new URL(servers.adminDatabaseUrl), {
    pathname: `/${databaseName}`,
  }).toString();
  const databaseUrl = await routed(directDatabaseUrl, options.routePostgres);

  const mail = await startMailCatcher({ smtpPort: 0 });
  const apiToken = randomBytes(24).toString('base64url');
  const systemEnv: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: servers.temporalAddress,
    ...(servers.temporalUiUrl ? { TEMPORAL_UI_URL: servers.temporalUiUrl } : {}),
    TEMPORAL_TASK_QUEUE: `test-${databaseName}`,
    SMTP_URL: await routed(`smtp://127.0.0.1:${mail.smtpPort}?tls=off`, options.routeSmtp),
    PACT_API_TOKEN: apiToken,
    PACT_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    MAIL_RELAY_SECRET: randomBytes(32).toString('base64url'),
    PACT_MASTER_KEY: randomBytes(32).toString('base64'),
    PUBLIC_URL: 'http://127.0.0.1:0', // replaced below once the port is known
    PACT_PAGE_RATE_LIMIT: '100000', // every test request comes from 127.0.0.1
    INBOUND_DOMAIN: 'reply.integratiepact.localhost', // reply-by-email on, as under `npm start`
    ...env,
  };
  const loaded = loadConfig(systemEnv);

  const db = createDb(databaseUrl);
  await migrateToLatest(db);

  const dataKeys = postgresDataKeys(
    db,
    loaded.masterKey!,
    (options.fixtureKeys ?? capturing()) ? { makeKey: captureDataKey } : {},
  );
  const connection = await Connection.connect({ address: servers.temporalAddress, ...loaded.temporal.connection });
  const temporal = new Client({
    connection,
    namespace: loaded.temporal.namespace,
    dataConverter: encryptingDataConverter(dataKeys),
  });
  const { app, internal } = await buildServers(
    { config: loaded, db, temporal, dataKeys },
    options.logDestination ? { logLevel: 'info', logDestination: options.logDestination } : {},
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  await internal.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  const internalPort = (internal.server.address() as { port: number }).port;
  const internalUrl = `http://127.0.0.1:${internalPort}`;
  // The API holds this same object, so both see the real address once it is known. Workers hand
  // their emails to this API's mail relay on its internal listener, as in `npm start` and docker-compose.
  const config = Object.assign(loaded, {
    publicUrl: url,
    port,
    internal: { host: '127.0.0.1', port: internalPort },
    tokenSecret: loaded.tokenSecret!,
    mailRelay: { url: internalUrl, secret: loaded.mailRelay.secret },
  });

  const inProcess =
    options.worker === false
      ? undefined
      : await startInProcessWorker(
          servers.temporalAddress,
          options.workflowBundlePath ?? servers.workflowBundlePath,
          db,
          dataKeys,
          config,
        );

  return {
    url,
    internalUrl,
    apiToken,
    config,
    db,
    databaseUrl,
    directDatabaseUrl,
    mail,
    temporal,
    dataKeys,
    env: { ...systemEnv, PUBLIC_URL: url, MAIL_RELAY_URL: internalUrl },
    staffFetch: (path, init = {}) =>
      fetch(`${url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${apiToken}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...init.headers,
        },
      }),
    async stop() {
      await inProcess?.stop();
      await app.close();
      await internal.close();
      await connection.close();
      await db.destroy();
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
