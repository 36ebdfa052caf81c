import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  Characteristic,
  InitiativeKind,
  InitiativeOrigin,
  InitiativePartnerRole,
  Precondition,
} from '../domain/initiatives';
import type { Lever } from '../domain/vocabulary';
import type { Database } from './schema';

/** What a new initiative holds, from whichever channel. */
export interface NewInitiative {
  title: string;
  description: string;
  kind: InitiativeKind;
  levers: Lever[];
  characteristics?: Characteristic[];
  preconditions?: Precondition[];
  partnerIds?: string[];
  /** Unique: the same key again adds nothing. */
  idempotencyKey: string;
}

/** Where a new initiative came from, and the role its partners take in it. */
export interface InitiativeSource {
  origin: InitiativeOrigin;
  /** The meeting (minutes) or partner (intent, join); null for staff. */
  originRef: string | null;
  partnerRole: InitiativePartnerRole;
}

/**
 * Adds one initiative to the portfolio with its partners, in the given transaction or database; the
 * one way in for staff (JSON and form), minutes (features/) and intents (activities/). An idempotency key already used adds
 * nothing: `existing` is true and the first initiative's id answered (callers that must refuse a
 * duplicate, the staff channels, say 409).
 */
export async function insertInitiative(
  db: Kysely<Database>,
  body: NewInitiative,
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
