import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/connection';
import { postgresRequestLimiter, type RequestLimit } from '../db/request-limiter';
import type { AppDeps } from '../features/deps';
import { ApiError } from '../http/api-error';
import { clientKey } from '../http/client-key';

/**
 * A fixed-window limit per client (its IPv4 address or IPv6 /64: http/client-key.ts), counted in
 * Postgres so that every API process shares it (db/request-limiter.ts): enough to stop someone
 * guessing tokens from one machine. Behind a proxy, TRUST_PROXY makes `request.ip` the client
 * (config/config.ts).
 */
export function rateLimit(db: Db, limit: RequestLimit) {
  const limiter = postgresRequestLimiter(db, limit);
  return async (request: FastifyRequest): Promise<void> => {
    const { refused, retryAfterSeconds } = await limiter.count(clientKey(request.ip));
    if (refused)
      throw new ApiError(
        429,
        'too_many_requests',
        `Too many requests from your address; try again in ${retryAfterSeconds} seconds.`,
        undefined,
        { 'retry-after': String(retryAfterSeconds) },
      );
  };
}

/**
 * The partner pages' limit (`PACT_PAGE_RATE_LIMIT` a minute): one window per client over every page
 * without a login, so guesses spread over several kinds of link count together.
 */
export const pageRateLimit = (deps: Pick<AppDeps, 'db' | 'config'>) =>
  rateLimit(deps.db, { scope: 'pages', max: deps.config.pageRateLimit, windowMs: 60_000 });
