import type { Kysely } from 'kysely';
import type { PublicListingVia } from '../domain/public-listing';
import type { Database } from './schema';

/** A change of a partner's consent to be listed publicly, with how and by whom it came. */
export interface ListingChange {
  partnerId: string;
  listed: boolean;
  via: PublicListingVia;
  /** A staff account's email, or `partner` (its signature or its consent link); never a contact's address. */
  recordedBy: string;
  /** The answer that gave it (the commitment signature): recorded once per answer, however often retried. */
  requestId?: string;
}

export type ListingChangeResult =
  { kind: 'recorded'; listed: boolean; changed: boolean } | { kind: 'partner_not_found' };

/**
 * Sets `partners.public_listing` and records the change in `public_listing_changes` (who, how, when), in
 * one transaction with the partner's row locked. A consent already as asked is not a change: nothing is
 * recorded. The one write of consent, shared by the activity that records a signature and by
 * features/public-listing/ (the consent link, staff).
 */
export async function recordListingChange(db: Kysely<Database>, change: ListingChange): Promise<ListingChangeResult> {
  return db.transaction().execute(async (tx) => {
    const partner = await tx
      .selectFrom('partners')
      .select('public_listing')
      .where('id', '=', change.partnerId)
      .forUpdate()
      .executeTakeFirst();
    if (!partner) return { kind: 'partner_not_found' } as const;
    if (change.requestId) {
      const recorded = await tx
        .selectFrom('public_listing_changes')
        .select('listed')
        .where('request_id', '=', change.requestId)
        .executeTakeFirst();
      if (recorded) return { kind: 'recorded', listed: partner.public_listing, changed: false } as const;
    }
    if (partner.public_listing === change.listed)
      return { kind: 'recorded', listed: change.listed, changed: false } as const;
    await tx
      .updateTable('partners')
      .set({ public_listing: change.listed })
      .where('id', '=', change.partnerId)
      .execute();
    await tx
      .insertInto('public_listing_changes')
      .values({
        partner_id: change.partnerId,
        listed: change.listed,
        via: change.via,
        recorded_by: change.recordedBy,
        request_id: change.requestId ?? null,
      })
      .execute();
    return { kind: 'recorded', listed: change.listed, changed: true } as const;
  });
}

/** A partner's consent now and every change of it, newest first. */
export async function listingHistory(db: Kysely<Database>, partnerId: string) {
  const partner = await db
    .selectFrom('partners')
    .select(['id', 'name', 'public_listing'])
    .where('id', '=', partnerId)
    .executeTakeFirst();
  if (!partner) return undefined;
  const changes = await db
    .selectFrom('public_listing_changes')
    .select(['listed', 'via', 'recorded_by', 'recorded_at'])
    .where('partner_id', '=', partnerId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return { partner, changes };
}
