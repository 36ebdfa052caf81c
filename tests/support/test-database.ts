import { randomBytes } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { createDb, type Db } from '../../db/connection';
import { sharedServers } from './shared-servers';

/** An empty database of its own on the shared test Postgres server, e.g. to run migrations on. */
export async function createTestDatabase(prefix: string): Promise<Db> {
  return createDb(await createTestDatabaseUrl(prefix), { maxConnections: 2 });
}

/** The same, as its address, for tests that connect more than once (as several processes would). */
export async function createTestDatabaseUrl(prefix: string): Promise<string> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new PgClient({ connectionString: sharedServers().adminDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return Object.assign(new URL(sharedServers().adminDatabaseUrl), { pathname: `/${name}` }).toString();
}
