import type { Db } from '../../db/connection';
import { hashToken, tokenMatches, tokenPattern } from '../../security/request-tokens';
import { ApiError } from '../../http/api-error';

/** The request a partner link points to, or a 404 that reveals nothing about other requests. */
export async function findRequestByToken(db: Db, token: string) {
  const notFound = new ApiError(
    404,
    'link_not_found',
    'This link is not known. Check that you copied the whole link from the email.',
  );
  if (!tokenPattern.test(token)) throw notFound;
  const request = await db
    .selectFrom('requests')
    .innerJoin('partners', 'partners.id', 'requests.partner_id')
    .selectAll('requests')
    .select(['partners.name as partnerName'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!request || !tokenMatches(token, request.token_hash)) throw notFound;
  return request;
}

/** The stored request by id, e.g. to read the answer another click just recorded. */
export function findRequestById(db: Db, id: string) {
  return db.selectFrom('requests').select(['id', 'status', 'answer']).where('id', '=', id).executeTakeFirst();
}
