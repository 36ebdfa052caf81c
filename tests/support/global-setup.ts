import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { findChromium } from '../browser/chromium';
import { failureConverterPath } from '../../privacy/data-converter';
import { startEmbeddedPostgres } from '../../dev/embedded-postgres';
import { ensureMailpit } from '../../dev/mailpit';
import { ensureTemporalCli } from '../../dev/temporal-cli';
import { startScratchTemporalCluster } from '../../dev/scratch-temporal-cluster';
import { startTemporalDevServer } from '../../dev/temporal-dev-server';
import { ensureTemporalUiServer, startTemporalUiServer } from '../../dev/temporal-ui-server';
import { freePort } from './free-port';
import { shared, type SharedServers } from './shared-servers';

/**
 * Starts what every test file shares: one Temporal dev server and its UI server (for browser tests),
 * one Postgres server (DATABASE_URL if set, else embedded), one bundle of the workflow code; finds
 * the browser tests' Chromium and the Mailpit binary (built once, like the Temporal CLI).
 * Each test file then gets its own database, task queue and Mailpit (tests/support/test-system.ts).
 * Their files live in one work folder in the temp dir, removed at teardown unless KEEP_TEST_DIR=1.
 * Chromium is looked up only for a run that may hold browser tests (not `npm run test:faults`).
 */
export default async function globalSetup(_globalConfig: unknown, project: { globals?: Record<string, unknown> }) {
  const workDir = mkdtempSync(join(tmpdir(), 'integratiepact-test-'));
  chmodSync(workDir, 0o755); // the embedded Postgres may run as another user (when tests run as root)
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // One after the other: two first-time Go builds at once would only compete for the same cores.
  const cli = await ensureTemporalCli(log);
  const mailpitBinary = await ensureMailpit(log);
  const uiServerBinary = await ensureTemporalUiServer(log);
  const browserTests = project.globals?.browserTests !== false;
  const postgresStarted = (async () =>
    process.env.DATABASE_URL
      ? undefined
      : startEmbeddedPostgres({ dataDir: join(workDir, 'postgres'), port: await freePort() }))();
  const [temporal, postgres, bundle, chromium] = await Promise.all([
    process.env.TEST_TEMPORAL_CLUSTER === '1'
      ? // The production-style cluster instead of the dev server (README, Testing), on the test Postgres.
        postgresStarted.then(async (started) => {
          const cluster = await startScratchTemporalCluster({
            dataDir: join(workDir, 'temporal-cluster'),
            postgresUrl: process.env.DATABASE_URL ?? started!.urlFor('postgres'),
          });
          log(`tests run on the Temporal cluster at ${cluster.address} (TEST_TEMPORAL_CLUSTER=1)`);
          return cluster;
        })
      : (async () =>
          startTemporalDevServer({
            cli,
            port: await freePort(),
            dbFile: join(workDir, 'temporal.sqlite'),
            namespace: 'default',
          }))(),
    postgresStarted,
    bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      failureConverterPath,
      logger: quietLogger,
    }),
    browserTests ? findChromium() : undefined,
  ]);
  // Found once, so test files running side by side never unpack a browser at the same time.
  if (chromium !== undefined) {
    process.stderr.write(
      typeof chromium === 'string'
        ? `browser tests will fail: ${chromium}\n`
        : `browser tests use ${chromium.source}\n`,
    );
    process.env.TEST_CHROMIUM = JSON.stringify(chromium);
  }
  const ui = await startTemporalUiServer({
    binary: uiServerBinary,
    port: await freePort(),
    temporalAddress: temporal.address,
    namespace: 'default',
    configDir: join(workDir, 'temporal-ui'),
    https: false,
  });
  const bundlePath = join(workDir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);

  const servers: SharedServers = {
    temporalAddress: temporal.address,
    temporalUiUpstream: ui.upstream,
    adminDatabaseUrl: process.env.DATABASE_URL ?? postgres!.urlFor('postgres'),
    workflowBundlePath: bundlePath,
    mailpitBinary,
  };
  process.env.TEST_SHARED_SERVERS = JSON.stringify(servers);
  shared.stop = async () => {
    await ui.stop();
    await temporal.stop();
    await postgres?.stop();
    if (process.env.KEEP_TEST_DIR === '1')
      process.stderr.write(`test work folder kept (KEEP_TEST_DIR=1): ${workDir}\n`);
    else rmSync(workDir, { recursive: true, force: true });
  };
}

const quietLogger = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never;
