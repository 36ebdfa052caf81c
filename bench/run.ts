/**
 * `npm run bench [-- --quick] [-- --only=onboarding,decision-latency,...,map] [-- --cluster]`
 *
 * --cluster: onboarding and decision latency twice in one run, on the dev server and on the
 * production-style Temporal cluster (dev/temporal-cluster.ts), side by side.
 *
 * Starts one Temporal dev server, one Postgres and one SMTP server, runs each measurement with the
 * system and its baseline side by side on them, prints a table and writes
 * bench/results/<timestamp>.json. Not part of `npm test`. See docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { measureCodec } from './codec';
import { type BenchContext, type MeasurementResult, type ProfileName, profiles } from './context';
import { profileThisProcess, type ProfileSummary, summarizeCpuProfiles } from './cpu-profile';
import { measureDecisionLatency } from './decision-latency';
import { measureLongLife } from './long-life';
import { measureMapPage } from './map-page';
import { measureOnboarding } from './onboarding';
import { measureOpenJourneys } from './open-journeys';
import { measureOpenJourneysFill } from './open-journeys-fill';
import { measurePortfolioPage } from './portfolio-page';
import { measurePublicSide } from './public-side';
import { measureRoundOpening } from './round-opening';
import { measureRateLimit } from './rate-limit';
import { measureStaffReads } from './staff-reads';
import {
  type BaselineWorker,
  type BenchApp,
  loadAverage,
  log,
  Mailbox,
  startBaselineWorker,
  startBenchApp,
  startBenchServers,
} from './system';

const measurements: Record<string, (ctx: BenchContext) => Promise<MeasurementResult>> = {
  onboarding: measureOnboarding,
  'decision-latency': measureDecisionLatency,
  'staff-reads': measureStaffReads,
  'open-journeys': measureOpenJourneys,
  'open-journeys-fill': measureOpenJourneysFill,
  'long-life': measureLongLife,
  codec: measureCodec,
  'public-side': measurePublicSide,
  'round-opening': measureRoundOpening,
  'portfolio-page': measurePortfolioPage,
  'rate-limit': measureRateLimit,
  map: measureMapPage,
};

/** Only when asked for (`--only=`): the client fill repeats measurement 4 at its own, larger sizes. */
const onRequestOnly = ['open-journeys-fill'];

/** What `--cluster` runs on both Temporal set-ups. */
const clusterMeasurements = ['onboarding', 'decision-latency'] as const;

function parseArgs(argv: string[]) {
  let profile: ProfileName = 'full';
  let only = Object.keys(measurements).filter((name) => !onRequestOnly.includes(name));
  let openJourneys: number | undefined;
  let onboardings: number | undefined;
  let reps: number | undefined;
  let cpuProfile = false;
  let cluster = false;
  let systemWorkers = 1;
  let mapLayout = true;
  let onlyGiven = false;
  for (const arg of argv) {
    if (arg === '--quick') profile = 'quick';
    else if (arg === '--cluster') cluster = true;
    else if (arg === '--cpu-profile') cpuProfile = true;
    else if (arg === '--no-map-layout') mapLayout = false;
    else if (arg === '--full') profile = 'full';
    else if (arg.startsWith('--only=')) {
      only = arg.slice('--only='.length).split(',');
      onlyGiven = true;
    } else if (arg.startsWith('--open-journeys=')) openJourneys = Number(arg.slice('--open-journeys='.length));
    else if (arg.startsWith('--onboardings=')) onboardings = Number(arg.slice('--onboardings='.length));
    else if (arg.startsWith('--reps=')) reps = Number(arg.slice('--reps='.length));
    else if (arg.startsWith('--system-workers=')) systemWorkers = Number(arg.slice('--system-workers='.length));
    else
      throw new Error(
        `unknown argument ${arg}: use --quick, --full, --only=${Object.keys(measurements).join(',')}, --open-journeys=N, --onboardings=N, --reps=N, --system-workers=N, --cpu-profile, --cluster, --no-map-layout`,
      );
  }
  if (onboardings !== undefined && !(Number.isInteger(onboardings) && onboardings > 0))
    throw new Error(`--onboardings=${onboardings}: give a whole number of partners per kind and repetition, 1 or more`);
  if (!Number.isInteger(systemWorkers) || systemWorkers < 1)
    throw new Error(`--system-workers=${systemWorkers}: give a whole number of worker processes, 1 or more`);
  const unknown = only.filter((name) => !measurements[name]);
  if (unknown.length)
    throw new Error(`unknown measurement ${unknown.join(', ')}: choose from ${Object.keys(measurements).join(', ')}`);
  if (cluster && !onlyGiven) only = [...clusterMeasurements];
  const notOnCluster = only.filter((name) => !(clusterMeasurements as readonly string[]).includes(name));
  if (cluster && notOnCluster.length)
    throw new Error(
      `--cluster measures ${clusterMeasurements.join(' and ')} only (their process accounting knows the cluster's four services): drop ${notOnCluster.join(', ')}`,
    );
  if (!mapLayout && !(only.length === 1 && only[0] === 'open-journeys-fill'))
    throw new Error(
      '--no-map-layout is for --only=open-journeys-fill: the other measurements keep the layout as deployed',
    );
  return { profile, only, openJourneys, onboardings, reps, cpuProfile, cluster, systemWorkers, mapLayout };
}

function machine(temporalVersion: string) {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    temporalCli: temporalVersion.split('\n')[0],
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommittedChanges: git('status', '--porcelain') !== '',
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const base = profiles[args.profile];
  const reps = args.reps ? { reps: args.reps } : {};
  const profile = {
    ...base,
    onboarding: { ...base.onboarding, ...reps, ...(args.onboardings ? { n: args.onboardings } : {}) },
    decision: { ...base.decision, ...reps },
    staffReads: { ...base.staffReads, ...reps },
    publicSide: { ...base.publicSide, ...reps },
    roundOpening: { ...base.roundOpening, ...reps },
    portfolioPage: { ...base.portfolioPage, ...reps },
    codec: { ...base.codec, ...reps },
    rateLimit: { ...base.rateLimit, ...reps },
    openJourneys: {
      ...base.openJourneys,
      ...(args.openJourneys ? { n: args.openJourneys } : {}),
      mapLayout: args.mapLayout,
    },
  };
  const startedAt = new Date();
  const command = process.argv.length > 2 ? `npm run bench -- ${process.argv.slice(2).join(' ')}` : 'npm run bench';
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}-${profile.name}.json`);
  log(
    `profile ${profile.name}: ${args.only.join(', ')}${args.systemWorkers > 1 ? `; ${args.systemWorkers} system workers` : ''}; load average ${loadAverage().join(' ')}`,
  );
  const header = { profile: profile.name, command, startedAt: startedAt.toISOString(), profileSettings: profile };
  const targets = args.cluster
    ? [
        { label: 'dev server', cluster: false },
        { label: 'cluster', cluster: true },
      ]
    : [{ label: undefined, cluster: false }];
  const runs: (Measured & { label: string | undefined })[] = [];
  for (const target of targets) {
    if (target.label) log(`════ on the ${target.label} ════`);
    const done = runs.map(({ label, results }) => ({ label, results }));
    const measured = await measureOn(target, args, profile, file, (partial) =>
      writeReport(file, { ...header, partial: true, ...partial, ...(done.length ? { earlierRuns: done } : {}) }),
    );
    runs.push({ label: target.label, ...measured });
  }
  const totalSeconds = (Date.now() - startedAt.getTime()) / 1000;
  const [first] = runs;
  const report = args.cluster
    ? { ...header, totalSeconds, runs, comparison: compareRuns(runs) }
    : { ...header, totalSeconds, ...first };
  writeReport(file, report);

  for (const run of runs) {
    if (run.label) console.log(`\n── on the ${run.label} (${run.machine.temporalCli}) ──`);
    printTable(run.results);
    for (const result of run.results) for (const note of result.notes) console.log(`  ${note}`);
    for (const p of run.cpuProfiles) {
      const top = (list: [string, number][]) =>
        list.map(([name, share]) => `${name} ${(share * 100).toFixed(1)} %`).join('; ');
      console.log(
        `  CPU profile, ${p.process}${p.threadId ? ` thread ${p.threadId}` : ''} (${p.busyMs} ms busy): ${top(p.areas.slice(0, 10))}\n    top functions: ${top(p.functions.slice(0, 8))}`,
      );
    }
    for (const failure of run.failures) console.log(`FAILED ${failure.name}: ${failure.error}`);
  }
  if (args.cluster) printComparison(compareRuns(runs));
  console.log(
    `\n${profile.name} profile, ${totalSeconds.toFixed(0)} s in all; machine ${JSON.stringify(first!.machine)}\nresults: ${file}`,
  );
  process.exit(runs.some((run) => run.failures.length) ? 1 : 0);
}

interface Measured {
  machine: ReturnType<typeof machine>;
  results: (MeasurementResult & { seconds: number; loadAverage: { before: number[]; after: number[] } })[];
  failures: { name: string; error: string }[];
  cpuProfiles: (ProfileSummary & { process: string })[];
}

/** The chosen measurements on one set of servers: the dev server, or the cluster. */
async function measureOn(
  target: { cluster: boolean },
  args: ReturnType<typeof parseArgs>,
  profile: BenchContext['profile'],
  file: string,
  progress: (partial: Omit<Measured, 'cpuProfiles'>) => void,
): Promise<Measured> {
  const servers = await startBenchServers({ cluster: target.cluster });
  // --cpu-profile: both worker processes write V8 CPU profiles here when they stop, and so does this
  // process (the driver and the API).
  const profileDir = file.replace(/\.json$/, `${target.cluster ? '-cluster' : ''}-cpu-profiles`);
  const nodeArgs = args.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const benchProfile = args.cpuProfile ? await profileThisProcess(profileDir) : undefined;
  let app: Promise<BenchApp> | undefined;
  let baseline: Promise<BaselineWorker> | undefined;
  const ctx: BenchContext = {
    profile,
    servers,
    mailbox: new Mailbox(servers.mail),
    systemApp: () => (app ??= startBenchApp(servers, { label: 'main', nodeArgs, workers: args.systemWorkers })),
    baselineWorker: () => (baseline ??= startBaselineWorker(servers, 'main', nodeArgs)),
  };
  let cpuProfiles: Measured['cpuProfiles'] = [];
  const results: Measured['results'] = [];
  const failures: Measured['failures'] = [];
  try {
    for (const name of args.only) {
      const before = loadAverage();
      const t0 = Date.now();
      log(`── ${name} ──`);
      try {
        const result = await measurements[name]!(ctx);
        results.push({ ...result, seconds: (Date.now() - t0) / 1000, loadAverage: { before, after: loadAverage() } });
        log(`${name} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
        // Written after every measurement, so a run stopped early still leaves what it measured.
        progress({ machine: machine(servers.temporalVersion), results, failures });
      } catch (error) {
        failures.push({ name, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        log(`${name} FAILED: ${error instanceof Error ? error.message : String(error)}`);
      }
      await ctx.mailbox.clear();
    }
  } finally {
    const [runningApp, runningBaseline] = await Promise.all([
      app?.catch(() => undefined),
      baseline?.catch(() => undefined),
    ]);
    await runningApp?.stop();
    await runningBaseline?.stop();
    await servers.stop();
    await benchProfile?.stop();
    if (args.cpuProfile)
      cpuProfiles = labelProfiles(summarizeCpuProfiles(profileDir), {
        system: runningApp?.worker?.pid,
        baseline: runningBaseline?.pid,
      });
  }
  return { machine: machine(servers.temporalVersion), results, failures, cpuProfiles };
}

/** The system's figures on the cluster against the same figures on the dev server, measured in the same run. */
function compareRuns(runs: { label: string | undefined; results: MeasurementResult[] }[]) {
  const [dev, cluster] = runs;
  return (cluster?.results ?? []).flatMap((result) =>
    result.figures.map((figure) => {
      const onDev = dev?.results
        .find((r) => r.name === result.name)
        ?.figures.find((f) => f.measurement === figure.measurement && f.metric === figure.metric);
      const ratio = Number.parseFloat(figure.system) / Number.parseFloat(onDev?.system ?? '');
      return {
        measurement: figure.measurement,
        metric: figure.metric,
        devServer: onDev?.system ?? '–',
        cluster: figure.system,
        clusterVsDevServer: Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '–',
        clusterBaseline: figure.baseline,
        clusterRatioToBaseline: figure.ratio,
      };
    }),
  );
}

function printComparison(rows: ReturnType<typeof compareRuns>): void {
  console.log('\n── the system on the cluster against the dev server (same run) ──');
  const header = [
    'measurement',
    'metric',
    'dev server',
    'cluster',
    'cluster / dev server',
    'cluster: ratio to baseline',
  ];
  const cells = rows.map((r) => [
    r.measurement,
    r.metric,
    r.devServer,
    r.cluster,
    r.clusterVsDevServer,
    r.clusterRatioToBaseline,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${cells.map(line).join('\n')}\n`);
}

function labelProfiles(summaries: ProfileSummary[], pids: { system?: number; baseline?: number }) {
  return summaries.map((s) => ({
    ...s,
    process:
      s.pid === pids.system
        ? 'system worker'
        : s.pid === pids.baseline
          ? 'baseline worker'
          : s.pid === process.pid
            ? 'bench process (driver and API)'
            : `pid ${s.pid}`,
  }));
}

function writeReport(file: string, report: object): void {
  writeFileSync(file, `${JSON.stringify(report, null, 1)}\n`);
}

function printTable(results: MeasurementResult[]): void {
  const header = ['measurement', 'metric', 'system', 'baseline', 'ratio', 'goal', 'met'];
  const rows = results.flatMap((r) =>
    r.figures.map((f) => [
      f.measurement,
      f.metric,
      f.system,
      f.baseline,
      f.ratio,
      f.goal,
      f.met === undefined ? '–' : f.met ? 'yes' : 'NO',
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exit(1);
});
