import { randomBytes } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { createDb, type Db } from '../../db/connection';
import { sharedServers } from './shared-servers';

/** An empty database of its own on the shared test Postgres server, e.g. to run migrations on. */
export async function createTestDatabase(prefix: string): Promise<Db> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new PgClient({ connectionString: sharedServers().adminDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = Object.assign(new URL(sharedServers().adminDatabaseUrl), { pathname: `/${name}` }).toString();
  return createDb(url, { maxConnections: 2 });
}
