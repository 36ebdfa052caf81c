/**
 * 1. Onboarding throughput: N partners created through `POST /api/partners` (and through the CSV
 * import) until every invitation email has arrived at the SMTP server, against two baselines on
 * the same Temporal server (issue 28): the bare one, N minimal workflows that each run one no-op
 * activity (the engine's limit, P1b), and the like-for-like one, N parent workflows that each start
 * a child whose one activity sends one email through the same SMTP server (what the design needs
 * per partner and nothing more, P1).
 *
 * Rate = N / (time of the last arrival − time the first request was sent). For the bare baseline
 * the arrival is the N-th no-op activity running in the baseline worker process; for the system and
 * the like-for-like baseline it is the SMTP server receiving the N-th email (the system's sent from
 * inside the request's first activity). Every side is open loop: requests go out `concurrency` at a
 * time, completions are not awaited one by one. Repetitions are interleaved (the four kinds in
 * rotating order) so drift in the machine's load hits every side alike.
 */
import type { Client } from '@temporalio/client';
import { actorTypes, sectors } from '../domain/vocabulary';
import { baselineRecipientOfParent, emailChildIdOf } from './baseline-mail';
import type { BenchContext, Figure, MeasurementResult } from './context';
import { formatSpread, spread } from './stats';
import {
  type BaselineWorker,
  type BenchApp,
  cpuMeter,
  historyProfile,
  log,
  type Mailbox,
  pool,
  type ProcessGroups,
  waitForIdle,
} from './system';

/** `baseline` is the bare one-activity workflow; `like-for-like` the parent, child and email. */
type Kind = 'baseline' | 'like-for-like' | 'api' | 'csv';

interface RunResult {
  kind: Kind;
  rep: number;
  n: number;
  seconds: number;
  rate: number;
  /** For the system: how long until every POST (or the import) had answered. */
  requestsSeconds?: number;
  /** CPU seconds used per item, per process group. */
  cpuMsPerItem: Record<string, number>;
}

export function partnerFor(tag: string, i: number) {
  const slug = `bench-${tag}-${i}`;
  return {
    slug,
    coordinator: `coordinator@${slug}.example`,
    body: {
      name: `Bench ${tag} ${i}`,
      actorType: actorTypes.keys[i % actorTypes.keys.length]!,
      sector: sectors.keys[i % sectors.keys.length]!,
      contacts: [
        { name: `Coordinator ${i}`, email: `coordinator@${slug}.example`, role: 'coordinator' as const },
        { name: `Signatory ${i}`, email: `signatory@${slug}.example`, role: 'signatory' as const },
      ],
    },
  };
}

/** POSTs the partners `concurrency` at a time; resolves when every POST answered 201. */
export async function postPartners(
  app: BenchApp,
  partners: ReturnType<typeof partnerFor>[],
  concurrency: number,
): Promise<void> {
  await pool(partners.length, concurrency, async (i) => {
    const response = await app.staffFetch('/api/partners', { method: 'POST', body: JSON.stringify(partners[i]!.body) });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`POST /api/partners answered ${response.status}: ${text}`);
  });
}

async function importPartners(app: BenchApp, partners: ReturnType<typeof partnerFor>[]): Promise<void> {
  const lines = ['name,actorType,sector,language,coordinatorName,coordinatorEmail,signatoryName,signatoryEmail'];
  for (const { body } of partners) {
    const [coordinator, signatory] = body.contacts;
    lines.push(
      [
        body.name,
        body.actorType,
        body.sector,
        'nl',
        coordinator!.name,
        coordinator!.email,
        signatory!.name,
        signatory!.email,
      ].join(','),
    );
  }
  const response = await app.staffFetch('/api/partners/import', {
    method: 'POST',
    body: `${lines.join('\n')}\n`,
    headers: { 'content-type': 'text/csv' },
  });
  let result = (await response.json()) as { status?: string; summary?: { created: number } };
  // A list not done within the POST's wait is answered 202: its address then gives the end.
  for (const location = response.headers.get('location'); response.status === 202 && result.status !== 'done';) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    result = (await (await app.staffFetch(location!)).json()) as typeof result;
  }
  if (![200, 202].includes(response.status) || result.summary?.created !== partners.length)
    throw new Error(`CSV import answered ${response.status}: ${JSON.stringify(result).slice(0, 500)}`);
}

/** Starts `n` baseline workflows of `workflowType`, `concurrency` starts at a time. */
export async function startBaselines(
  temporal: Client,
  baseline: BaselineWorker,
  workflowType: string,
  ids: string[],
  concurrency: number,
  args: unknown[] = [],
): Promise<void> {
  await pool(ids.length, concurrency, async (i) => {
    await temporal.workflow.start(workflowType, { taskQueue: baseline.taskQueue, workflowId: ids[i]!, args });
  });
}

/**
 * Onboards `n` partners through the API (POSTs or one CSV import) and waits until every
 * coordinator's invitation has arrived; the invitations carry the partner links.
 */
export async function onboardPartners(
  app: BenchApp,
  mailbox: Mailbox,
  kind: 'api' | 'csv',
  tag: string,
  n: number,
  concurrency: number,
) {
  const started = Date.now();
  const partners = Array.from({ length: n }, (_, i) => partnerFor(tag, i));
  if (kind === 'api') await postPartners(app, partners, concurrency);
  else await importPartners(app, partners);
  const requestsSeconds = (Date.now() - started) / 1000;
  const arrived = await mailbox.waitForEach(
    partners.map((p) => p.coordinator),
    onboardingTimeoutMs(n),
  );
  return { requestsSeconds, ...arrived };
}

const onboardingTimeoutMs = (n: number) => Math.max(180_000, n * 600);

async function runOnce(
  kind: Kind,
  tag: string,
  n: number,
  deps: {
    app: BenchApp;
    baseline: BaselineWorker;
    mailbox: Mailbox;
    concurrency: number;
    groups: Record<Kind, ProcessGroups>;
  },
): Promise<Omit<RunResult, 'rep'>> {
  const { app, baseline, mailbox, concurrency } = deps;
  const timeoutMs = onboardingTimeoutMs(n);
  const meter = cpuMeter(deps.groups[kind]);
  const started = Date.now();
  let finished: number;
  let requestsSeconds: number | undefined;
  const baselineIds = Array.from({ length: n }, (_, i) => `baseline-${tag}-${i}`);
  if (kind === 'baseline') {
    const target = baseline.completions().count + n;
    await startBaselines(app.baselineTemporal, baseline, 'baselineNoop', baselineIds, concurrency);
    finished = await baseline.waitForCompletions(target, timeoutMs);
  } else if (kind === 'like-for-like') {
    await startBaselines(app.baselineTemporal, baseline, 'baselineOnboarding', baselineIds, concurrency);
    finished = (await mailbox.waitForEach(baselineIds.map(baselineRecipientOfParent), timeoutMs)).lastReceivedAt;
  } else {
    const onboarded = await onboardPartners(app, mailbox, kind, tag, n, concurrency);
    requestsSeconds = onboarded.requestsSeconds;
    finished = onboarded.lastReceivedAt;
  }
  const cpu = meter.stop();
  const seconds = (finished - started) / 1000;
  return {
    kind,
    n,
    seconds,
    rate: n / seconds,
    requestsSeconds,
    cpuMsPerItem: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, (v * 1000) / n])),
  };
}

export async function measureOnboarding(ctx: BenchContext): Promise<MeasurementResult> {
  const { n, reps, warmup, concurrency } = ctx.profile.onboarding;
  const app = await ctx.systemApp();
  const baseline = await ctx.baselineWorker();
  const shared = {
    temporal: () => ctx.servers.pids().temporalServices,
    postgres: () => ctx.servers.pids().postgres,
    bench: () => [process.pid, ctx.servers.pids().mailpit], // the driver and the API; the SMTP server (Mailpit)
  };
  const groups: Record<Kind, ProcessGroups> = {
    baseline: { ...shared, worker: () => [baseline.pid] },
    'like-for-like': { ...shared, worker: () => [baseline.pid] },
    api: { ...shared, worker: () => [app.worker!.pid] },
    csv: { ...shared, worker: () => [app.worker!.pid] },
  };
  const allPids = () => [
    ...ctx.servers.pids().temporalServices,
    ...ctx.servers.pids().postgres,
    baseline.pid,
    app.worker!.pid,
  ];
  const deps = { app, baseline, mailbox: ctx.mailbox, concurrency, groups };
  const kinds: Kind[] = ['baseline', 'like-for-like', 'api', 'csv'];

  log(`onboarding: warm-up (${warmup} of each)`);
  for (const kind of kinds) await runOnce(kind, `ow-${kind}`, warmup, deps);
  await waitForIdle(allPids);
  await ctx.mailbox.clear();

  const runs: RunResult[] = [];
  for (let rep = 1; rep <= reps; rep++) {
    const order = kinds.map((_, i) => kinds[(i + rep - 1) % kinds.length]!);
    for (const kind of order) {
      const result = { ...(await runOnce(kind, `o${rep}-${kind}`, n, deps)), rep };
      runs.push(result);
      log(
        `onboarding rep ${rep} ${kind}: ${n} in ${result.seconds.toFixed(1)} s = ${result.rate.toFixed(1)}/s; CPU ms/item ${JSON.stringify(roundAll(result.cpuMsPerItem))}`,
      );
      await waitForIdle(allPids);
      await ctx.mailbox.clear();
    }
  }

  const of = (kind: Kind) => runs.filter((r) => r.kind === kind).sort((a, b) => a.rep - b.rep);
  const ratesOf = (kind: Kind) => of(kind).map((r) => r.rate);
  const figures: Figure[] = [];
  const notes: string[] = [];
  const summary: Record<string, unknown> = {};
  // Issue 28's goals: P1 against the like-for-like baseline, P1b against the bare one; the CSV import as by the API.
  const against = [
    { baseline: 'like-for-like', goal: 'P1', atLeast: 0.9 },
    { baseline: 'baseline', goal: 'P1b', atLeast: 0.6 },
  ] as const;
  for (const kind of ['api', 'csv'] as const) {
    const rates = ratesOf(kind);
    summary[kind] = { rates: spread(rates) };
    for (const { baseline: base, goal, atLeast } of against) {
      const baseRates = ratesOf(base);
      const ratio = spread(rates.map((rate, i) => rate / baseRates[i]!));
      (summary[kind] as Record<string, unknown>)[`ratioTo${base === 'baseline' ? 'Bare' : 'LikeForLike'}`] = ratio;
      figures.push({
        measurement: '1. onboarding',
        metric: `${kind === 'api' ? 'POST /api/partners' : 'CSV import'}, N=${n}: partners/s, vs ${base === 'baseline' ? 'bare' : base} (${goal})`,
        system: formatSpread(spread(rates), 1),
        baseline: formatSpread(spread(baseRates), 1),
        ratio: formatSpread(ratio),
        goal: `≥ ${atLeast}`,
        met: ratio.median >= atLeast,
      });
    }
  }
  const cpuMedian = (kind: Kind) => {
    const perRun = of(kind).map((r) => r.cpuMsPerItem);
    return Object.fromEntries(
      Object.keys(perRun[0] ?? {}).map((group) => [group, spread(perRun.map((c) => c[group]!)).median]),
    );
  };
  for (const kind of kinds)
    notes.push(`onboarding ${kind}: CPU ms per item (median of ${reps}): ${formatCpu(cpuMedian(kind))}`);
  const cpuRatio = (kind: Kind, base: Kind = 'baseline') => total(cpuMedian(base)) / total(cpuMedian(kind));
  notes.push(
    `onboarding: CPU cost ratio baseline/system (all processes; a load-independent cross-check of the rate ratio): bare: api ${cpuRatio('api').toFixed(2)}, csv ${cpuRatio('csv').toFixed(2)}; like-for-like: api ${cpuRatio('api', 'like-for-like').toFixed(2)}, csv ${cpuRatio('csv', 'like-for-like').toFixed(2)}`,
  );

  // What the Temporal server does per onboarded partner, against one baseline workflow.
  const journey = await historyProfile(app.temporal, `journey-${partnerFor(`o${reps}-api`, 0).slug}`);
  const requests = await Promise.all(journey.children.map((id) => historyProfile(app.temporal, id)));
  const base = await historyProfile(app.temporal, `baseline-o${reps}-baseline-0`);
  const likeParentId = `baseline-o${reps}-like-for-like-0`;
  const likeForLike = [
    await historyProfile(app.temporal, likeParentId),
    await historyProfile(app.temporal, emailChildIdOf(likeParentId)),
  ];
  const likeSum = (key: 'events' | 'workflowTasks' | 'activities') => likeForLike.reduce((a, w) => a + w[key], 0);
  const sum = (key: 'events' | 'workflowTasks' | 'activities' | 'timers') =>
    journey[key] + requests.reduce((a, r) => a + r[key], 0);
  const histories = {
    system: {
      workflows: 1 + requests.length,
      events: sum('events'),
      workflowTasks: sum('workflowTasks'),
      activities: sum('activities'),
      timers: sum('timers'),
      journey,
      requests,
    },
    baseline: { workflows: 1, ...base },
    likeForLike: {
      workflows: 2,
      events: likeSum('events'),
      workflowTasks: likeSum('workflowTasks'),
      activities: likeSum('activities'),
      parent: likeForLike[0],
      child: likeForLike[1],
    },
  };
  notes.push(
    `onboarding: per partner, up to its invitation, Temporal keeps ${histories.system.workflows} workflows, ${histories.system.events} history events, ${histories.system.workflowTasks} workflow tasks, ${histories.system.activities} activities, ${histories.system.timers} timers; ` +
      `the bare baseline 1 workflow, ${base.events} events, ${base.workflowTasks} workflow tasks, ${base.activities} activity; ` +
      `the like-for-like 2 workflows, ${histories.likeForLike.events} events, ${histories.likeForLike.workflowTasks} workflow tasks, ${histories.likeForLike.activities} activity`,
  );
  return {
    name: 'onboarding',
    figures,
    details: {
      n,
      reps,
      concurrency,
      warmup,
      runs,
      summary,
      cpuMsPerItem: Object.fromEntries(kinds.map((k) => [k, cpuMedian(k)])),
      cpuRatio: {
        api: cpuRatio('api'),
        csv: cpuRatio('csv'),
        apiToLikeForLike: cpuRatio('api', 'like-for-like'),
        csvToLikeForLike: cpuRatio('csv', 'like-for-like'),
      },
      histories,
    },
    notes,
  };
}

const total = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
const roundAll = (o: Record<string, number>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 10) / 10]));
export const formatCpu = (o: Record<string, number>) =>
  `${Object.entries(o)
    .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    .join(', ')}; total ${Object.values(o)
    .reduce((a, b) => a + b, 0)
    .toFixed(1)}`;
