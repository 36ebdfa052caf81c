import { sql } from 'kysely';
import { localOutbox } from '../../mail/outbox';
import { renderJoinToReviewEmail } from '../../mail/templates/join-email';
import { joinTokenHash } from '../../security/join-tokens';
import type { JoinDeps } from './submit-join';

export type JoinConfirmation = { kind: 'confirmed'; name: string } | { kind: 'not_found' };

/** Whether a confirmation link still confirms something (its page shows the button only then). */
export async function findJoinByToken(deps: Pick<JoinDeps, 'db'>, token: string) {
  return deps.db
    .selectFrom('join_requests')
    .select(['id', 'data'])
    .where('confirm_token_hash', '=', joinTokenHash(token))
    .where('status', '=', 'pending_confirmation')
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

/**
 * The coordinator followed the link: the join is confirmed and waits for staff, and the link is
 * used up. An unknown, used or expired link confirms nothing (one answer for all three).
 */
export async function confirmJoin(deps: JoinDeps, token: string): Promise<JoinConfirmation> {
  const row = await deps.db
    .updateTable('join_requests')
    .set({ status: 'confirmed', confirm_token_hash: null, confirmed_at: new Date() })
    .where('confirm_token_hash', '=', joinTokenHash(token))
    .where('status', '=', 'pending_confirmation')
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['id', 'data'])
    .executeTakeFirst();
  if (!row?.data) return { kind: 'not_found' };
  if (deps.mailer) {
    const rendered = renderJoinToReviewEmail({
      organisation: row.data.name,
      reviewUrl: `${deps.config.publicUrl}/staff/join-requests/${row.id}`,
    });
    await localOutbox(deps.db, deps.mailer)
      .send(
        { idempotencyKey: `join/${row.id}/staff`, to: deps.config.staffEmail, partnerIds: [], ...rendered },
        { from: deps.config.mailFrom },
      )
      .catch((error: unknown) => deps.log?.(error));
  }
  return { kind: 'confirmed', name: row.data.name };
}
