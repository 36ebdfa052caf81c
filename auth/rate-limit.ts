import { sql } from 'kysely';
import type { Db } from '../db/connection';
import { rateLimitRowKey, sweepExpiredRateLimitsNowAndThen } from '../db/rate-limit-rows';

/**
 * Counts sign-in attempts per key (an address, an account at an address) in a fixed window. An
 * attempt is counted before the password is checked, so parallel guesses cannot slip past the
 * limit; a success is then forgiven, so only failures add up.
 */
export interface AttemptLimiter {
  /** Counts an attempt, or returns the seconds to wait (counting nothing) when the key is at its limit; 0 when counted. */
  attempt(key: string): Promise<number>;
  /** Forgives an attempt that succeeded. */
  succeeded(key: string): Promise<void>;
}

export interface AttemptLimit {
  /** Which limit (another scope counts apart), e.g. `sign-in per address`. */
  scope: string;
  maxFailures: number;
  windowMs: number;
}

/**
 * The attempt limiter kept in Postgres, so every API process counts into the same window. One
 * statement decides: it counts unless the key is at its limit, starts a new window when the last has
 * ended, and says whether it refused, holding the row's lock meanwhile, so attempts sent to several
 * processes at once cannot slip past the limit either.
 */
export function postgresAttemptLimiter(db: Db, limit: AttemptLimit): AttemptLimiter {
  const rowKey = (key: string) => rateLimitRowKey(limit.scope, key);
  return {
    async attempt(key) {
      sweepExpiredRateLimitsNowAndThen(db);
      // Every SET expression reads the row as it was, so `refused` is the decision on the count before this attempt.
      const { rows } = await sql<{ refused: boolean; waitSeconds: number }>`
        insert into rate_limits as r (key, count, resets_at)
        values (${rowKey(key)}, 1, now() + ${limit.windowMs} * interval '1 millisecond')
        on conflict (key) do update set
          count = case
            when r.resets_at <= now() then 1
            when r.count >= ${limit.maxFailures} then r.count
            else r.count + 1 end,
          resets_at = case when r.resets_at <= now() then excluded.resets_at else r.resets_at end,
          refused = r.resets_at > now() and r.count >= ${limit.maxFailures}
        returning refused, ceil(extract(epoch from resets_at - now()))::int as "waitSeconds"`.execute(db);
      const { refused, waitSeconds } = rows[0]!;
      return refused ? Math.max(1, waitSeconds) : 0;
    },

    async succeeded(key) {
      await db
        .updateTable('rate_limits')
        .set({ count: sql`greatest(count - 1, 0)` })
        .where('key', '=', rowKey(key))
        .where('resets_at', '>', sql<Date>`now()`)
        .execute();
    },
  };
}
