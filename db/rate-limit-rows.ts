import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './connection';

/**
 * The row of one client under one limit. Hashed: the table then holds no address or email in plain
 * sight (an IPv4 address could still be found by trying them all, but a row lives one window).
 */
export function rateLimitRowKey(scope: string, clientKey: string): string {
  return createHash('sha256').update(`${scope}\n${clientKey}`).digest('base64url');
}

/** An expired row counts nothing (the next decision resets it), so sweeping now and then is enough. */
const sweepEveryMs = 60_000;
const lastSweep = new WeakMap<Db, number>();

/**
 * Deletes the expired rows, at most once a minute per process and database, without holding up the
 * decision that triggered it: a client that comes back after its window only resets its row, so the
 * rows left are those of clients that never came back.
 */
export function sweepExpiredRateLimitsNowAndThen(db: Db, now = Date.now()): void {
  if (now - (lastSweep.get(db) ?? 0) < sweepEveryMs) return;
  lastSweep.set(db, now);
  // A lost sweep (Postgres restarting, the pool closing) leaves rows for the next one.
  sweepExpiredRateLimits(db).catch(() => undefined);
}

/** Deletes the rows whose window has ended; a row reset by a decision meanwhile is not expired, so it stays. */
export async function sweepExpiredRateLimits(db: Db): Promise<number> {
  const result = await db
    .deleteFrom('rate_limits')
    .where('resets_at', '<=', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
