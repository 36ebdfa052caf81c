import type { RequestLimiter } from '../db/request-limiter';

/**
 * The page limit as it was before issue 27 (api/rate-limit.ts at 41c4486): a fixed window per client
 * in one process's memory. Kept here only as bench/rate-limit.ts's baseline; it cannot hold across
 * API processes, so the system no longer uses it.
 */
export function memoryRequestLimiter(options: { max: number; windowMs: number }): RequestLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async count(client) {
      const now = Date.now();
      const current = windows.get(client);
      const window = current && now - current.start < options.windowMs ? current : { start: now, count: 0 };
      window.count += 1;
      windows.set(client, window);
      if (windows.size > 10_000)
        for (const [key, w] of windows) if (now - w.start >= options.windowMs) windows.delete(key);
      return {
        refused: window.count > options.max,
        retryAfterSeconds: Math.ceil((window.start + options.windowMs - now) / 1000),
      };
    },
  };
}
