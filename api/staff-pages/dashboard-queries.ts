import { sql } from 'kysely';
import type { Db } from '../../db/connection';

/** Read-model queries of the dashboard: counts and short lists, each bounded, so 10,000 partners stay cheap. */

/** Journeys per stage and whom they wait on (served by the journeys_stage_status index). */
export function journeyCounts(db: Db) {
  return db
    .selectFrom('journeys')
    .select(['stage', 'status', ({ fn }) => fn.countAll<string>().as('count')])
    .groupBy(['stage', 'status'])
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, count: Number(row.count) })));
}

/** Open requests, the most urgent first: overdue ones (due before now) or the next ones due. */
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

/** Partners whose journey waits on staff, longest waiting first. */
export function waitingOnStaff(db: Db, limit: number) {
  return db
    .selectFrom('journeys')
    .innerJoin('partners', 'partners.id', 'journeys.partner_id')
    .select(['partners.id', 'partners.name', 'journeys.stage', 'journeys.updated_at as since'])
    .where('journeys.status', '=', 'waiting_staff')
    .orderBy('journeys.updated_at')
    .limit(limit)
    .execute();
}
