import { sql } from 'kysely';
import type { Db } from '../../db/connection';

/**
 * Reads the requests' read model for the JSON API, the staff pages and /metrics. Finding a request to
 * answer or act on is not a read of this kind: that is features/requests/find-request.ts.
 */

/** A partner's pending requests, oldest first (the JSON partner detail); `overdue` past their due date. */
export async function pendingRequests(db: Db, partnerId: string) {
  const rows = await db
    .selectFrom('requests')
    .select([
      'id',
      'kind',
      'recipient_name as recipientName',
      'recipient_email as recipientEmail',
      'due_at as dueAt',
      'expires_at as expiresAt',
      'created_at as createdAt',
    ])
    .where('partner_id', '=', partnerId)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .execute();
  const now = Date.now();
  return rows.map((r) => ({ ...r, overdue: r.dueAt.getTime() < now }));
}

/** Every request of a partner, open or closed, oldest first (the staff partner page). */
export function partnerRequests(db: Db, partnerId: string) {
  return db
    .selectFrom('requests')
    .select([
      'id',
      'kind',
      'topic',
      'status',
      'recipient_name as recipientName',
      'recipient_email as recipientEmail',
      'reminders_sent as remindersSent',
      'due_at as dueAt',
      'created_at as createdAt',
    ])
    .where('partner_id', '=', partnerId)
    .orderBy('created_at')
    .execute();
}

/** Open requests of all partners, the most urgent first: overdue ones (due before now) or the next ones due. */
export function openRequests(db: Db, which: 'overdue' | 'upcoming', limit: number) {
  return db
    .selectFrom('requests')
    .innerJoin('partners', 'partners.id', 'requests.partner_id')
    .select([
      'requests.id',
      'requests.kind',
      'requests.topic',
      'requests.recipient_name as recipientName',
      'requests.due_at as dueAt',
      'partners.id as partnerId',
      'partners.name as partnerName',
    ])
    .where('requests.status', '=', 'pending')
    .where('requests.due_at', which === 'overdue' ? '<' : '>=', sql<Date>`now()`)
    .orderBy('requests.due_at')
    .limit(limit)
    .execute();
}

/** How many requests there are of each kind and status. */
export function requestCounts(db: Db) {
  return db
    .selectFrom('requests')
    .select(['kind', 'status', ({ fn }) => fn.countAll<string>().as('n')])
    .groupBy(['kind', 'status'])
    .execute();
}
