import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { type Config, loadConfig } from '../config/config';
import { createDb, type Db } from '../db/connection';
import { migrateToLatest } from '../db/migrator';
import { ensureMailpit, type Mailpit, startMailpit } from '../dev/mailpit';
import { systemConnections } from '../dev/system-on-servers';
import { encryptingDataConverter } from '../privacy/data-converter';
import { failureConverterPath } from '../privacy/data-converter';
import { openDataKeys } from '../privacy/data-keys';
import { freePort } from '../tests/support/free-port';
import { type MailReader, mailReader } from '../tests/support/mail-inbox';
import { repositoryProcess, type WorkerProcess } from '../tests/support/worker-process';
import type { Killable } from './killable';
import { type KillablePostgres, startKillablePostgres } from './killable-postgres';
import { type RoundRobinProxy, startRoundRobinProxy } from './round-robin-proxy';
import type { TemporalPart } from './temporal-part';

const root = join(__dirname, '..');
export const log = (line: string) => process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/**
 * Everything the soak runs, each part a process of its own: two API processes behind the soak's
 * round-robin proxy (one for the public listener, one for the internal mail relay the workers use),
 * two worker processes, Temporal, Postgres and Mailpit. The APIs and workers run from dist/ and
 * the workers load one workflow bundle made at start, so a restart is ready in seconds.
 */
export interface SoakSystem {
  /** The proxy: what partners' links, staff and the soak's clients use. */
  url: string;
  apiToken: string;
  config: Config;
  /** The system's database, read directly by the checks. */
  db: Db;
  /** A client with the payload codec, to ask workflows for their state. */
  temporal: Client;
  mail: MailReader;
  mailpit: Mailpit;
  /** The APIs' reply-by-email SMTP ports (a sender tries the next when one is down). */
  inboundPorts: number[];
  proxy: RoundRobinProxy;
  apis: Killable[];
  workers: Killable[];
  postgres: KillablePostgres;
  temporalPart: TemporalPart;
  staffFetch(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export async function startSoakSystem(options: {
  workDir: string;
  startTemporal: (postgres: KillablePostgres) => Promise<TemporalPart>;
}): Promise<SoakSystem> {
  const { workDir } = options;
  const logs = join(workDir, 'logs');
  mkdirSync(logs, { recursive: true });
  log(`work folder ${workDir} (process logs in logs/)`);

  log('building dist/ and bundling the workflows once');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  const bundlePath = join(workDir, 'workflow-bundle.js');
  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    failureConverterPath,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never,
  });
  writeFileSync(bundlePath, bundle.code);

  const postgres = await startKillablePostgres(join(workDir, 'postgres'), await freePort());
  await postgres.createDatabase('pact');
  const databaseUrl = postgres.urlFor('pact');
  const temporalPart = await options.startTemporal(postgres);
  const mailpit = await startMailpit({
    binary: await ensureMailpit(log),
    smtpPort: await freePort(),
    httpPort: await freePort(),
    database: join(workDir, 'mailpit.db'),
  });
  log(`Postgres, Temporal (${temporalPart.kind} at ${temporalPart.address}) and Mailpit (${mailpit.httpUrl}) up`);

  const apiPorts = [await freePort(), await freePort()];
  const internalPorts = [await freePort(), await freePort()];
  const inboundPorts = [await freePort(), await freePort()];
  const proxy = await startRoundRobinProxy(apiPorts);
  const relayProxy = await startRoundRobinProxy(internalPorts);
  const env: Record<string, string> = {
    ...systemConnections({ databaseUrl, temporalAddress: temporalPart.address, smtpUrl: mailpit.smtpUrl }),
    PUBLIC_URL: proxy.url,
    MAIL_RELAY_URL: relayProxy.url,
    INBOUND_DOMAIN: 'reply.integratiepact.localhost',
    // No reminder, escalation or expiry within a soak: each request sends exactly one email.
    PACT_REMINDER_AFTER: '6h',
    PACT_ESCALATE_AFTER: '12h',
    PACT_EXPIRE_AFTER: '24h',
    // Every request of the soak comes from 127.0.0.1; the login limit (checked) stays at its default.
    PACT_PAGE_RATE_LIMIT: '1000000',
    PACT_JOIN_RATE_LIMIT: '1000000',
    LOG_LEVEL: 'warn',
  };
  const apiToken = env.PACT_API_TOKEN!;
  const config = loadConfig(env);
  const db = createDb(databaseUrl);
  await migrateToLatest(db);
  const dataKeys = await openDataKeys(db, config.masterKey!);
  const connection = await Connection.connect({ address: temporalPart.address, ...config.temporal.connection });
  const temporal = new Client({ connection, dataConverter: encryptingDataConverter(dataKeys) });

  const logTo = (name: string) => (line: string) => appendFileSync(join(logs, `${name}.log`), `${line}\n`);
  const managed = (name: string, process: WorkerProcess): Killable => ({
    name,
    kill: () => process.kill(),
    restart: () => process.start(),
    running: () => process.pid !== undefined,
  });
  const apiProcesses = apiPorts.map((port, i) =>
    repositoryProcess({
      name: `api-${i + 1}`,
      args: ['dist/api/main.js'],
      ready: /^api ready/,
      env: {
        ...env,
        HOST: '127.0.0.1',
        PORT: String(port),
        INTERNAL_PORT: String(internalPorts[i]),
        INBOUND_SMTP_PORT: String(inboundPorts[i]),
      },
      readyTimeoutMs: 180_000,
      onLine: logTo(`api-${i + 1}`),
    }),
  );
  const workerProcesses = [1, 2].map((n) =>
    repositoryProcess({
      name: `worker-${n}`,
      args: ['dist/worker/main.js'],
      ready: /^worker ready/,
      env: { ...env, WORKFLOW_BUNDLE_PATH: bundlePath },
      readyTimeoutMs: 180_000,
      onLine: logTo(`worker-${n}`),
    }),
  );
  // The first API alone: it may be the one that creates what a fresh database lacks.
  await apiProcesses[0]!.start();
  await Promise.all([apiProcesses[1]!.start(), ...workerProcesses.map((w) => w.start())]);
  log(`APIs on ${apiPorts.join(', ')} behind ${proxy.url}; workers ready`);

  return {
    url: proxy.url,
    apiToken,
    config,
    db,
    temporal,
    mail: mailReader(mailpit.httpUrl, { pollMs: 500 }),
    mailpit,
    inboundPorts,
    proxy,
    apis: apiProcesses.map((p, i) => managed(`api-${i + 1}`, p)),
    workers: workerProcesses.map((p, i) => managed(`worker-${i + 1}`, p)),
    postgres,
    temporalPart,
    staffFetch: (path, init = {}) =>
      fetch(`${proxy.url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${apiToken}`,
          ...(init.body === undefined || typeof init.body !== 'string' ? {} : { 'content-type': 'application/json' }),
          ...init.headers,
        },
      }),
    async stop() {
      await Promise.allSettled(workerProcesses.map((w) => w.stop()));
      await Promise.allSettled(apiProcesses.map((a) => a.stop()));
      await proxy.close();
      await relayProxy.close();
      await connection.close();
      await db.destroy();
      await mailpit.stop();
      await temporalPart.stop();
      await postgres.stop();
    },
  };
}
