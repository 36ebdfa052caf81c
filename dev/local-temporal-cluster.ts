import { join } from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startTemporalCluster, type TemporalCluster } from './temporal-cluster';
import { ensureTemporalUiServer, startTemporalUiServer } from './temporal-ui-server';

export interface LocalTemporalCluster {
  cluster: TemporalCluster;
  /** Where the API reaches the UI server (TEMPORAL_UI_UPSTREAM), when it runs. */
  uiUpstream?: string;
  stop(): Promise<void>;
}

/**
 * The cluster with a Postgres of its own (an embedded one, under `dataDir`, kept across
 * restarts) and the UI server with the app's codec endpoint: `npm run temporal:cluster` and
 * `TEMPORAL_CLUSTER=1 npm start`.
 */
export async function startLocalTemporalCluster(options: {
  dataDir: string;
  postgresPort: number;
  frontendPort: number;
  ui?: { port: number; https: boolean };
  log: (line: string) => void;
}): Promise<LocalTemporalCluster> {
  const postgres = await startEmbeddedPostgres({
    dataDir: join(options.dataDir, 'postgres'),
    port: options.postgresPort,
    onNotice: options.log,
  });
  const stops: (() => Promise<void>)[] = [postgres.stop];
  const stop = async () => {
    for (const next of stops.splice(0).reverse()) await next();
  };
  try {
    const cluster = await startTemporalCluster({
      dataDir: join(options.dataDir, 'server'),
      postgresUrl: postgres.urlFor('postgres'),
      ports: { frontend: options.frontendPort },
      log: options.log,
    });
    stops.push(cluster.stop);
    if (!options.ui) return { cluster, stop };
    const ui = await startTemporalUiServer({
      binary: await ensureTemporalUiServer(options.log),
      port: options.ui.port,
      temporalAddress: cluster.address,
      namespace: cluster.namespace,
      configDir: join(options.dataDir, 'ui'),
      https: options.ui.https,
    });
    stops.push(ui.stop);
    return { cluster, uiUpstream: ui.upstream, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
