/**
 * `npm start`: the whole system on one machine, on embedded defaults (README.md, The two commands).
 *
 * Whatever is configured is used (DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL); whatever is not is
 * started here and kept under .data/: a Temporal dev server and its UI server, an embedded Postgres,
 * Mailpit with its web inbox. Then migrations, the worker and the API, each waited for, each with its own
 * log prefix. Ctrl-C stops everything.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config/config';
import { temporalUiPath } from '../config/temporal-ui';
import { checkDatabaseConnection } from '../db/check-connection';
import { createDb, type Db } from '../db/connection';
import { createUser } from '../auth/users';
import { migrateToLatest } from '../db/migrator';
import { type ManagedChild, prefixedLogger, startChild } from './child-process';
import { devPort } from './dev-port';
import { startEmbeddedPostgres } from './embedded-postgres';
import { GoBinaryUnavailable } from './go-binary';
import { startLocalTemporalCluster } from './local-temporal-cluster';
import { localSecrets, withLocalSecrets } from './local-secrets';
import { ensureMailpit, MailpitFailed, startMailpit } from './mailpit';
import { ensureTemporalCli } from './temporal-cli';
import { TemporalClusterFailed } from './temporal-cluster';
import { startTemporalDevServer } from './temporal-dev-server';
import { ensureTemporalUiServer, startTemporalUiServer } from './temporal-ui-server';

const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const stops: { name: string; stop: () => Promise<void> }[] = [];
let shuttingDown = false;
let firstAdmin: string | undefined;

/** A path as the banner shows it: relative to where npm start runs when inside it (DATA_DIR may be anywhere). */
const shownPath = (path: string) => (path.startsWith(`${process.cwd()}/`) ? relative(process.cwd(), path) : path);

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const secretsFile = resolve(dataDir, 'secrets.json');
  const secrets = localSecrets(secretsFile);
  const withSecrets = withLocalSecrets(process.env, secrets);
  const config = loadConfig(withSecrets); // a wrong setting stops us here, before anything starts
  const env: NodeJS.ProcessEnv = {
    ...withSecrets,
    // Replies to request emails can be sent to this port (e.g. with swaks) to try reply-by-email;
    // a deployment has it only when INBOUND_DOMAIN is set.
    INBOUND_DOMAIN: config.inbound.domain ?? 'reply.integratiepact.localhost',
    INBOUND_SMTP_PORT: String(config.inbound.smtpPort ?? 2525),
  };

  if (config.temporal.address) {
    env.TEMPORAL_ADDRESS = config.temporal.address;
  } else if (process.env.TEMPORAL_CLUSTER === '1') {
    // The production-style cluster instead of the dev server (npm run temporal:cluster).
    const log = prefixedLogger('temporal');
    const local = await startLocalTemporalCluster({
      dataDir: resolve(dataDir, 'temporal-cluster'),
      postgresPort: devPort('TEMPORAL_POSTGRES_PORT', 54339),
      frontendPort: devPort('TEMPORAL_DEV_PORT', 7233),
      ui: config.temporal.uiUpstream
        ? undefined
        : { port: devPort('TEMPORAL_UI_PORT', 8233), https: config.publicUrl.startsWith('https:') },
      log: (line) => (line.startsWith('[') ? undefined : log(line)),
    });
    stops.push({ name: 'temporal', stop: local.stop });
    env.TEMPORAL_ADDRESS = local.cluster.address;
    if (local.uiUpstream) env.TEMPORAL_UI_UPSTREAM = local.uiUpstream;
  } else {
    const cli = await ensureTemporalCli(prefixedLogger('temporal'));
    const server = await startTemporalDevServer({
      cli,
      port: devPort('TEMPORAL_DEV_PORT', 7233),
      dbFile: resolve(dataDir, 'temporal.sqlite'),
      namespace: config.temporal.namespace,
      onLog: prefixedLogger('temporal'),
    });
    stops.push({ name: 'temporal', stop: server.stop });
    env.TEMPORAL_ADDRESS = server.address;
    if (!config.temporal.uiUpstream) {
      const log = prefixedLogger('temporal-ui');
      const ui = await startTemporalUiServer({
        binary: await ensureTemporalUiServer(log),
        port: devPort('TEMPORAL_UI_PORT', 8233),
        temporalAddress: server.address,
        namespace: config.temporal.namespace,
        configDir: resolve(dataDir, 'temporal-ui'),
        https: config.publicUrl.startsWith('https:'),
      });
      stops.push({ name: 'temporal-ui', stop: ui.stop });
      env.TEMPORAL_UI_UPSTREAM = ui.upstream;
    }
  }

  if (!config.databaseUrl) {
    const postgres = await startEmbeddedPostgres({
      dataDir: resolve(dataDir, 'postgres'),
      port: devPort('EMBEDDED_POSTGRES_PORT', 54329),
      onLog: () => undefined,
      onNotice: prefixedLogger('postgres'),
    });
    stops.push({ name: 'postgres', stop: postgres.stop });
    await postgres.createDatabase('integratiepact');
    env.DATABASE_URL = postgres.urlFor('integratiepact');
  }
  const db = createDb(env.DATABASE_URL!, { maxConnections: 1 });
  env.LOG_LEVEL ??= 'warn'; // the children's routine logs would bury the banner
  try {
    await checkDatabaseConnection(db, env.DATABASE_URL!);
    const { results = [] } = await migrateToLatest(db);
    prefixedLogger('migrate')(
      results.length ? `applied ${results.map((r) => r.migrationName).join(', ')}` : 'schema up to date',
    );
    firstAdmin = await ensureFirstAdmin(db, secrets.adminPassword);
  } finally {
    await db.destroy();
  }

  let inboxUrl: string | undefined;
  if (!config.smtpUrl) {
    const log = prefixedLogger('mailpit');
    const mailpit = await startMailpit({
      binary: await ensureMailpit(log),
      smtpPort: devPort('MAILPIT_SMTP_PORT', 1025),
      httpPort: devPort('MAILPIT_HTTP_PORT', 8025),
      database: resolve(dataDir, 'mailpit.db'), // the mail stays across restarts
      portSettings: { smtp: 'MAILPIT_SMTP_PORT', http: 'MAILPIT_HTTP_PORT' },
      onLog: log,
    });
    stops.push({ name: 'mailpit', stop: mailpit.stop });
    watch({ name: 'mailpit', process: mailpit.process, stop: mailpit.stop });
    env.SMTP_URL = mailpit.smtpUrl;
    inboxUrl = mailpit.httpUrl;
  }

  // The worker hands its emails to the API's mail relay (docs/reliability.md); a secret for this run.
  const relaySecret = config.mailRelay.secret ?? randomBytes(32).toString('base64url');
  watch(await tsxChild('api', 'api/main.ts', /^api ready/, { ...env, MAIL_RELAY_SECRET: relaySecret }));
  watch(
    await tsxChild('worker', 'worker/main.ts', /^worker ready/, {
      ...env,
      MAIL_RELAY_SECRET: relaySecret,
      // The relay is on the API's internal listener, on the loopback.
      MAIL_RELAY_URL: config.mailRelay.url ?? `http://127.0.0.1:${config.internal.port}`,
    }),
  );

  const lines = [
    'Integratiepact is running',
    `  App (staff API, partner pages)    ${config.publicUrl}`,
    `  Mail inbox (every email sent)     ${inboxUrl ?? `your SMTP server (${config.smtpUrl})`}`,
    `  Temporal UI (workflow histories)  ${env.TEMPORAL_UI_UPSTREAM ? `${config.publicUrl}${temporalUiPath}/` : 'not configured (TEMPORAL_UI_UPSTREAM)'}`,
    '    for administrators signed in to the staff pages, decoded, read-only (README, "Administrators: Temporal UI")',
    `  Staff pages                       ${config.publicUrl}/staff`,
    `  Metrics, detailed readiness       http://127.0.0.1:${config.internal.port}/metrics, /readyz`,
    ...(firstAdmin
      ? [`    sign in as ${firstAdmin}, password ${secrets.adminPassword} (kept in ${shownPath(secretsFile)})`]
      : ['    sign in with your staff account (npm run pact -- user add …)']),
    `  API token (scripts)               ${process.env.PACT_API_TOKEN?.trim() ? 'PACT_API_TOKEN' : `${env.PACT_API_TOKEN} (kept in ${shownPath(secretsFile)})`}`,
    `    curl -H "Authorization: Bearer $TOKEN" ${config.publicUrl}/api/partners`,
    'Press Ctrl-C to stop everything.',
  ];
  const rule = '─'.repeat(Math.max(...lines.map((l) => l.length)) + 2);
  console.log(`\n${rule}\n${lines.map((l) => ` ${l}`).join('\n')}\n${rule}\n`);
}

/** On an empty database, an administrator account so the staff pages can be used at once. */
async function ensureFirstAdmin(db: Db, password: string): Promise<string | undefined> {
  const email = 'admin@integratiepact.localhost';
  const existing = await db.selectFrom('staff_users').select('email').orderBy('id').executeTakeFirst();
  if (!existing) await createUser(db, { email, name: 'Beheerder', role: 'admin', password });
  return !existing || existing.email === email ? email : undefined;
}

function tsxChild(name: string, file: string, ready: RegExp, env: NodeJS.ProcessEnv): Promise<ManagedChild> {
  return startChild({ name, command: process.execPath, args: ['--import', 'tsx', file], env, ready }).then((child) => {
    stops.push({ name, stop: child.stop });
    return child;
  });
}

/** A child that dies on its own takes the whole system down: half a system would only confuse. */
function watch(child: ManagedChild): void {
  child.process.once('exit', (code) => {
    if (shuttingDown) return;
    console.error(`${child.name} stopped unexpectedly (exit code ${code}); stopping everything.`);
    void shutdown(1);
  });
}

async function shutdown(exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  // Reverse order: the API and worker go before the services they use.
  if (stops.length) console.log('stopping…');
  for (const { name, stop } of stops.reverse()) {
    prefixedLogger(name)('stopping');
    await stop().catch((error: unknown) => console.error(`could not stop ${name}: ${String(error)}`));
  }
  process.exit(exitCode);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error: unknown) => {
  const known =
    error instanceof ConfigError ||
    error instanceof GoBinaryUnavailable ||
    error instanceof MailpitFailed ||
    error instanceof TemporalClusterFailed;
  console.error(
    `npm start: ${known ? (error as Error).message : error instanceof Error ? error.message : String(error)}`,
  );
  await shutdown(1);
});
