import { stringify } from 'yaml';

export interface ServerConfigOptions {
  postgresUrl: string;
  databases: { temporal: string; visibility: string };
  historyShards: number;
  ports: Record<'history' | 'matching' | 'worker', { grpc: number; membership: number }> & {
    frontend: { grpc: number; membership: number; http: number };
  };
  dynamicConfigFile: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * The server's configuration for one service process, after the server's config template
 * (docker/config_template.yaml of go.temporal.io/server): Postgres for persistence and SQL
 * visibility, every service on the loopback, membership by broadcast on 127.0.0.1, archival off,
 * and the dynamic config compose deploys. JSON lines for the log, so a failure's message can be
 * picked out (temporal-cluster-service.ts).
 */
export function serverConfig(options: ServerConfigOptions): string {
  const url = new URL(options.postgresUrl);
  const datastore = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${url.hostname}:${url.port || 5432}`,
      connectProtocol: 'tcp',
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const rpc = (ports: { grpc: number; membership: number; http?: number }) => ({
    rpc: {
      grpcPort: ports.grpc,
      membershipPort: ports.membership,
      bindOnLocalHost: true,
      ...(ports.http ? { httpPort: ports.http } : {}),
    },
  });
  const frontend = `127.0.0.1:${options.ports.frontend.grpc}`;
  return stringify({
    log: { stdout: true, level: options.logLevel, format: 'json' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: options.historyShards,
      datastores: {
        default: datastore(options.databases.temporal, 20),
        visibility: datastore(options.databases.visibility, 10),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: rpc(options.ports.frontend),
      history: rpc(options.ports.history),
      matching: rpc(options.ports.matching),
      worker: rpc(options.ports.worker),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: frontend },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } },
    namespaceDefaults: { archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } } },
    publicClient: { hostPort: frontend },
    dynamicConfigClient: { filepath: options.dynamicConfigFile, pollInterval: '10s' },
  });
}
