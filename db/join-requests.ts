import type { Db } from './connection';

/** The outbox keys of a join request's emails: erased with the join request (docs/privacy.md). */
export const joinEmailKeys = (joinRequestId: string) => [
  `join/${joinRequestId}/confirm`,
  `join/${joinRequestId}/staff`,
];

/**
 * Deletes the join requests whose address was not confirmed in time, and their emails: an
 * unconfirmed join leaves nothing (README.md, Joining the pact). Returns how many went.
 */
export async function deleteExpiredJoinRequests(db: Db, now = new Date()): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const expired = await tx
      .deleteFrom('join_requests')
      .where('status', '=', 'pending_confirmation')
      .where('expires_at', '<=', now)
      .returning('id')
      .execute();
    const keys = expired.flatMap((row) => joinEmailKeys(row.id));
    if (keys.length) await tx.deleteFrom('email_outbox').where('idempotency_key', 'in', keys).execute();
    return expired.length;
  });
}
