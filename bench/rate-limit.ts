/**
 * 7. Rate limits: what keeping the limits in Postgres, so that every API process shares them (issue
 * 27), costs a decision. The page limit's decision alone, in this process's memory (the code before
 * issue 27, kept as bench/memory-rate-limit.ts) against Postgres (db/request-limiter.ts) and the
 * sign-in attempt limiter (auth/rate-limit.ts), one at a time and `concurrency` at once over many
 * clients, on the API's own connection pool, in rotating order per repetition. Then the answer route
 * `POST /r/:token`, which passes the page limit, to show the limiter's share of its latency.
 */
import { postgresAttemptLimiter } from '../auth/rate-limit';
import { postgresRequestLimiter, type RequestLimiter } from '../db/request-limiter';
import type { BenchContext, Figure, MeasurementResult } from './context';
import { answerAll } from './decision-latency';
import { memoryRequestLimiter } from './memory-rate-limit';
import { onboardPartners } from './onboarding';
import { formatSpread, latencySummary, type LatencySummary, spread } from './stats';
import { type BenchApp, linkIn, log, pool, waitForIdle } from './system';

type Series = 'memory' | 'postgres' | 'postgresAttempt';
const order: Series[] = ['memory', 'postgres', 'postgresAttempt'];
/** Decisions spread over this many client addresses, as many partners would send them. */
const clients = 500;
const limit = { max: 1_000_000_000, windowMs: 60_000 };

function limiters(app: BenchApp): Record<Series, RequestLimiter> {
  const attempts = postgresAttemptLimiter(app.db, { scope: 'bench sign-in', maxFailures: limit.max, ...limit });
  return {
    memory: memoryRequestLimiter(limit),
    postgres: postgresRequestLimiter(app.db, { scope: 'bench pages', ...limit }),
    postgresAttempt: { count: async (key) => ({ refused: (await attempts.attempt(key)) > 0, retryAfterSeconds: 0 }) },
  };
}

async function decide(limiter: RequestLimiter, n: number, concurrency: number): Promise<number[]> {
  return pool(n, concurrency, async (i) => {
    const t0 = performance.now();
    const { refused } = await limiter.count(`198.51.${Math.floor((i % clients) / 250)}.${i % 250}`);
    const ms = performance.now() - t0;
    if (refused) throw new Error('the bench limit refused a decision');
    return ms;
  });
}

export async function measureRateLimit(ctx: BenchContext): Promise<MeasurementResult> {
  const { decisions, answers, reps, concurrency } = ctx.profile.rateLimit;
  const app = await ctx.systemApp();
  const series = limiters(app);
  const idle = () => waitForIdle(() => [ctx.servers.pids().temporal, ...ctx.servers.pids().postgres, app.worker!.pid]);
  const levels = [1, concurrency];
  const runs: Record<string, LatencySummary[]> = {};
  const route: LatencySummary[] = [];

  log(`rate limit: warm-up (${decisions} decisions of each)`);
  for (const name of order) await decide(series[name], decisions, concurrency);
  for (let rep = 1; rep <= reps; rep++) {
    await idle();
    for (const level of levels)
      for (const name of order.map((_, i) => order[(i + rep - 1) % order.length]!)) {
        const s = latencySummary(await decide(series[name], decisions, level));
        (runs[`${name}@${level}`] ??= []).push(s);
        log(`rate limit rep ${rep} ${name}, ${level} at once: p50 ${s.p50.toFixed(3)} ms, p99 ${s.p99.toFixed(3)} ms`);
      }
    const { messages } = await onboardPartners(app, ctx.mailbox, 'api', `rl${rep}`, answers, concurrency);
    await idle();
    const answered = latencySummary(
      (
        await answerAll(
          messages.map((m) => linkIn(m, app.url)),
          concurrency,
        )
      ).map((s) => s.ms),
    );
    route.push(answered);
    log(`rate limit rep ${rep} answer route: p50 ${answered.p50.toFixed(1)} ms, p99 ${answered.p99.toFixed(1)} ms`);
    await ctx.mailbox.clear();
  }

  const figures: Figure[] = [];
  for (const level of levels)
    for (const stat of ['p50', 'p99'] as const)
      for (const name of ['postgres', 'postgresAttempt'] as const) {
        const system = runs[`${name}@${level}`]!.map((s) => s[stat]);
        const memory = runs[`memory@${level}`]!.map((s) => s[stat]);
        figures.push({
          measurement: '7. rate limit',
          metric: `${name === 'postgres' ? 'page limit' : 'sign-in limit'} decision ${stat}, ${level} at once (ms)`,
          system: formatSpread(spread(system), 3),
          baseline: `${formatSpread(spread(memory), 4)} in memory`,
          ratio: formatSpread(spread(system.map((v, i) => v / memory[i]!)), 0),
          goal: '–',
          met: undefined,
        });
      }
  for (const stat of ['p50', 'p99'] as const) {
    const answered = route.map((s) => s[stat]);
    const limiter = runs[`postgres@${concurrency}`]!.map((s) => s[stat]);
    figures.push({
      measurement: '7. rate limit',
      metric: `answer route POST /r/:token ${stat}, ${concurrency} at once, Postgres page limit (ms)`,
      system: formatSpread(spread(answered), 1),
      baseline: `${formatSpread(spread(limiter), 2)} its limit`,
      ratio: `${formatSpread(spread(limiter.map((v, i) => (100 * v) / answered[i]!)), 1)} %`,
      goal: '–',
      met: undefined,
    });
  }
  return {
    name: 'rate-limit',
    figures,
    details: { decisions, answers, reps, concurrency, clients, runs, route },
    notes: [
      `rate limit: ${decisions} decisions per series and repetition over ${clients} client addresses, on the API's connection pool; the answer route's last column is the page limit's decision (${concurrency} at once) as a share of the route's latency at the same percentile`,
    ],
  };
}
