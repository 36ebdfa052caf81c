import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { buildServers } from '../api/server';
import { type Config, loadConfig } from '../config/config';
import { createDb, type Db } from '../db/connection';
import { migrateToLatest } from '../db/migrator';
import { encryptingDataConverter } from '../privacy/data-converter';
import { postgresDataKeys, type PostgresDataKeys } from '../privacy/data-keys';

/**
 * The system's API in this process, on servers that are already running (a Temporal frontend, a
 * Postgres server, an SMTP server): a fresh database with its migrations, the API's client with the
 * payload codec, and both listeners on free ports. The one assembly the test suite
 * (tests/support/test-system.ts) and the benchmarks (bench/system.ts) share; each adds its worker.
 */
export interface SystemOnServersOptions {
  /** A Postgres URL with the right to create databases; the system gets a new one, `databaseName`. */
  adminDatabaseUrl: string;
  databaseName: string;
  temporalAddress: string;
  smtpUrl: string;
  /** The environment beyond the connections and fresh secrets, e.g. PACT_* policy, TEMPORAL_TASK_QUEUE. */
  env: Record<string, string>;
  /** How the system reaches its database (a test's TCP proxy); gets the database's own URL. */
  routeDatabase?: (url: string) => Promise<string>;
  dataKeys?: Parameters<typeof postgresDataKeys>[2];
  /** false: the API's client uses Temporal's default data converter, without the payload codec. */
  codec?: boolean;
  server?: Parameters<typeof buildServers>[1];
}

export interface SystemOnServers {
  /** Base URL of the API, e.g. http://127.0.0.1:43127 */
  url: string;
  /** Base URL of the API's internal listener: mail relay, /metrics, detailed /readyz. */
  internalUrl: string;
  apiToken: string;
  config: Config & { tokenSecret: string };
  db: Db;
  databaseUrl: string;
  /** The database itself, never through a route: what a check reads afterwards. */
  directDatabaseUrl: string;
  /** The API's Temporal client (with the payload codec unless `codec: false`). */
  temporal: Client;
  /** A client on the same connection without the codec. */
  plainTemporal: Client;
  dataKeys: PostgresDataKeys;
  /** The environment the system was configured from, with the API's real addresses: a worker gets the same. */
  env: Record<string, string>;
  /** fetch against the API with the staff token. */
  staffFetch(path: string, init?: RequestInit): Promise<Response>;
  /** Closes the API, its connections and its database pool (the database stays, for a look afterwards). */
  stop(): Promise<void>;
}

/** The connections of a system on these servers, and fresh secrets: the staff token, link and relay secrets, the master key. */
export function systemConnections(servers: {
  databaseUrl: string;
  temporalAddress: string;
  smtpUrl: string;
}): Record<string, string> {
  return {
    DATABASE_URL: servers.databaseUrl,
    TEMPORAL_ADDRESS: servers.temporalAddress,
    SMTP_URL: servers.smtpUrl,
    PACT_API_TOKEN: randomBytes(24).toString('base64url'),
    PACT_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    MAIL_RELAY_SECRET: randomBytes(32).toString('base64url'),
    PACT_MASTER_KEY: randomBytes(32).toString('base64'),
  };
}

export async function startSystemOnServers(options: SystemOnServersOptions): Promise<SystemOnServers> {
  const admin = new PgClient({ connectionString: options.adminDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${options.databaseName}`);
  await admin.end();
  const directDatabaseUrl = Object.assign(new URL(options.adminDatabaseUrl), {
    pathname: `/${options.databaseName}`,
  }).toString();
  const databaseUrl = options.routeDatabase ? await options.routeDatabase(directDatabaseUrl) : directDatabaseUrl;

  const systemEnv: Record<string, string> = {
    ...systemConnections({ databaseUrl, temporalAddress: options.temporalAddress, smtpUrl: options.smtpUrl }),
    PUBLIC_URL: 'http://127.0.0.1:0', // replaced below once the port is known
    ...options.env,
  };
  const apiToken = systemEnv.PACT_API_TOKEN!;
  const loaded = loadConfig(systemEnv);
  const db = createDb(databaseUrl);
  await migrateToLatest(db);
  const dataKeys = postgresDataKeys(db, loaded.masterKey!, options.dataKeys);
  const connection = await Connection.connect({ address: options.temporalAddress, ...loaded.temporal.connection });
  const plainTemporal = new Client({ connection, namespace: loaded.temporal.namespace });
  const temporal =
    options.codec === false
      ? plainTemporal
      : new Client({
          connection,
          namespace: loaded.temporal.namespace,
          dataConverter: encryptingDataConverter(dataKeys),
        });
  const { app, internal } = await buildServers({ config: loaded, db, temporal, dataKeys }, options.server);
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

  return {
    url,
    internalUrl,
    apiToken,
    config,
    db,
    databaseUrl,
    directDatabaseUrl,
    temporal,
    plainTemporal,
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
      await app.close();
      await internal.close();
      await connection.close();
      await db.destroy();
    },
  };
}
