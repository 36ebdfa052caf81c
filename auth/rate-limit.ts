/**
 * Counts login attempts per key (an address, an account at an address) in a fixed window, in memory: enough for one
 * API process. An attempt is counted before the password is checked, so parallel guesses cannot
 * slip past the limit; a success is then forgiven, so only failures add up.
 */
export class AttemptLimiter {
  private readonly entries = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an attempt for every key, or returns the seconds to wait (counting nothing) when one is over the limit. */
  attempt(keys: string[]): number {
    const now = this.now();
    if (this.entries.size > 10_000) this.sweep(now);
    const live = keys
      .map((key) => ({ key, entry: this.entries.get(key) }))
      .map(({ key, entry }) => ({ key, entry: entry && entry.resetAt > now ? entry : undefined }));
    const waitMs = Math.max(
      0,
      ...live.map(({ entry }) => (entry && entry.count >= this.maxFailures ? entry.resetAt - now : 0)),
    );
    if (waitMs > 0) return Math.ceil(waitMs / 1000);
    for (const { key, entry } of live) {
      if (entry) entry.count += 1;
      else this.entries.set(key, { count: 1, resetAt: now + this.windowMs });
    }
    return 0;
  }

  succeeded(keys: string[]): void {
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry) entry.count = Math.max(0, entry.count - 1);
    }
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.resetAt <= now) this.entries.delete(key);
  }
}
