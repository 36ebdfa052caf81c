import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ClusterService, startTemporalCluster } from '../dev/temporal-cluster';
import type { KillablePostgres } from './killable-postgres';
import { alive, type Killable } from './killable';
import type { TemporalPart } from './temporal-part';

/** The services the chaos kills; the worker service (Temporal's own system workflows) is only watched. */
const killed = ['frontend', 'history', 'matching'] as const;

/** A cluster service as the chaos and the supervisor see it. */
function asKillable(service: ClusterService): Killable {
  return {
    name: service.name,
    kill: () => service.kill('SIGKILL'),
    restart: () => service.restart(),
    running: () => {
      const pid = service.pid();
      return pid !== undefined && alive(pid);
    },
  };
}

/**
 * The production-style cluster (dev/temporal-cluster.ts) on the soak's own Postgres, its services
 * as separate processes, each killed on its own; a small number of history shards, no UI.
 */
export async function temporalOnCluster(workDir: string, postgres: KillablePostgres): Promise<TemporalPart> {
  const cluster = await startTemporalCluster({
    dataDir: join(workDir, 'temporal'),
    postgresUrl: postgres.urlFor('postgres'),
    historyShards: 4,
    ui: false,
    log: (line) => appendFileSync(join(workDir, 'logs', 'temporal.log'), `${line}\n`),
  });
  return {
    address: cluster.address,
    kind: 'cluster',
    killables: killed.map((name) => asKillable(cluster.services[name])),
    watched: [asKillable(cluster.services.worker)],
    stop: () => cluster.stop(),
  };
}
