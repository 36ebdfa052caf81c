import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/connection';
import type { Database } from '../../db/schema';
import type { JourneyStage, JourneyStatus } from '../../domain/journey';
import type { ActorType, Sector } from '../../domain/vocabulary';

export interface PartnerFilters {
  stage?: JourneyStage;
  status?: JourneyStatus;
  sector?: Sector;
  actorType?: ActorType;
  overdue?: boolean;
  /** Part of the name, any case. */
  q?: string;
}

/** A pending request past its due date (served by the requests_partner_status index). */
const hasOverdueRequest = (eb: ExpressionBuilder<Database, 'partners'>) =>
  eb.exists(
    eb
      .selectFrom('requests')
      .select(sql`1`.as('one'))
      .whereRef('requests.partner_id', '=', 'partners.id')
      .where('requests.status', '=', 'pending')
      .where('requests.due_at', '<', sql<Date>`now()`),
  );

/**
 * One page of the partner list with its filters, and how many match in all. Ordered by name, which
 * the partners_name index serves; the name search uses the trigram index when Postgres has pg_trgm.
 */
export async function searchPartners(db: Db, filters: PartnerFilters, page: { number: number; size: number }) {
  let query = db.selectFrom('partners').innerJoin('journeys', 'journeys.partner_id', 'partners.id');
  if (filters.stage) query = query.where('journeys.stage', '=', filters.stage);
  if (filters.status) query = query.where('journeys.status', '=', filters.status);
  if (filters.sector) query = query.where('partners.sector', '=', filters.sector);
  if (filters.actorType) query = query.where('partners.actor_type', '=', filters.actorType);
  if (filters.overdue) query = query.where(hasOverdueRequest);
  if (filters.q)
    query = query.where(
      sql<string>`lower(partners.name)`,
      'like',
      `%${filters.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );

  const [count, rows] = await Promise.all([
    query.select(({ fn }) => fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    query
      .select([
        'partners.id',
        'partners.name',
        'partners.sector',
        'partners.actor_type as actorType',
        'journeys.stage',
        'journeys.status',
        'journeys.updated_at as updatedAt',
      ])
      .select((eb) => hasOverdueRequest(eb).as('overdue'))
      .orderBy('partners.name')
      .orderBy('partners.id')
      .limit(page.size)
      .offset((page.number - 1) * page.size)
      .execute(),
  ]);
  return { total: Number(count.total), rows };
}
