import type { Db } from '../../db/connection';
import { listingHistory, recordListingChange } from '../../db/public-listing';
import type { PublicListingVia } from '../../domain/public-listing';
import type { Language } from '../../domain/vocabulary';
import { hashToken } from '../../security/request-tokens';

/**
 * A partner's consent to be listed on the pact's public pages (docs/privacy.md, Consent to be listed):
 * the one rule every channel calls. The signatory answers it beside the commitment signature (recorded
 * by the activity that records the answer, through the same db/public-listing.ts); afterwards the
 * partner gives or withdraws it with its consent link (`/c/<token>`), and staff record consent given
 * another way. Each change is a row of `public_listing_changes`: who, how, when.
 */

/** One change of consent, as staff and the partner see it. */
export interface ListingChangeView {
  listed: boolean;
  via: PublicListingVia;
  recordedBy: string;
  recordedAt: string;
}

export interface PublicListingView {
  partnerId: string;
  listed: boolean;
  changes: ListingChangeView[];
}

/** What became of a change of consent; each channel (page, JSON, staff form) says it its own way. */
export type ConsentResult =
  { kind: 'recorded'; listed: boolean; changed: boolean } | { kind: 'partner_not_found' } | { kind: 'link_not_found' };

/** The partner's consent now and its history, newest first; undefined for an unknown partner. */
export async function publicListingOf(db: Db, partnerId: string): Promise<PublicListingView | undefined> {
  const found = await listingHistory(db, partnerId);
  if (!found) return undefined;
  return {
    partnerId: found.partner.id,
    listed: found.partner.public_listing,
    changes: found.changes.map((c) => ({
      listed: c.listed,
      via: c.via,
      recordedBy: c.recorded_by,
      recordedAt: c.recorded_at.toISOString(),
    })),
  };
}

/** Staff record consent the partner gave or withdrew another way (a letter, a meeting): `by` is their email. */
export function recordConsentByStaff(
  db: Db,
  partnerId: string,
  listed: boolean,
  by: { email: string },
): Promise<ConsentResult> {
  return recordListingChange(db, { partnerId, listed, via: 'staff', recordedBy: by.email });
}

/** The partner behind a consent link, with what its page shows; undefined for a link no one has. */
export async function findConsentLink(db: Db, token: string) {
  return db
    .selectFrom('consent_links')
    .innerJoin('partners', 'partners.id', 'consent_links.partner_id')
    .select(['partners.id', 'partners.name', 'partners.language', 'partners.public_listing'])
    .where('consent_links.token_hash', '=', hashToken(token))
    .executeTakeFirst();
}
export type ConsentLinkPartner = { id: string; name: string; language: Language; public_listing: boolean };

/** The partner gives (`listed` true) or withdraws consent with its own link, as often as it likes. */
export async function changeConsentByLink(db: Db, token: string, listed: boolean): Promise<ConsentResult> {
  const partner = await findConsentLink(db, token);
  if (!partner) return { kind: 'link_not_found' };
  return recordListingChange(db, { partnerId: partner.id, listed, via: 'consent_link', recordedBy: 'partner' });
}
