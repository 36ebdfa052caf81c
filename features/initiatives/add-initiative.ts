import type { Kysely } from 'kysely';
import { partnerIdFromName } from '../../domain/partner';
import type { Database } from '../../db/schema';
import { ApiError } from '../../http/api-error';
import { invalidRequest } from '../../http/validation';
import type { InitiativeBody } from './schema';
import { insertInitiative, type InitiativeSource } from '../../db/initiatives';

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
