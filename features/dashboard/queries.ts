import type { Db } from '../../db/connection';

/** Read-model queries of the dashboard: counts and short lists, each bounded, so 10,000 partners stay cheap. */

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
