import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { TemporalDatabaseNames } from './temporal-cluster-databases';
import { startTemporalCluster, type TemporalCluster, type TemporalClusterOptions } from './temporal-cluster';

/**
 * A cluster whose databases are its own on a Postgres server others use too (a test run's, the
 * bench's, a DATABASE_URL server), dropped when it stops: the tests with TEST_TEMPORAL_CLUSTER=1,
 * tests/dev/temporal-cluster.test.ts and `npm run bench -- --cluster`.
 */
export function scratchDatabaseNames(): TemporalDatabaseNames {
  const suffix = randomBytes(4).toString('hex');
  return { temporal: `temporal_${suffix}`, visibility: `temporal_visibility_${suffix}` };
}

export async function dropTemporalDatabases(postgresUrl: string, names: TemporalDatabaseNames): Promise<void> {
  const admin = new Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    for (const name of Object.values(names)) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export async function startScratchTemporalCluster(
  options: Omit<TemporalClusterOptions, 'databases'>,
): Promise<TemporalCluster> {
  const databases = scratchDatabaseNames();
  const cluster = await startTemporalCluster({ ...options, databases }).catch(async (error: unknown) => {
    await dropTemporalDatabases(options.postgresUrl, databases);
    throw error;
  });
  return {
    ...cluster,
    async stop() {
      await cluster.stop();
      await dropTemporalDatabases(options.postgresUrl, databases);
    },
  };
}
