import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../dev/embedded-postgres';
import { placePostgres } from '../dev/postgres-reach';
import { alive, type Killable } from './killable';

/**
 * The soak's own Postgres (dev/embedded-postgres.ts), which it may crash: SIGKILL to the
 * postmaster named in its lock file, as the OOM killer would, then a start on the same files
 * (crash recovery replays the WAL). The system's database and, on the cluster, Temporal's live here.
 */
export interface KillablePostgres extends Killable {
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startKillablePostgres(dataDir: string, port: number): Promise<KillablePostgres> {
  let server: EmbeddedDatabase | undefined = await startEmbeddedPostgres({ dataDir, port });
  const first = server;
  const lockFile = join(placePostgres({ clusterDir: join(dataDir, 'cluster') }).clusterDir, 'postmaster.pid');
  if (!existsSync(lockFile))
    throw new Error(`the soak's Postgres has no lock file at ${lockFile}, so it cannot be killed`);
  const postmaster = () => {
    try {
      return Number(readFileSync(lockFile, 'utf8').split('\n')[0]) || undefined;
    } catch {
      return undefined;
    }
  };
  return {
    name: 'postgres',
    urlFor: (database) => first.urlFor(database),
    createDatabase: (name) => first.createDatabase(name),
    kill() {
      const pid = postmaster();
      if (pid === undefined || !alive(pid)) return;
      process.kill(pid, 'SIGKILL');
      server = undefined;
    },
    async restart() {
      // Its backends leave once they notice the postmaster is gone; until then the old shared
      // memory is in use and a new postmaster refuses to start: try again for a while.
      for (let attempt = 1; ; attempt++) {
        try {
          server = await startEmbeddedPostgres({ dataDir, port });
          return;
        } catch (error) {
          if (attempt === 30) throw error;
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      }
    },
    running() {
      const pid = postmaster();
      return server !== undefined && pid !== undefined && alive(pid);
    },
    async stop() {
      await server?.stop();
    },
  };
}
