import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { InitiativeOrigin, InitiativePartnerRole } from '../../domain/initiatives';
import { partnerIdFromName } from '../../domain/partner';
import type { Database } from '../../db/schema';
import { ApiError } from '../../http/api-error';
import { invalidRequest } from '../../http/validation';
import type { InitiativeBody } from './schema';

/** Where a new initiative came from, and the role its partners take in it. */
export interface InitiativeSource {
  origin: InitiativeOrigin;
  /** The meeting (minutes) or partner (intent, join); null for staff. */
  originRef: string | null;
  partnerRole: InitiativePartnerRole;
}

export const staffSource: InitiativeSource = { origin: 'staff', originRef: null, partnerRole: 'supporter' };

/** The partner ids among `ids` that are not partners, as the 400 naming the field. */
export async function checkPartners(db: Kysely<Database>, ids: readonly string[], field = 'partnerIds') {
  if (!ids.length) return;
  const known = await db
    .selectFrom('partners')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  const unknown = ids.filter((id) => !known.some((k) => k.id === id));
  if (unknown.length) throw invalidRequest([{ field, message: `unknown partner ${unknown.join(', ')}` }]);
}

/**
 * Adds one initiative to the portfolio with its partners, in the given transaction or database; the
 * one way in for staff (JSON and form), minutes and intents. An idempotency key already used adds
 * nothing: `existing` is true and the first initiative's id answered (callers that must refuse a
 * duplicate, the staff channels, say 409).
 */
export async function insertInitiative(
  db: Kysely<Database>,
  body: Omit<InitiativeBody, 'idempotencyKey'> & { idempotencyKey: string },
  source: InitiativeSource,
): Promise<{ id: string; existing: boolean }> {
  const id = randomUUID();
  const inserted = await db
    .insertInto('initiatives')
    .values({
      id,
      idempotency_key: body.idempotencyKey,
      title: body.title.trim(),
      description: body.description,
      kind: body.kind,
      origin: source.origin,
      origin_ref: source.originRef,
      levers: JSON.stringify(body.levers),
      characteristics: JSON.stringify(body.characteristics ?? []),
      preconditions: JSON.stringify(body.preconditions ?? []),
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await db
      .selectFrom('initiatives')
      .select('id')
      .where('idempotency_key', '=', body.idempotencyKey)
      .executeTakeFirstOrThrow();
    return { id: existing.id, existing: true };
  }
  if (body.partnerIds?.length)
    await db
      .insertInto('initiative_partners')
      .values(
        body.partnerIds.map((partnerId) => ({ initiative_id: id, partner_id: partnerId, role: source.partnerRole })),
      )
      .onConflict((oc) => oc.columns(['initiative_id', 'partner_id']).doNothing())
      .execute();
  return { id, existing: false };
}

/** POST /api/initiatives and the staff form: staff add an initiative (status `proposed`). */
export async function addInitiative(
  db: Kysely<Database>,
  body: InitiativeBody,
): Promise<{ id: string; status: 'proposed' }> {
  const titleKey = partnerIdFromName(body.title);
  if (!titleKey) throw invalidRequest([{ field: 'title', message: 'must contain letters or digits' }]);
  await checkPartners(db, body.partnerIds ?? []);
  const idempotencyKey = body.idempotencyKey ?? `staff/${titleKey}`;
  const added = await db.transaction().execute((tx) => insertInitiative(tx, { ...body, idempotencyKey }, staffSource));
  if (added.existing) {
    const what = body.idempotencyKey === undefined ? `a title like "${body.title}"` : 'this form or idempotency key';
    throw new ApiError(409, 'initiative_exists', `An initiative "${added.id}" was already added with ${what}.`, {
      id: added.id,
    });
  }
  return { id: added.id, status: 'proposed' };
}
