import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error';
import { clientKey } from '../http/client-key';

/**
 * A fixed-window limit per client (its IPv4 address or IPv6 /64: http/client-key.ts), in memory:
 * enough to stop someone guessing tokens from one machine. Behind a proxy, TRUST_PROXY makes
 * `request.ip` the client (config/config.ts).
 */
export function rateLimit(options: { max: number; windowMs: number }) {
  const windows = new Map<string, { start: number; count: number }>();
  return async (request: FastifyRequest): Promise<void> => {
    const now = Date.now();
    const client = clientKey(request.ip);
    const current = windows.get(client);
    const window = current && now - current.start < options.windowMs ? current : { start: now, count: 0 };
    window.count += 1;
    windows.set(client, window);
    if (windows.size > 10_000)
      for (const [key, w] of windows) if (now - w.start >= options.windowMs) windows.delete(key);
    if (window.count > options.max) {
      const retryAfter = Math.ceil((window.start + options.windowMs - now) / 1000);
      throw new ApiError(
        429,
        'too_many_requests',
        `Too many requests from your address; try again in ${retryAfter} seconds.`,
        undefined,
        { 'retry-after': String(retryAfter) },
      );
    }
  };
}
