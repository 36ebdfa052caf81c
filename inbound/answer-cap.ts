import type { Db } from '../db/connection';

/** Automatic answers per request, or per meeting invitee, in 24 hours. */
export const MAX_ANSWERS_PER_DAY = 5;

/**
 * Whether another automatic answer to a reply may go out (one rule for request and meeting replies):
 * a robot that ignores Auto-Submitted, or someone forging From addresses with a known reply address,
 * would otherwise make us mail without end. `keyPrefix` is the outbox key prefix of the answers of
 * one request or one invitee.
 */
export async function mayAnswerAgain(db: Db, keyPrefix: string): Promise<boolean> {
  const recent = await db
    .selectFrom('email_outbox')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('idempotency_key', 'like', `${keyPrefix.replace(/[\\%_]/g, '\\$&')}%`)
    .where('created_at', '>', new Date(Date.now() - 86_400_000))
    .executeTakeFirstOrThrow();
  return Number(recent.count) < MAX_ANSWERS_PER_DAY;
}
