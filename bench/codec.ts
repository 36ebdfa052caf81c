/**
 * 6. Payload codec: what encrypting every Temporal payload costs. The system as deployed (the
 * payload codec of privacy/payload-codec.ts in the API's client and the worker) against the same
 * system with Temporal's default data converter in both (bench/plain-worker.ts), each with its own
 * database and task queue, on the same servers, in the same run.
 *
 * Each repetition onboards N partners on each side (onboarding throughput, as in
 * bench/onboarding.ts) and then has those same partners answer their intent requests on each side
 * (decision latency, as in bench/decision-latency.ts), the sides in rotating order, with idle waits
 * between runs. The figures are ratios per repetition (with codec / without), so load that drifts
 * over the run hits both sides alike; CPU per partner is a load-independent cross-check.
 */
import { encryptedEncoding } from '../privacy/payload-codec';
import type { BenchContext, Figure, MeasurementResult } from './context';
import { answerAll } from './decision-latency';
import { formatCpu, onboardPartners, partnerFor } from './onboarding';
import { formatSpread, latencySummary, type LatencySummary, spread } from './stats';
import { type BenchApp, cpuMeter, linkIn, log, startBenchApp, waitForIdle } from './system';

type Side = 'codec' | 'plain';
const sides: Side[] = ['codec', 'plain'];

interface SideRun {
  side: Side;
  rep: number;
  onboardingRate: number;
  onboardingCpuMsPerPartner: Record<string, number>;
  decision: LatencySummary;
  decisionCpuMsPerAnswer: Record<string, number>;
}

export async function measureCodec(ctx: BenchContext): Promise<MeasurementResult> {
  const { n, reps, warmup, concurrency } = ctx.profile.codec;
  const [codec, plain] = await Promise.all([
    ctx.systemApp(),
    startBenchApp(ctx.servers, { label: 'plain', codec: false }),
  ]);
  const apps: Record<Side, BenchApp> = { codec, plain };
  try {
    const servers = () => [ctx.servers.pids().temporal, ...ctx.servers.pids().postgres];
    const allPids = () => [...servers(), codec.worker!.pid, plain.worker!.pid];
    // The bench process holds both APIs; the sides run one at a time, so its CPU (and the SMTP
    // server's, Mailpit's) belongs to the side running.
    const meter = (side: Side) =>
      cpuMeter({
        worker: () => [apps[side].worker!.pid],
        api: () => [process.pid, ctx.servers.pids().mailpit],
        servers,
      });
    const perItem = (cpu: Record<string, number>, count: number) =>
      Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, (v * 1000) / count]));

    const onboard = async (side: Side, tag: string, count: number) => {
      const cpu = meter(side);
      const started = Date.now();
      const { lastReceivedAt, messages } = await onboardPartners(
        apps[side],
        ctx.mailbox,
        'api',
        tag,
        count,
        concurrency,
      );
      return {
        rate: count / ((lastReceivedAt - started) / 1000),
        cpuMsPerPartner: perItem(cpu.stop(), count),
        links: messages.map((m) => linkIn(m, apps[side].url)),
      };
    };

    log(`codec: warm-up (${warmup} partners and answers on each side)`);
    for (const side of sides) {
      const { links } = await onboard(side, `cw-${side}`, warmup);
      await answerAll(links, concurrency);
    }
    await waitForIdle(allPids);
    await ctx.mailbox.clear();

    const runs: SideRun[] = [];
    for (let rep = 1; rep <= reps; rep++) {
      const order = sides.map((_, i) => sides[(i + rep - 1) % sides.length]!);
      const onboarded = {} as Record<Side, Awaited<ReturnType<typeof onboard>>>;
      for (const side of order) {
        onboarded[side] = await onboard(side, `c${rep}-${side}`, n);
        log(`codec rep ${rep} ${side}: onboarding ${n} at ${onboarded[side].rate.toFixed(1)}/s`);
        await waitForIdle(allPids);
      }
      for (const side of order) {
        const cpu = meter(side);
        const samples = await answerAll(onboarded[side].links, concurrency);
        const decision = latencySummary(samples.map((s) => s.ms));
        runs.push({
          side,
          rep,
          onboardingRate: onboarded[side].rate,
          onboardingCpuMsPerPartner: onboarded[side].cpuMsPerPartner,
          decision,
          decisionCpuMsPerAnswer: perItem(cpu.stop(), n),
        });
        log(`codec rep ${rep} ${side}: decision p50 ${decision.p50.toFixed(1)} ms, p99 ${decision.p99.toFixed(1)} ms`);
        await waitForIdle(allPids);
      }
      await ctx.mailbox.clear();
    }
    for (const side of sides)
      await checkEncoding(apps[side], side, `journey-${partnerFor(`c${reps}-${side}`, 0).slug}`);
    return summarize(runs, { n, reps, warmup, concurrency });
  } finally {
    await plain.stop();
  }
}

/** Guards the comparison: the journey's input is ciphertext on the codec side and plain JSON on the other. */
async function checkEncoding(app: BenchApp, side: Side, workflowId: string): Promise<void> {
  const history = await app.baselineTemporal.workflow.getHandle(workflowId).fetchHistory();
  const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  const encoding = Buffer.from(input?.metadata?.encoding ?? new Uint8Array()).toString();
  if ((encoding === encryptedEncoding) !== (side === 'codec'))
    throw new Error(`codec benchmark: ${side} side's ${workflowId} has input encoded as ${encoding || 'nothing'}`);
}

function summarize(
  runs: SideRun[],
  settings: { n: number; reps: number; warmup: number; concurrency: number },
): MeasurementResult {
  const of = (side: Side) => runs.filter((r) => r.side === side).sort((a, b) => a.rep - b.rep);
  const series = (pick: (r: SideRun) => number) => {
    const codec = of('codec').map(pick);
    const plain = of('plain').map(pick);
    return { codec: spread(codec), plain: spread(plain), ratio: spread(codec.map((v, i) => v / plain[i]!)) };
  };
  const figure = (metric: string, s: ReturnType<typeof series>, goal: string, met: boolean | undefined): Figure => ({
    measurement: '6. payload codec',
    metric,
    system: formatSpread(s.codec, 1),
    baseline: formatSpread(s.plain, 1),
    ratio: formatSpread(s.ratio, 3),
    goal,
    met,
  });
  const rate = series((r) => r.onboardingRate);
  const p99 = series((r) => r.decision.p99);
  const p50 = series((r) => r.decision.p50);
  const figures = [
    figure(
      `onboarding, POST /api/partners, N=${settings.n}: partners/s (with codec / without)`,
      rate,
      '≥ 0.95',
      rate.ratio.median >= 0.95,
    ),
    figure(`decision p99, ${settings.concurrency} answering at once (ms)`, p99, '≤ 1.05', p99.ratio.median <= 1.05),
    figure(`decision p50, ${settings.concurrency} answering at once (ms)`, p50, '–', undefined),
  ];
  const cpuMedian = (side: Side, pick: (r: SideRun) => Record<string, number>) => {
    const perRun = of(side).map(pick);
    return Object.fromEntries(Object.keys(perRun[0] ?? {}).map((k) => [k, spread(perRun.map((c) => c[k]!)).median]));
  };
  const cpu = {
    onboarding: Object.fromEntries(sides.map((s) => [s, cpuMedian(s, (r) => r.onboardingCpuMsPerPartner)])),
    decision: Object.fromEntries(sides.map((s) => [s, cpuMedian(s, (r) => r.decisionCpuMsPerAnswer)])),
  } as Record<'onboarding' | 'decision', Record<Side, Record<string, number>>>;
  const notes = (['onboarding', 'decision'] as const).map(
    (phase) =>
      `codec, ${phase}: CPU ms per ${phase === 'onboarding' ? 'partner' : 'answer'} (median of ${settings.reps}): with codec ${formatCpu(cpu[phase].codec)}; without ${formatCpu(cpu[phase].plain)}`,
  );
  return { name: 'codec', figures, details: { ...settings, runs, cpuMs: cpu }, notes };
}
