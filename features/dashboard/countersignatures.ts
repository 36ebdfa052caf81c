import { sql } from 'kysely';
import type { Db } from '../../db/connection';

/** The countersignatures that wait for this director (activities/recipients.ts addressed them), oldest first. */
export function awaitingCountersignature(db: Db, directorEmail: string, limit: number) {
  return db
    .selectFrom('requests')
    .innerJoin('partners', 'partners.id', 'requests.partner_id')
    .select(['partners.id', 'partners.name', 'requests.created_at as since'])
    .where('requests.status', '=', 'pending')
    .where('requests.kind', '=', 'signoff')
    .where(sql<string>`requests.topic->>'subject'`, '=', 'countersignature')
    .where('requests.recipient_email', '=', directorEmail)
    .orderBy('requests.created_at')
    .limit(limit)
    .execute();
}
