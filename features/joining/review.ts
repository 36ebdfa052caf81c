import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import type { Db } from '../../db/connection';
import { joinEmailKeys } from '../../db/join-requests';
import type { JoinRequestStatus } from '../../domain/joining';
import { ApiError } from '../../http/api-error';
import type { DataKeys } from '../../privacy/data-keys';
import { onboardPartner, type OnboardedPartner } from '../partners/onboard';
import { partnerByReferralCode } from './referrals';

/** How many confirmed joins wait for staff's decision (the dashboard says so). */
export async function countJoinsToReview(db: Db): Promise<number> {
  const row = await db
    .selectFrom('join_requests')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const joinRequests = (db: Db, filter: { status?: JoinRequestStatus }) => {
  const query = db
    .selectFrom('join_requests')
    .leftJoin('partners as referrer', 'referrer.referral_code', 'join_requests.ref_code');
  return filter.status ? query.where('join_requests.status', '=', filter.status) : query;
};

const newestJoinRequests = (db: Db, filter: { status?: JoinRequestStatus }) =>
  joinRequests(db, filter)
    .select([
      'join_requests.id',
      'join_requests.status',
      'join_requests.data',
      'join_requests.created_at',
      'join_requests.confirmed_at',
      'join_requests.expires_at',
      'join_requests.partner_id',
      'referrer.id as referrerId',
      'referrer.name as referrerName',
    ])
    .orderBy('join_requests.created_at', 'desc')
    .orderBy('join_requests.id');

/** Staff's view of the join requests (`GET /api/join-requests`): the newest 500. */
export async function listJoinRequests(db: Db, filter: { status?: JoinRequestStatus } = {}) {
  return (await newestJoinRequests(db, filter).limit(500).execute()).map(joinRequestView);
}

/** One page of the join requests, newest first, and how many there are (`/staff/join-requests`). */
export async function joinRequestPage(
  db: Db,
  filter: { status?: JoinRequestStatus },
  page: { number: number; size: number },
) {
  const [rows, total] = await Promise.all([
    newestJoinRequests(db, filter)
      .limit(page.size)
      .offset((page.number - 1) * page.size)
      .execute(),
    joinRequests(db, filter)
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { joins: rows.map(joinRequestView), total: Number(total.n) };
}

export async function getJoinRequest(db: Db, id: string) {
  const row = await db
    .selectFrom('join_requests')
    .leftJoin('partners as referrer', 'referrer.referral_code', 'join_requests.ref_code')
    .select([
      'join_requests.id',
      'join_requests.status',
      'join_requests.data',
      'join_requests.created_at',
      'join_requests.confirmed_at',
      'join_requests.expires_at',
      'join_requests.partner_id',
      'join_requests.decided_by',
      'join_requests.decided_at',
      'join_requests.reason',
      'referrer.id as referrerId',
      'referrer.name as referrerName',
    ])
    .where('join_requests.id', '=', id)
    .executeTakeFirst();
  return row && { ...joinRequestView(row), decidedBy: row.decided_by, decidedAt: row.decided_at, reason: row.reason };
}
export type JoinRequestView = NonNullable<Awaited<ReturnType<typeof getJoinRequest>>>;

function joinRequestView(row: {
  id: string;
  status: JoinRequestStatus;
  data: import('../../domain/joining').JoinRequestData | null;
  created_at: Date;
  confirmed_at: Date | null;
  expires_at: Date;
  partner_id: string | null;
  referrerId: string | null;
  referrerName: string | null;
}) {
  const data = row.data;
  return {
    id: row.id,
    status: row.status,
    name: data?.name ?? null,
    actorType: data?.actorType ?? null,
    sector: data?.sector ?? null,
    language: data?.language ?? null,
    contacts: data?.contacts ?? [],
    intent: data?.intent ?? null,
    referredBy: row.referrerId && row.referrerName ? { id: row.referrerId, name: row.referrerName } : null,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
    expiresAt: row.status === 'pending_confirmation' ? row.expires_at : null,
    partnerId: row.partner_id,
  };
}

const notFound = (id: string) => new ApiError(404, 'join_request_not_found', `There is no join request "${id}".`);
const notOpen = (status: JoinRequestStatus) =>
  new ApiError(
    409,
    status === 'pending_confirmation' ? 'join_not_confirmed' : 'join_request_decided',
    status === 'pending_confirmation'
      ? 'The coordinator has not confirmed the address yet: a join is approved only once confirmed.'
      : `This join request is already ${status}; nothing was changed.`,
    { status },
  );

/**
 * Staff approve a confirmed join: the partner is stored and its journey starts at the intent
 * review with the intent from the form (no second intent form), and a join through a partner's
 * invitation link records who brought it in. All in the onboarding's transaction: a partner that
 * exists already (409 partner_exists) or a request decided meanwhile leaves everything as it was.
 */
export async function approveJoin(
  deps: { db: Db; temporal: Client; config: Config; dataKeys: DataKeys; log?: (error: unknown) => void },
  id: string,
  by: { staffUserId: number; actor: string },
): Promise<OnboardedPartner> {
  const join = await deps.db.selectFrom('join_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!join) throw notFound(id);
  if (join.status !== 'confirmed' || !join.data) throw notOpen(join.status);
  const { name, actorType, sector, language, contacts, intent } = join.data;
  const partner = { name, actorType, sector, ...(language ? { language } : {}), contacts };
  const referrer = join.ref_code ? await partnerByReferralCode(deps.db, join.ref_code) : undefined;
  return onboardPartner(
    deps,
    partner,
    { staffUserId: by.staffUserId },
    {
      intent,
      ...(referrer ? { referredBy: referrer.id } : {}),
      withinTransaction: async (tx, partnerId) => {
        const decided = await tx
          .updateTable('join_requests')
          .set({
            status: 'approved',
            partner_id: partnerId,
            decided_by: by.actor,
            decided_at: new Date(),
            // The people and the intent are the partner's now (and erased with it): the request keeps the organisation only.
            data: { ...partner, contacts: [], intent: { levers: intent.levers, goals: intent.goals, summary: '' } },
          })
          .where('id', '=', id)
          .where('status', '=', 'confirmed')
          .executeTakeFirst();
        if (!decided.numUpdatedRows) throw notOpen('approved');
        await tx.deleteFrom('email_outbox').where('idempotency_key', 'in', joinEmailKeys(id)).execute();
      },
    },
  );
}

/** Staff reject a join: its personal data and emails are erased; the decision and its reason stay. */
export async function rejectJoin(db: Db, id: string, reason: string, by: { actor: string }) {
  return db.transaction().execute(async (tx) => {
    const join = await tx
      .selectFrom('join_requests')
      .select('status')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!join) throw notFound(id);
    if (join.status !== 'confirmed' && join.status !== 'pending_confirmation') throw notOpen(join.status);
    await tx
      .updateTable('join_requests')
      .set({
        status: 'rejected',
        data: null,
        confirm_token_hash: null,
        decided_by: by.actor,
        decided_at: new Date(),
        reason,
      })
      .where('id', '=', id)
      .execute();
    await tx.deleteFrom('email_outbox').where('idempotency_key', 'in', joinEmailKeys(id)).execute();
    return { id, status: 'rejected' as const };
  });
}
