/**
 * 2. Decision latency: from `POST /r/:token` (a JSON answer) to its response, which confirms the
 * decision is recorded, with `concurrency` partners answering at once; against two baselines with
 * the same concurrency on the same Temporal server (issue 28): the bare Workflow Update round trip
 * (the handler returns at once) on a minimal workflow (P2b), and the like-for-like one, an Update
 * whose handler records the answer with one local activity and then starts a follow-up child that
 * sends one email (what the design needs per answer and nothing more, P2). Two explanatory series,
 * an Update whose handler runs one no-op activity (or local activity) before it returns, show where
 * differences come from.
 *
 * Each repetition prepares fresh requests (partners onboarded, invitations received) and fresh
 * baseline workflows, waits until everything is idle, then measures the series in rotating order.
 * A sample of histories gives the server-side breakdown of each series.
 */
import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { intentAnswer } from '../tests/support/partner-actions';
import type { BenchContext, Figure, MeasurementResult } from './context';
import { onboardPartners, startBaselines } from './onboarding';
import { formatSpread, latencySummary, median, spread } from './stats';
import { type BaselineWorker, type BenchApp, linkIn, log, pool, waitForIdle } from './system';

type Series = 'system' | 'bare' | 'likeForLike' | 'withActivity' | 'withLocalActivity';
const handlers = {
  bare: 'none',
  likeForLike: 'followUp',
  withActivity: 'activity',
  withLocalActivity: 'localActivity',
} as const;
type BaselineSeries = keyof typeof handlers;
const explanatorySeries: readonly Series[] = ['withActivity', 'withLocalActivity'];

interface Sample {
  ms: number;
  sentAt: number;
  workflowId: string;
}

const EventType = proto.api.enums.v1.EventType;

async function prepare(
  ctx: BenchContext,
  app: BenchApp,
  baseline: BaselineWorker,
  tag: string,
  count: number,
  concurrency: number,
  baselineSeries: BaselineSeries[],
) {
  const { messages } = await onboardPartners(app, ctx.mailbox, 'api', tag, count, concurrency);
  const links = messages.map((m) => linkIn(m, app.url));
  // Each baseline workflow runs one no-op activity once it is up; the local-activity ones run theirs again in the handler.
  const target = baseline.completions().count + baselineSeries.length * count;
  const ids = Object.fromEntries(
    baselineSeries.map((series) => [series, Array.from({ length: count }, (_, i) => `baseline-${tag}-${series}-${i}`)]),
  ) as Record<BaselineSeries, string[]>;
  for (const series of baselineSeries) {
    await startBaselines(app.baselineTemporal, baseline, 'baselineUpdatable', ids[series], concurrency, [
      { handler: handlers[series] },
    ]);
  }
  await baseline.waitForCompletions(target, 180_000);
  return { links, ...ids };
}

/** Every partner answers its intent request through its link (`POST /r/:token`), `concurrency` at once. */
export async function answerAll(links: string[], concurrency: number): Promise<Sample[]> {
  return pool(links.length, concurrency, async (i) => {
    const sentAt = Date.now();
    const t0 = performance.now();
    const response = await fetch(links[i]!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(intentAnswer),
    });
    const body = (await response.json()) as { status?: string; requestId?: string };
    const ms = performance.now() - t0;
    if (response.status !== 200 || body.status !== 'answered')
      throw new Error(`POST /r/:token answered ${response.status}: ${JSON.stringify(body)}`);
    return { ms, sentAt, workflowId: `request-${body.requestId}` };
  });
}

async function updateAll(temporal: Client, ids: string[], concurrency: number): Promise<Sample[]> {
  return pool(ids.length, concurrency, async (i) => {
    const sentAt = Date.now();
    const t0 = performance.now();
    const result = await temporal.workflow
      .getHandle(ids[i]!)
      .executeUpdate<string, [Record<string, unknown>]>('answer', { args: [intentAnswer] });
    const ms = performance.now() - t0;
    if (result !== 'recorded') throw new Error(`update answered ${result}`);
    return { ms, sentAt, workflowId: ids[i]! };
  });
}

/**
 * Where the time goes, from the workflow's history (server clock, same machine): request sent →
 * Update accepted (HTTP, token lookup, Update dispatch, workflow task) → handler's activity
 * scheduled/started/completed → Update completed → response received.
 */
async function breakdown(temporal: Client, samples: Sample[]): Promise<Record<string, number>> {
  const phases: Record<string, number[]> = {};
  const add = (name: string, ms: number | undefined) => {
    if (ms !== undefined && Number.isFinite(ms)) (phases[name] ??= []).push(ms);
  };
  for (const sample of samples) {
    const history = await temporal.workflow.getHandle(sample.workflowId).fetchHistory();
    const events = (history.events ?? []).map((e) => ({
      type: e.eventType,
      ms: e.eventTime ? Number(e.eventTime.seconds) * 1000 + (e.eventTime.nanos ?? 0) / 1e6 : Number.NaN,
    }));
    const first = (type: number, from = -Infinity) => events.find((e) => e.type === type && e.ms >= from)?.ms;
    const accepted = first(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
    const completed = first(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
    // The handler's activity is the one scheduled once the Update was accepted.
    const scheduled =
      accepted === undefined ? undefined : first(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, accepted);
    const started = accepted === undefined ? undefined : first(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, accepted);
    const done = accepted === undefined ? undefined : first(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, accepted);
    if (accepted === undefined || completed === undefined) continue;
    add('sent → update accepted', accepted - sample.sentAt);
    if (scheduled !== undefined && done !== undefined && started !== undefined && done <= completed) {
      add('accepted → activity scheduled', scheduled - accepted);
      add('activity scheduled → started', started - scheduled);
      add('activity started → completed', done - started);
      add('activity completed → update completed', completed - done);
    } else {
      add('accepted → update completed', completed - accepted);
    }
    add('update completed → response', sample.sentAt + sample.ms - completed);
  }
  return Object.fromEntries(
    Object.entries(phases).map(([name, values]) => [name, Math.round(median(values) * 10) / 10]),
  );
}

export async function measureDecisionLatency(ctx: BenchContext): Promise<MeasurementResult> {
  const { answersPerRep, reps, concurrency, warmup, explanatory } = ctx.profile.decision;
  const baselineSeries = (Object.keys(handlers) as BaselineSeries[]).filter(
    (series) => explanatory || !explanatorySeries.includes(series),
  );
  const app = await ctx.systemApp();
  const baseline = await ctx.baselineWorker();
  const allPids = () => [
    ...ctx.servers.pids().temporalServices,
    ...ctx.servers.pids().postgres,
    baseline.pid,
    app.worker!.pid,
    ...app.extraWorkers.map((w) => w.pid),
  ];

  const measure = async (series: Series, batch: Awaited<ReturnType<typeof prepare>>) =>
    series === 'system'
      ? answerAll(batch.links, concurrency)
      : updateAll(app.baselineTemporal, batch[series], concurrency);

  const order: Series[] = ['system', ...baselineSeries];
  if (warmup > 0) {
    log(`decision latency: warm-up (${warmup} of each)`);
    const warm = await prepare(ctx, app, baseline, 'dw', warmup, concurrency, baselineSeries);
    await waitForIdle(allPids);
    for (const series of order) await measure(series, warm);
    await waitForIdle(allPids);
    await ctx.mailbox.clear();
  }

  const all = Object.fromEntries(order.map((series) => [series, []])) as unknown as Record<Series, Sample[][]>;
  for (let rep = 1; rep <= reps; rep++) {
    const batch = await prepare(ctx, app, baseline, `d${rep}`, answersPerRep, concurrency, baselineSeries);
    await waitForIdle(allPids);
    for (const series of order.map((_, i) => order[(i + rep - 1) % order.length]!)) {
      const samples = await measure(series, batch);
      all[series].push(samples);
      const s = latencySummary(samples.map((x) => x.ms));
      log(`decision rep ${rep} ${series}: p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms (n=${s.n})`);
      await waitForIdle(allPids);
    }
    await ctx.mailbox.clear();
  }

  const perRep = (series: Series) => all[series].map((samples) => latencySummary(samples.map((x) => x.ms)));
  const pooled = (series: Series) => latencySummary(all[series].flat().map((x) => x.ms));
  const figures: Figure[] = [];
  // Issue 28's goals are on p99: P2 against the like-for-like Update, P2b against the bare one; p50 is context.
  const against = [
    { series: 'likeForLike', name: 'like-for-like', goal: 'P2', atMost: 1.1 },
    { series: 'bare', name: 'bare Update', goal: 'P2b', atMost: 1.5 },
  ] as const;
  for (const stat of ['p50', 'p99'] as const) {
    const sys = perRep('system').map((s) => s[stat]);
    for (const { series, name, goal, atMost } of against) {
      const base = perRep(series).map((s) => s[stat]);
      const ratio = spread(sys.map((v, i) => v / base[i]!));
      figures.push({
        measurement: '2. decision latency',
        metric: `${stat}, ${concurrency} answering at once (ms), vs ${name}${stat === 'p99' ? ` (${goal})` : ''}`,
        system: formatSpread(spread(sys), 1),
        baseline: formatSpread(spread(base), 1),
        ratio: formatSpread(ratio),
        goal: stat === 'p99' ? `≤ ${atMost.toFixed(2)}` : '–',
        met: stat === 'p99' ? ratio.median <= atMost : undefined,
      });
    }
  }
  const described: Record<Series, string> = {
    system: 'system',
    bare: 'bare update',
    likeForLike: 'like-for-like (local activity, then a follow-up child with its email)',
    withActivity: 'update + 1 no-op activity',
    withLocalActivity: 'update + 1 no-op local activity',
  };
  const notes = [
    `decision latency, pooled over ${reps} reps (ms): ${order.map((series) => `${described[series]} ${fmt(pooled(series))}`).join('; ')}`,
  ];
  for (const series of explanatorySeries.filter((s) => order.includes(s))) {
    const s = perRep(series);
    notes.push(
      `decision latency, ${series} (explanatory): per-rep p99 ${formatSpread(spread(s.map((x) => x.p99)), 1)} ms, p99 ratio to bare ${formatSpread(spread(s.map((x, i) => x.p99 / perRep('bare')[i]!.p99)))}`,
    );
  }
  // Twenty answers spread over the last repetition (its start and its end differ under load).
  const lastRep = (series: Series) => {
    const samples = all[series][all[series].length - 1]!;
    return samples.filter((_, i) => i % Math.max(1, Math.floor(samples.length / 20)) === 0).slice(0, 20);
  };
  const phases = Object.fromEntries(
    await Promise.all(order.map(async (series) => [series, await breakdown(app.temporal, lastRep(series))] as const)),
  ) as Record<Series, Record<string, number>>;
  for (const series of order)
    notes.push(
      `decision latency breakdown, ${series} (median of 20, ms): ${Object.entries(phases[series])
        .map(([k, v]) => `${k} ${v}`)
        .join('; ')}`,
    );
  return {
    name: 'decision-latency',
    figures,
    details: {
      answersPerRep,
      reps,
      concurrency,
      perRep: Object.fromEntries(order.map((s) => [s, perRep(s)])),
      pooled: Object.fromEntries(order.map((s) => [s, pooled(s)])),
      phases,
    },
    notes,
  };
}

const fmt = (s: ReturnType<typeof latencySummary>) =>
  `p50 ${s.p50.toFixed(1)}, p95 ${s.p95.toFixed(1)}, p99 ${s.p99.toFixed(1)}, max ${s.max.toFixed(1)} (n=${s.n})`;
