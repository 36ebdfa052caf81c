import { sql } from 'kysely';
import type { Db } from './connection';
import { rateLimitRowKey, sweepExpiredRateLimitsNowAndThen } from './rate-limit-rows';

export interface RequestLimitDecision {
  refused: boolean;
  /** Seconds until the client's window ends (and it may ask again). */
  retryAfterSeconds: number;
}

/** A fixed window of `max` requests per client key: each request counts, those past the max are refused. */
export interface RequestLimiter {
  count(clientKey: string): Promise<RequestLimitDecision>;
}

export interface RequestLimit {
  /** Which limit (another scope counts apart): e.g. `pages`, `joins`. */
  scope: string;
  max: number;
  windowMs: number;
}

/**
 * The fixed window kept in Postgres, so every API process counts into the same window. One statement
 * per request decides: it counts, starts a new window when the last has ended, and answers, holding
 * the row's lock meanwhile, so two processes cannot both take the last request. The window is read on
 * the database's clock, which every process shares.
 */
export function postgresRequestLimiter(db: Db, limit: RequestLimit): RequestLimiter {
  return {
    async count(clientKey) {
      sweepExpiredRateLimitsNowAndThen(db);
      const { rows } = await sql<{ count: number; retryAfterSeconds: number }>`
        insert into rate_limits as r (key, count, resets_at)
        values (${rateLimitRowKey(limit.scope, clientKey)}, 1, now() + ${limit.windowMs} * interval '1 millisecond')
        on conflict (key) do update set
          count = case when r.resets_at <= now() then 1 else r.count + 1 end,
          resets_at = case when r.resets_at <= now() then excluded.resets_at else r.resets_at end
        returning count, ceil(extract(epoch from resets_at - now()))::int as "retryAfterSeconds"`.execute(db);
      const { count, retryAfterSeconds } = rows[0]!;
      return { refused: count > limit.max, retryAfterSeconds: Math.max(1, retryAfterSeconds) };
    },
  };
}
