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

/** The newest timeline events of all journeys. */
export function latestEvents(db: Db, limit: number) {
  return db
    .selectFrom('journey_events')
    .innerJoin('partners', 'partners.id', 'journey_events.partner_id')
    .select([
      'journey_events.id',
      'journey_events.type',
      'journey_events.summary',
      'journey_events.occurred_at as occurredAt',
      'partners.id as partnerId',
      'partners.name as partnerName',
    ])
    .orderBy('journey_events.id', 'desc')
    .limit(limit)
    .execute();
}
