import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { buildServer } from '../../api/server';
import { type Config, loadConfig } from '../../config/config';
import { createDb, type Db } from '../../db/connection';
import { migrateToLatest } from '../../db/migrator';
import { type MailCatcher, startMailCatcher } from '../../dev/mail-catcher/mail-catcher';
import { createMailer } from '../../mail/mailer';
import { createWorker } from '../../worker/create-worker';
import { quietTemporalRuntime } from './quiet-runtime';
import { sharedServers } from './shared-servers';

export interface TestSystem {
  /** Base URL of the running API, e.g. http://127.0.0.1:43127 */
  url: string;
  apiToken: string;
  config: Config & { tokenSecret: string };
  db: Db;
  databaseUrl: string;
  mail: MailCatcher;
  temporal: Client;
  /** fetch against the API with the staff token. */
  staffFetch(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The whole system for one test file, on real parts: a fresh database on the shared Postgres
 * server, a real SMTP server capturing mail, a worker on its own task queue against the shared
 * Temporal dev server, and the API listening on a free port.
 */
export async function startTestSystem(env: Record<string, string> = {}): Promise<TestSystem> {
  quietTemporalRuntime();
  const servers = sharedServers();
  const databaseName = `test_${randomBytes(6).toString('hex')}`;
  const admin = new PgClient({ connectionString: servers.adminDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  await admin.end();
  const databaseUrl = Object.assign(new URL(servers.adminDatabaseUrl), { pathname: `/${databaseName}` }).toString();

  const mail = await startMailCatcher({ smtpPort: 0 });
  const apiToken = randomBytes(24).toString('base64url');
  const loaded = loadConfig({
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: servers.temporalAddress,
    TEMPORAL_UI_URL: servers.temporalUiUrl,
    TEMPORAL_TASK_QUEUE: `test-${databaseName}`,
    SMTP_URL: `smtp://127.0.0.1:${mail.smtpPort}?tls=off`,
    PACT_API_TOKEN: apiToken,
    PACT_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    PUBLIC_URL: 'http://127.0.0.1:0', // replaced below once the port is known
    PACT_PAGE_RATE_LIMIT: '100000', // every test request comes from 127.0.0.1
    ...env,
  });

  const db = createDb(databaseUrl);
  await migrateToLatest(db);

  const connection = await Connection.connect({ address: servers.temporalAddress });
  const temporal = new Client({ connection, namespace: loaded.temporal.namespace });
  const app = await buildServer({ config: loaded, db, temporal });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  // The API holds this same object, so both see the real address once it is known.
  const config = Object.assign(loaded, { publicUrl: url, port, tokenSecret: loaded.tokenSecret! });

  const workerConnection = await NativeConnection.connect({ address: servers.temporalAddress });
  const worker: Worker = await createWorker({
    connection: workerConnection,
    db,
    mailer: createMailer(config.smtpUrl!),
    config,
    workflowBundle: { codePath: servers.workflowBundlePath },
  });
  const running = worker.run();

  return {
    url,
    apiToken,
    config,
    db,
    databaseUrl,
    mail,
    temporal,
    staffFetch: (path, init = {}) =>
      fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${apiToken}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers } }),
    async stop() {
      worker.shutdown();
      await running;
      await workerConnection.close();
      await app.close();
      await connection.close();
      await db.destroy();
      await mail.close();
    },
  };
}
