import type { Db } from '../db/connection';
import type { PayloadReadsTable } from '../db/schema';
import type { Insertable } from 'kysely';

export type PayloadRead = Omit<Insertable<PayloadReadsTable>, 'id' | 'read_at'>;

/**
 * Records who read or encoded workflow payloads (an export, the codec endpoint), when, and how
 * many (docs/privacy.md, "Who read what"). The database's clock, like every other audit row.
 */
export async function recordPayloadRead(db: Db, read: PayloadRead): Promise<void> {
  await db.insertInto('payload_reads').values(read).execute();
}

/** The latest reads, newest first: what GET /api/payload-reads shows administrators. */
export function latestPayloadReads(db: Db, limit: number) {
  return db.selectFrom('payload_reads').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
