/**
 * 4. Open journeys: N journeys waiting in their first request (each a `partnerJourney` and its
 * `request` child, so 2N open workflows), against N minimal waiting workflows. Measured: resident
 * memory (VmRSS from /proc/<pid>/status) of the worker process (`node --import tsx
 * worker/main.ts`, fresh for this measurement) against a fresh baseline worker process, and of the
 * Temporal dev server before and after each side. The baseline goes first; the Temporal server is
 * shared, so its figures are deltas (Go returns memory to the OS lazily: read them as rough).
 *
 * The SDK caches at most `maxCachedWorkflows` workflows per worker (by default derived from the
 * heap limit), so a worker's memory stops growing once its cache is full: the growth curve is
 * sampled along the way.
 */
import { getHeapStatistics } from 'node:v8';
import type { BenchContext, Figure, MeasurementResult } from './context';
import { partnerFor, postPartners, startBaselines } from './onboarding';
import { formatSpread, spread } from './stats';
import {
  type BaselineWorker,
  type BenchApp,
  log,
  rssMiB,
  sleep,
  startBaselineWorker,
  startBenchApp,
  waitForIdle,
} from './system';

interface Sample {
  seconds: number;
  open: number;
  workerMiB: number;
  temporalMiB: number;
}

/** Samples RSS every second while `progress` grows; returns the samples once `done` resolves. */
async function sampled(
  workerPid: number,
  ctx: BenchContext,
  progress: () => number | Promise<number>,
  done: Promise<unknown>,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  const t0 = Date.now();
  let finished = false;
  void done.finally(() => (finished = true)).catch(() => undefined);
  while (!finished) {
    samples.push({
      seconds: (Date.now() - t0) / 1000,
      open: await progress(),
      workerMiB: rssMiB(workerPid),
      temporalMiB: rssMiB(ctx.servers.pids().temporal),
    });
    await Promise.race([sleep(1000), done.catch(() => undefined)]);
  }
  await done;
  return samples;
}

/** Five readings a second apart, once everything is idle. */
export async function settledRss(workerPid: number, ctx: BenchContext) {
  const worker: number[] = [];
  const temporal: number[] = [];
  for (let i = 0; i < 5; i++) {
    worker.push(rssMiB(workerPid));
    temporal.push(rssMiB(ctx.servers.pids().temporal));
    await sleep(1000);
  }
  return { worker: spread(worker), temporal: spread(temporal) };
}

/** The SDK's default cache size for this heap limit (worker-options.js, reuseV8Context). */
export function defaultMaxCachedWorkflows(): number {
  const heapMiB = getHeapStatistics().heap_size_limit / 2 ** 20;
  return Math.max(Math.floor((Math.max(heapMiB - 200, 0) * 600) / 1024), 10);
}

export async function measureOpenJourneys(ctx: BenchContext): Promise<MeasurementResult> {
  const { n, concurrency } = ctx.profile.openJourneys;
  const cacheMax = defaultMaxCachedWorkflows();
  let baseline: BaselineWorker | undefined;
  let app: BenchApp | undefined;
  try {
    baseline = await startBaselineWorker(ctx.servers, 'open');
    app = await startBenchApp(ctx.servers, { label: 'open' });
    const workerPid = app.worker!.pid;
    const idlePids = () => [ctx.servers.pids().temporal, ...ctx.servers.pids().postgres, baseline!.pid, workerPid];
    await waitForIdle(idlePids);
    const idle = {
      baselineWorker: rssMiB(baseline.pid),
      systemWorker: rssMiB(workerPid),
      temporal: rssMiB(ctx.servers.pids().temporal),
    };
    log(
      `open journeys: idle RSS baseline worker ${idle.baselineWorker.toFixed(0)} MiB, system worker ${idle.systemWorker.toFixed(0)} MiB, Temporal ${idle.temporal.toFixed(0)} MiB; default maxCachedWorkflows ${cacheMax}`,
    );

    // Baseline: N minimal workflows, each waiting on a timer after its activity.
    const b = baseline;
    const before = b.completions().count;
    const t0 = Date.now();
    const baselineDone = (async () => {
      await startBaselines(
        app!.baselineTemporal,
        b,
        'baselineWaiting',
        Array.from({ length: n }, (_, i) => `baseline-open-${i}`),
        concurrency,
      );
      await b.waitForCompletions(before + n, Math.max(600_000, n * 500));
    })();
    const baselineCurve = await sampled(b.pid, ctx, () => b.completions().count - before, baselineDone);
    const baselineSeconds = (Date.now() - t0) / 1000;
    await waitForIdle(idlePids);
    const baselineRss = await settledRss(b.pid, ctx);
    log(
      `open journeys: ${n} baseline workflows open after ${baselineSeconds.toFixed(0)} s; worker ${baselineRss.worker.median.toFixed(0)} MiB, Temporal ${baselineRss.temporal.median.toFixed(0)} MiB`,
    );

    // The system: N partners onboarded, each journey waiting in its first request.
    const partners = Array.from({ length: n }, (_, i) => partnerFor('open', i));
    const t1 = Date.now();
    const systemDone = (async () => {
      await postPartners(app!, partners, concurrency);
      await ctx.mailbox.waitForEach(
        partners.map((p) => p.coordinator),
        Math.max(600_000, n * 1000),
      );
    })();
    const progress = () => ctx.mailbox.reached(partners.map((p) => p.coordinator));
    const systemCurve = await sampled(workerPid, ctx, progress, systemDone);
    const systemSeconds = (Date.now() - t1) / 1000;
    await waitForIdle(idlePids);
    const systemRss = await settledRss(workerPid, ctx);
    log(
      `open journeys: ${n} journeys waiting after ${systemSeconds.toFixed(0)} s; worker ${systemRss.worker.median.toFixed(0)} MiB, Temporal ${systemRss.temporal.median.toFixed(0)} MiB`,
    );
    await ctx.mailbox.clear();

    const ratio = systemRss.worker.median / baselineRss.worker.median;
    const openWorkflows = { system: 2 * n, baseline: n };
    const temporalDelta = {
      baseline: baselineRss.temporal.median - idle.temporal,
      system: systemRss.temporal.median - baselineRss.temporal.median,
    };
    const figures: Figure[] = [
      {
        measurement: '4. open journeys',
        metric: `worker RSS (MiB), ${n.toLocaleString('en')} waiting (system: ${openWorkflows.system.toLocaleString('en')} workflows)`,
        system: formatSpread(systemRss.worker, 0),
        baseline: formatSpread(baselineRss.worker, 0),
        ratio: ratio.toFixed(2),
        goal: '< 1024 MiB and ≤ 1.50',
        met: systemRss.worker.median < 1024 && ratio <= 1.5,
      },
      {
        measurement: '4. open journeys',
        metric: `Temporal server RSS growth (MiB) for ${n.toLocaleString('en')}`,
        system: `${signed(temporalDelta.system)} (→ ${systemRss.temporal.median.toFixed(0)})`,
        baseline: `${signed(temporalDelta.baseline)} (→ ${baselineRss.temporal.median.toFixed(0)})`,
        ratio:
          temporalDelta.baseline > 0 && temporalDelta.system > 0
            ? (temporalDelta.system / temporalDelta.baseline).toFixed(2)
            : '–',
        goal: '–',
        met: undefined,
      },
    ];
    // Per cached workflow, and what N = 10,000 would need, when this run was smaller.
    const perWorkflowKiB = {
      system: ((systemRss.worker.median - idle.systemWorker) * 1024) / Math.min(openWorkflows.system, cacheMax),
      baseline: ((baselineRss.worker.median - idle.baselineWorker) * 1024) / Math.min(openWorkflows.baseline, cacheMax),
    };
    const notes = [
      `open journeys: idle RSS system worker ${idle.systemWorker.toFixed(0)} MiB, baseline worker ${idle.baselineWorker.toFixed(0)} MiB, Temporal ${idle.temporal.toFixed(0)} MiB; the SDK caches at most ${cacheMax} workflows per worker by default (heap limit ${(getHeapStatistics().heap_size_limit / 2 ** 20).toFixed(0)} MiB)`,
      `open journeys: worker memory per cached workflow ≈ ${perWorkflowKiB.system.toFixed(0)} KiB (system) vs ${perWorkflowKiB.baseline.toFixed(0)} KiB (baseline); setting up ${n} took ${systemSeconds.toFixed(0)} s (system) and ${baselineSeconds.toFixed(0)} s (baseline)`,
    ];
    if (n < 1_000) {
      notes.push(
        `open journeys: ${n} is too few to extrapolate to 10,000 (the worker's heap grows in steps); run with --open-journeys=2500 or more`,
      );
    } else if (n < 10_000) {
      // Past a full cache, what memory still grows per 1,000 more: a straight line through the samples beyond it.
      const beyond = (curve: Sample[], workflowsPerItem: number) =>
        curve.filter((c) => c.open * workflowsPerItem >= cacheMax && Number.isFinite(c.workerMiB));
      const slope = (curve: Sample[]) =>
        curve.length < 2
          ? Number.NaN
          : ((curve[curve.length - 1]!.workerMiB - curve[0]!.workerMiB) /
              (curve[curve.length - 1]!.open - curve[0]!.open)) *
            1000;
      const sysSlope = slope(beyond(systemCurve, 2));
      const baseSlope = slope(beyond(baselineCurve, 1));
      const at10k = (rss: number, perThousand: number) =>
        rss + ((10_000 - n) / 1000) * (Number.isFinite(perThousand) ? Math.max(perThousand, 0) : 0);
      notes.push(
        `open journeys: EXTRAPOLATED, not measured: past a full cache the worker still grew ${sysSlope.toFixed(0)} MiB (system) and ${Number.isFinite(baseSlope) ? baseSlope.toFixed(0) : '?'} MiB (baseline) per 1,000 more; ` +
          `on that line 10,000 would need ≈ ${at10k(systemRss.worker.median, sysSlope).toFixed(0)} MiB (system) vs ≈ ${at10k(baselineRss.worker.median, baseSlope).toFixed(0)} MiB (baseline)`,
      );
    }
    return {
      name: 'open-journeys',
      figures,
      details: {
        n,
        concurrency,
        cacheMax,
        idle,
        baselineRss,
        systemRss,
        temporalDelta,
        perWorkflowKiB,
        seconds: { baseline: baselineSeconds, system: systemSeconds },
        curves: { baseline: baselineCurve, system: systemCurve },
      },
      notes,
    };
  } finally {
    await app?.stop();
    await baseline?.stop();
  }
}

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(0)}`;
