import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/connection';
import { partnerNameHolds } from '../../db/name-search';
import type { Database } from '../../db/schema';
import type { JourneyStage, JourneyStatus } from '../../domain/journey';
import type { ActorType, Sector } from '../../domain/vocabulary';
import { pendingRequests } from '../requests/queries';

/** Reads the partners' read model for the JSON API and the staff pages; neither asks Temporal for lists. */

export interface PartnerFilters {
  stage?: JourneyStage;
  status?: JourneyStatus;
  sector?: Sector;
  actorType?: ActorType;
  overdue?: boolean;
  /** Part of the name, any case. */
  q?: string;
  /** The staff account responsible for the partner. */
  responsibleUserId?: number;
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

/** The partners that pass the filters, with their journeys; both lists select from it. */
function filteredPartners(db: Db, filters: PartnerFilters) {
  let query = db.selectFrom('partners').innerJoin('journeys', 'journeys.partner_id', 'partners.id');
  if (filters.stage) query = query.where('journeys.stage', '=', filters.stage);
  if (filters.status) query = query.where('journeys.status', '=', filters.status);
  if (filters.sector) query = query.where('partners.sector', '=', filters.sector);
  if (filters.actorType) query = query.where('partners.actor_type', '=', filters.actorType);
  if (filters.overdue) query = query.where(hasOverdueRequest);
  if (filters.responsibleUserId !== undefined)
    query = query.where('partners.responsible_user_id', '=', filters.responsibleUserId);
  if (filters.q) query = query.where(partnerNameHolds(filters.q));
  return query;
}

const listedColumns = [
  'partners.id',
  'partners.name',
  'partners.actor_type as actorType',
  'partners.sector',
  'journeys.stage',
  'journeys.status',
  'journeys.updated_at as updatedAt',
  'partners.responsible_user_id as responsibleUserId',
] as const;

/**
 * The JSON API's list (GET /api/partners), up to 1000 by name, with its filters as its schema admits them
 * (features/partners/schema.ts); `responsibleUserId` already resolved from `?responsible=` (an id, or `me`).
 */
export async function listPartners(
  db: Db,
  filters: Pick<PartnerFilters, 'stage' | 'status' | 'sector' | 'responsibleUserId'>,
) {
  return filteredPartners(db, filters).select(listedColumns).orderBy('partners.name').limit(1000).execute();
}

/**
 * One page of the staff pages' partner list with its filters, and how many match in all. Ordered by name, which
 * the partners_name index serves; the name search uses the trigram index when Postgres has pg_trgm.
 */
export async function searchPartners(db: Db, filters: PartnerFilters, page: { number: number; size: number }) {
  const query = filteredPartners(db, filters);
  const [count, rows] = await Promise.all([
    query.select(({ fn }) => fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    query
      .select(listedColumns)
      .select((eb) => hasOverdueRequest(eb).as('overdue'))
      .orderBy('partners.name')
      .orderBy('partners.id')
      .limit(page.size)
      .offset((page.number - 1) * page.size)
      .execute(),
  ]);
  return { total: Number(count.total), rows };
}

export async function getPartnerDetail(db: Db, id: string) {
  const partner = await db
    .selectFrom('partners')
    .innerJoin('journeys', 'journeys.partner_id', 'partners.id')
    .leftJoin('staff_users', 'staff_users.id', 'partners.responsible_user_id')
    .select([
      'partners.id',
      'partners.name',
      'partners.actor_type as actorType',
      'partners.sector',
      'partners.language',
      'partners.created_at as createdAt',
      'partners.responsible_user_id as responsibleUserId',
      'staff_users.name as responsibleName',
      'journeys.workflow_id as workflowId',
      'journeys.stage',
      'journeys.status',
      'journeys.updated_at as updatedAt',
    ])
    .where('partners.id', '=', id)
    .executeTakeFirst();
  if (!partner) return undefined;

  const [contacts, pending, timeline] = await Promise.all([
    db
      .selectFrom('contacts')
      .select(['id', 'name', 'email', 'role', 'language'])
      .where('partner_id', '=', id)
      .orderBy('id')
      .execute(),
    pendingRequests(db, id),
    db
      .selectFrom('journey_events')
      .select(['type', 'summary', 'data', 'occurred_at as occurredAt'])
      .where('partner_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  return { ...partner, overdue: pending.some((r) => r.overdue), contacts, pendingRequests: pending, timeline };
}

/** What the partner page adds to getPartnerDetail: its emails, its projects (and every request, features/requests/queries.ts). */

const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The emails sent about this partner, found by their outbox keys (`request/<id>/…`,
 * `journey/<partnerId>/…`); each prefix is one range scan of the email_outbox_key_prefix index.
 */
export function partnerEmails(db: Db, partnerId: string, requestIds: string[]) {
  const prefixes = [`journey/${partnerId}/`, ...requestIds.map((id) => `request/${id}/`)];
  return db
    .selectFrom('email_outbox')
    .select(['id', 'to_address as to', 'subject', 'status', 'created_at as createdAt', 'sent_at as sentAt'])
    .where((eb) => eb.or(prefixes.map((prefix) => eb('idempotency_key', 'like', likePrefix(prefix)))))
    .orderBy('id')
    .execute();
}

export function partnerProjects(db: Db, partnerId: string) {
  return db
    .selectFrom('project_partners')
    .innerJoin('projects', 'projects.id', 'project_partners.project_id')
    .select(['projects.id', 'projects.title', 'projects.status as projectStatus', 'project_partners.status'])
    .where('project_partners.partner_id', '=', partnerId)
    .orderBy('projects.created_at')
    .execute();
}

/** Journeys per stage and whom they wait on (served by the journeys_stage_status index). */
export function journeyCounts(db: Db) {
  return db
    .selectFrom('journeys')
    .select(['stage', 'status', ({ fn }) => fn.countAll<string>().as('count')])
    .groupBy(['stage', 'status'])
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, count: Number(row.count) })));
}
