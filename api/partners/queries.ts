import type { Db } from '../../db/connection';

/** Reads the partners' read model; pages and the API never ask Temporal for lists. */

export async function listPartners(db: Db, filters: { stage?: string; sector?: string; status?: string }) {
  let query = db
    .selectFrom('partners')
    .innerJoin('journeys', 'journeys.partner_id', 'partners.id')
    .select([
      'partners.id',
      'partners.name',
      'partners.actor_type as actorType',
      'partners.sector',
      'journeys.stage',
      'journeys.status',
      'journeys.updated_at as updatedAt',
    ])
    .orderBy('partners.name');
  if (filters.stage) query = query.where('journeys.stage', '=', filters.stage as never);
  if (filters.sector) query = query.where('partners.sector', '=', filters.sector as never);
  if (filters.status) query = query.where('journeys.status', '=', filters.status as never);
  return query.limit(1000).execute();
}

export async function getPartnerDetail(db: Db, id: string) {
  const partner = await db
    .selectFrom('partners')
    .innerJoin('journeys', 'journeys.partner_id', 'partners.id')
    .select([
      'partners.id',
      'partners.name',
      'partners.actor_type as actorType',
      'partners.sector',
      'partners.language',
      'partners.created_at as createdAt',
      'journeys.workflow_id as workflowId',
      'journeys.stage',
      'journeys.status',
      'journeys.updated_at as updatedAt',
    ])
    .where('partners.id', '=', id)
    .executeTakeFirst();
  if (!partner) return undefined;

  const [contacts, pendingRequests, timeline] = await Promise.all([
    db
      .selectFrom('contacts')
      .select(['name', 'email', 'role', 'language'])
      .where('partner_id', '=', id)
      .orderBy('id')
      .execute(),
    db
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
      .where('partner_id', '=', id)
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('journey_events')
      .select(['type', 'summary', 'data', 'occurred_at as occurredAt'])
      .where('partner_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  const now = Date.now();
  return {
    ...partner,
    overdue: pendingRequests.some((r) => r.dueAt.getTime() < now),
    contacts,
    pendingRequests: pendingRequests.map((r) => ({ ...r, overdue: r.dueAt.getTime() < now })),
    timeline,
  };
}
