/**
 * A production-style Temporal cluster on this machine: the Temporal server (v1.29.1, the version of
 * docker-compose.yml's image) on Postgres with SQL visibility, its four services as separate
 * processes, the dynamic config and the search attributes compose deploys (dev/temporal-settings.ts).
 *
 * The interface (stable: the chaos soak drives it):
 *
 *   export interface TemporalCluster {
 *     address: string;            // frontend host:port
 *     namespace: string;          // 'default'
 *     services: Record<'frontend' | 'history' | 'matching' | 'worker', ClusterService>;
 *     stop(): Promise<void>;
 *   }
 *   export interface ClusterService {
 *     name: string; pid(): number | undefined; kill(signal?: NodeJS.Signals): void;
 *     restart(): Promise<void>;   // (stops it if still running, then) waits until it serves again
 *   }
 *   export async function startTemporalCluster(options: TemporalClusterOptions): Promise<TemporalCluster>
 *
 * Start-up stops with one line (TemporalClusterFailed) naming the problem: a service that does not
 * come up, a schema at another version than the server's, a dynamic-config key the server does
 * not know.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freeLowPort } from './free-port';
import {
  defaultDatabaseNames,
  prepareTemporalDatabases,
  type TemporalDatabaseNames,
} from './temporal-cluster-databases';
import { registerNamespaceAndSearchAttributes } from './temporal-cluster-namespace';
import { clusterServiceNames, type ClusterServiceName, startClusterService } from './temporal-cluster-service';
import { checkDynamicConfig } from './temporal-dynamic-config-check';
import {
  ensureTemporalServerProgram,
  temporalServerProgram,
  temporalServerVersion,
  temporalSqlToolProgram,
} from './temporal-server';
import { serverConfig } from './temporal-server-config';
import { dynamicConfigFile } from './temporal-settings';

export { TemporalClusterFailed } from './temporal-cluster-failed';
export type { ClusterServiceName } from './temporal-cluster-service';

export interface ClusterService {
  name: string;
  pid(): number | undefined;
  kill(signal?: NodeJS.Signals): void;
  /** Stops the process if it still runs, starts it again and waits until it serves. */
  restart(): Promise<void>;
}

export interface TemporalCluster {
  /** The frontend, host:port. */
  address: string;
  namespace: string;
  services: Record<ClusterServiceName, ClusterService>;
  stop(): Promise<void>;
}

export interface TemporalClusterOptions {
  /** Where the generated server configuration goes. */
  dataDir: string;
  /** A Postgres server as a superuser sees it (postgres://user:password@host:port/any); Temporal's databases are created when missing. */
  postgresUrl: string;
  /** Default `temporal` and `temporal_visibility`, as compose names them; others to share a Postgres server. */
  databases?: TemporalDatabaseNames;
  /** Every line the services and the schema tool print, prefixed with their name. */
  log?: (line: string) => void;
  /** Ignored here: the UI server runs beside the cluster (dev/temporal-cluster-main.ts). */
  ui?: boolean;
  /** Default 4: a handful is plenty on one machine (and fixed for the life of the database). */
  historyShards?: number;
  /** gRPC ports; default: free ones (the frontend's is `address`). */
  ports?: Partial<Record<ClusterServiceName, number>>;
  /** Another dynamic-config file than the one compose deploys (for a test of a wrong one). */
  dynamicConfigFile?: string;
  /** How long a service may take to serve (default 120 s: four Go servers starting on two busy cores). */
  serviceTimeoutMs?: number;
}

/**
 * Builds nothing (dev/temporal-server.ts does, in `npm run tools:install`) beyond what is missing,
 * checks the dynamic config, brings both schemas to the server's version, starts history, matching
 * and the frontend side by side, then the worker service, and registers namespace `default` and the
 * search attributes. Rejects with TemporalClusterFailed, having stopped whatever it started.
 */
export async function startTemporalCluster(options: TemporalClusterOptions): Promise<TemporalCluster> {
  const log = options.log ?? (() => undefined);
  const namespace = 'default';
  const serverBinary = await ensureTemporalServerProgram(temporalServerProgram, log);
  const sqlTool = await ensureTemporalServerProgram(temporalSqlToolProgram, log);
  const dynamicConfig = options.dynamicConfigFile ?? dynamicConfigFile;
  await checkDynamicConfig(serverBinary, dynamicConfig);
  const databases = options.databases ?? defaultDatabaseNames;
  await prepareTemporalDatabases({ sqlTool, postgresUrl: options.postgresUrl, names: databases, log });

  const ports = async (name: ClusterServiceName) => ({
    grpc: options.ports?.[name] ?? (await freeLowPort()),
    membership: await freeLowPort(),
  });
  const servicePorts = {
    frontend: { ...(await ports('frontend')), http: await freeLowPort() },
    history: await ports('history'),
    matching: await ports('matching'),
    worker: await ports('worker'),
  };
  const address = `127.0.0.1:${servicePorts.frontend.grpc}`;
  const configDir = join(options.dataDir, 'config');
  mkdirSync(configDir, { recursive: true });
  for (const name of clusterServiceNames)
    writeFileSync(
      join(configDir, `${name}.yaml`),
      serverConfig({
        postgresUrl: options.postgresUrl,
        databases,
        historyShards: options.historyShards ?? 4,
        ports: servicePorts,
        dynamicConfigFile: dynamicConfig,
        // The worker service says it has started only at info level.
        logLevel: name === 'worker' ? 'info' : 'warn',
      }),
    );

  const started: Partial<Record<ClusterServiceName, Awaited<ReturnType<typeof startClusterService>>>> = {};
  const stopAll = () => Promise.all(Object.values(started).map((service) => service.stop()));
  const start = async (name: ClusterServiceName) => {
    started[name] = await startClusterService({
      name,
      binary: serverBinary,
      root: options.dataDir,
      grpcAddress: `127.0.0.1:${servicePorts[name].grpc}`,
      timeoutMs: options.serviceTimeoutMs ?? 120_000,
      log,
    });
  };
  try {
    const results = await Promise.allSettled([start('history'), start('matching'), start('frontend')]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    await start('worker');
    await registerNamespaceAndSearchAttributes(address, namespace, log);
  } catch (error) {
    await stopAll();
    throw error;
  }
  log(`Temporal cluster (server ${temporalServerVersion}) serving on ${address}`);

  const services = Object.fromEntries(clusterServiceNames.map((name) => [name, started[name]!.service])) as Record<
    ClusterServiceName,
    ClusterService
  >;
  return {
    address,
    namespace,
    services,
    stop: async () => {
      // The worker service first: it is a client of the others.
      await started.worker?.stop();
      await Promise.all([started.frontend?.stop(), started.matching?.stop(), started.history?.stop()]);
    },
  };
}
