import { sql } from 'kysely';
import { ConfigError, redact } from '../config/config';
import type { Db } from './connection';

/** Fails fast, with a line naming DATABASE_URL, when the database cannot be reached. */
export async function checkDatabaseConnection(db: Db, databaseUrl: string): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
    throw new ConfigError(
      `cannot reach Postgres at DATABASE_URL=${redact(databaseUrl)} (${reason}): check the host, port, user and database name`,
    );
  }
}
