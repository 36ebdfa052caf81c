import type { Db } from '../../db/connection';
import { hashToken, tokenMatches, tokenPattern } from '../../security/request-tokens';

const withPartnerName = (db: Db) =>
  db
    .selectFrom('requests')
    .innerJoin('partners', 'partners.id', 'requests.partner_id')
    .selectAll('requests')
    .select(['partners.name as partnerName']);

export type FoundRequest = NonNullable<Awaited<ReturnType<typeof findRequestByLinkToken>>>;

/** The request a partner link points to, or none: an unknown token reveals nothing about other requests. */
export async function findRequestByLinkToken(db: Db, token: string) {
  if (!tokenPattern.test(token)) return undefined;
  const request = await withPartnerName(db).where('token_hash', '=', hashToken(token)).executeTakeFirst();
  return request && tokenMatches(token, request.token_hash) ? request : undefined;
}

/** Whether a link was replaced by a newer one (the request re-sent or re-addressed): it answers 410, not "unknown". */
export async function isRevokedLink(db: Db, token: string): Promise<boolean> {
  if (!tokenPattern.test(token)) return false;
  const found = await db
    .selectFrom('revoked_links')
    .select('token_hash')
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  return found !== undefined;
}

/**
 * The request a reply address names. Its token is the reply token (security/request-tokens.ts);
 * requests opened before reply tokens existed have none, and their emails' reply addresses carry
 * the link token, so for those rows only the link token is still accepted here.
 */
export async function findRequestByReplyToken(db: Db, token: string) {
  if (!tokenPattern.test(token)) return undefined;
  const hash = hashToken(token);
  return withPartnerName(db)
    .where((eb) =>
      eb.or([
        eb('reply_token_hash', '=', hash),
        eb.and([eb('reply_token_hash', 'is', null), eb('token_hash', '=', hash)]),
      ]),
    )
    .executeTakeFirst();
}

/** The request whose reply address this was before it was sent again or re-addressed (its token is revoked). */
export async function findRequestByRevokedReplyToken(db: Db, token: string) {
  if (!tokenPattern.test(token)) return undefined;
  return withPartnerName(db)
    .innerJoin('revoked_links', 'revoked_links.request_id', 'requests.id')
    .where('revoked_links.token_hash', '=', hashToken(token))
    .executeTakeFirst();
}

/** A request by id, of this partner when one is named (a staff page acts on its own partner's requests only). */
export function findRequestById(db: Db, id: string, partnerId?: string) {
  let query = db.selectFrom('requests').select(['id', 'status', 'partner_id', 'answer']).where('id', '=', id);
  if (partnerId !== undefined) query = query.where('partner_id', '=', partnerId);
  return query.executeTakeFirst();
}
