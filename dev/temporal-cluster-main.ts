/**
 * `npm run temporal:cluster`: the production-style Temporal cluster (dev/temporal-cluster.ts) on
 * an embedded Postgres of its own, with the UI server, until Ctrl-C. Data under
 * DATA_DIR/temporal-cluster (default .data/). Point the app at it with TEMPORAL_ADDRESS, or run
 * `TEMPORAL_CLUSTER=1 npm start` to have `npm start` start it instead of the dev server.
 */
import { resolve } from 'node:path';
import { prefixedLogger } from './child-process';
import { devPort } from './dev-port';
import { GoBinaryUnavailable } from './go-binary';
import { startLocalTemporalCluster } from './local-temporal-cluster';
import { TemporalClusterFailed } from './temporal-cluster';

async function main(): Promise<void> {
  const verbose = process.env.TEMPORAL_CLUSTER_LOG === '1';
  const log = prefixedLogger('temporal');
  const local = await startLocalTemporalCluster({
    dataDir: resolve(process.env.DATA_DIR ?? '.data', 'temporal-cluster'),
    postgresPort: devPort('TEMPORAL_POSTGRES_PORT', 54339),
    frontendPort: devPort('TEMPORAL_DEV_PORT', 7233),
    ui: { port: devPort('TEMPORAL_UI_PORT', 8233), https: false },
    // The services' own lines only with TEMPORAL_CLUSTER_LOG=1: warnings during start-up are routine.
    log: (line) => (verbose || !line.startsWith('[') ? log(line) : undefined),
  });
  const { cluster } = local;
  log(`frontend ${cluster.address}, namespace ${cluster.namespace}; UI ${local.uiUpstream}/temporal/ (via the app)`);
  log(
    `services: ${Object.values(cluster.services)
      .map((s) => `${s.name} pid ${s.pid()}`)
      .join(', ')}`,
  );
  log(`run the app against it: TEMPORAL_ADDRESS=${cluster.address} TEMPORAL_UI_UPSTREAM=${local.uiUpstream} npm start`);
  const shutdown = () => {
    log('stopping…');
    void local.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  // One line naming the problem (issue #27, Bad input); anything else with its stack.
  console.error(error instanceof TemporalClusterFailed || error instanceof GoBinaryUnavailable ? error.message : error);
  process.exit(1);
});
