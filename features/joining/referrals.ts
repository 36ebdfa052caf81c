import { sql } from 'kysely';
import type { Config } from '../../config/config';
import type { Db } from '../../db/connection';

/**
 * Who mobilised whom (issue 25, point 5): a partner's invitation link, the partner whose link
 * brought it in, and the partners it brought in. Staff see every chain; a public page shows a
 * link only between two partners that both consented to be listed (`consentedReferrals`).
 */

/** The partner's invitation link: `<PUBLIC_URL>/pact/join?ref=<code>`, or null while it has no code. */
export const referralUrl = (config: Pick<Config, 'publicUrl'>, code: string | null): string | null =>
  code ? `${config.publicUrl}/pact/join?ref=${encodeURIComponent(code)}` : null;

/** The partner an invitation code belongs to. */
export function partnerByReferralCode(db: Db, code: string) {
  return db.selectFrom('partners').select(['id', 'name']).where('referral_code', '=', code).executeTakeFirst();
}

export interface Referrals {
  referralUrl: string | null;
  /** The partner whose invitation link brought this one in, if any. */
  referredBy: { id: string; name: string } | null;
  /** The chain that brought this partner in, from the first partner to the one whose link it used. */
  chain: { id: string; name: string }[];
  /** The partners that joined through this partner's link. */
  referred: { id: string; name: string }[];
}

/** A partner's place in the chains, for staff (`GET /api/partners/:id`, the partner page). */
export async function referralsOf(db: Db, config: Pick<Config, 'publicUrl'>, partnerId: string): Promise<Referrals> {
  const partner = await db
    .selectFrom('partners')
    .leftJoin('partners as referrer', 'referrer.id', 'partners.referred_by')
    .select(['partners.referral_code', 'referrer.id as referrerId', 'referrer.name as referrerName'])
    .where('partners.id', '=', partnerId)
    .executeTakeFirst();
  const referred = await db
    .selectFrom('partners')
    .select(['id', 'name'])
    .where('referred_by', '=', partnerId)
    .orderBy('name')
    .execute();
  // Up the chain, at most 50 links, each partner once (a chain is a path, never a loop).
  const { rows: chain } = await sql<{ id: string; name: string; depth: number }>`
    with recursive up(id, name, referred_by, depth, seen) as (
      select p.id, p.name, p.referred_by, 1, array[${partnerId}::text, p.id]
        from partners p join partners me on me.referred_by = p.id where me.id = ${partnerId}
      union all
      select p.id, p.name, p.referred_by, up.depth + 1, up.seen || p.id
        from up join partners p on p.id = up.referred_by
        where up.depth < 50 and not p.id = any(up.seen)
    )
    select id, name, depth from up order by depth desc`.execute(db);
  return {
    referralUrl: referralUrl(config, partner?.referral_code ?? null),
    chain: chain.map(({ id, name }) => ({ id, name })),
    referredBy:
      partner?.referrerId && partner.referrerName ? { id: partner.referrerId, name: partner.referrerName } : null,
    referred,
  };
}

/**
 * Every "brought in" link between two partners that both consent to be listed publicly: what a
 * public page or the map may show (the public pages decide how).
 */
export function consentedReferrals(db: Db) {
  return db
    .selectFrom('partners as joined')
    .innerJoin('partners as referrer', 'referrer.id', 'joined.referred_by')
    .select(['referrer.id as referrerId', 'referrer.name as referrerName', 'joined.id', 'joined.name'])
    .where('joined.public_listing', '=', true)
    .where('referrer.public_listing', '=', true)
    .orderBy('referrer.name')
    .orderBy('joined.name')
    .execute();
}
