/**
 * The system under measurement and its baselines, on one set of servers for the whole bench run:
 * one Temporal dev server, one Postgres server and one SMTP server (Mailpit, read through its REST
 * API), started with the same building blocks as `npm start` (dev/) and the test suite (tests/support/).
 *
 * Each measurement gets its own database and task queue (like a test file): the API runs in this
 * process (`buildServer`), the worker as the real worker process (`node --import tsx worker/main.ts`,
 * what `npm run worker` runs), and a baseline worker as its own process (bench/baseline-worker.ts),
 * so both sides have the same process layout.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { startEmbeddedPostgres } from '../dev/embedded-postgres';
import { ensureMailpit } from '../dev/mailpit';
import { ensureTemporalCli, temporalCliVersion } from '../dev/temporal-cli';
import { startScratchTemporalCluster } from '../dev/scratch-temporal-cluster';
import type { TemporalCluster } from '../dev/temporal-cluster';
import { startTemporalDevServer } from '../dev/temporal-dev-server';
import { temporalServerVersion } from '../dev/temporal-server';
import { startSystemOnServers, type SystemOnServers } from '../dev/system-on-servers';
import { freePort } from '../tests/support/free-port';
import { type CaughtMessage, type MailInbox, startMailInbox } from '../tests/support/mail-inbox';

const root = join(__dirname, '..');
export const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

// ── servers shared by the whole run ──────────────────────────────────────────

export interface BenchServers {
  temporalAddress: string;
  /** `temporal --version` of the binary that runs the dev server. */
  temporalVersion: string;
  adminDatabaseUrl: string;
  /** One SMTP server for every measurement: what the system's email goes to. */
  mail: MailInbox;
  /** Process ids to read memory and CPU from (found among this process's children). */
  pids(): {
    /** The dev server; on the cluster, its frontend. */
    temporal: number | undefined;
    /** Every Temporal process: the dev server, or the cluster's four services. */
    temporalServices: number[];
    postgres: number[];
    mailpit: number;
  };
  stop(): Promise<void>;
}

/**
 * `cluster`: Temporal is the production-style cluster (dev/temporal-cluster.ts, `npm run bench --
 * --cluster`), with its databases on the bench's Postgres, instead of the dev server.
 */
export async function startBenchServers(options: { cluster?: boolean } = {}): Promise<BenchServers> {
  const workDir = mkdtempSync(join(tmpdir(), 'integratiepact-bench-'));
  chmodSync(workDir, 0o755); // the embedded Postgres runs as another user when we are root
  const cli = await ensureTemporalCli(log);
  if (cli.kind !== 'binary')
    throw new Error('the benchmarks need the Temporal CLI binary (npm run tools:install), not the SDK download');
  const temporalVersion = options.cluster
    ? `Temporal server ${temporalServerVersion}, four services (cluster)`
    : execFileSync(cli.path, ['--version'], { encoding: 'utf8' }).trim();
  const mailpitBinary = await ensureMailpit(log);
  const temporalPort = await freePort();
  const postgresStarted = (async () =>
    process.env.DATABASE_URL
      ? undefined
      : startEmbeddedPostgres({ dataDir: join(workDir, 'postgres'), port: await freePort() }))();
  const started = await Promise.allSettled([
    options.cluster
      ? postgresStarted.then((postgres) =>
          startScratchTemporalCluster({
            dataDir: join(workDir, 'temporal-cluster'),
            postgresUrl: process.env.DATABASE_URL ?? postgres!.urlFor('postgres'),
          }),
        )
      : startTemporalDevServer({
          cli,
          port: temporalPort,
          dbFile: join(workDir, 'temporal.sqlite'),
          namespace: 'default',
        }),
    postgresStarted,
    startMailInbox(mailpitBinary),
  ]);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    // Stop what did start, and leave nothing behind.
    const [t, p, m] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined)) as [
      { stop(): Promise<void> } | undefined,
      Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined,
      MailInbox | undefined,
    ];
    await Promise.allSettled([t?.stop(), p?.stop(), m?.close()]);
    rmSync(workDir, { recursive: true, force: true });
    throw failed.reason;
  }
  const [temporal, postgres, mail] = started.map((s) => (s as PromiseFulfilledResult<unknown>).value) as [
    Awaited<ReturnType<typeof startTemporalDevServer>> | TemporalCluster,
    Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined,
    MailInbox,
  ];
  log(
    `servers up: Temporal ${temporal.address} (${temporalVersion.split('\n')[0]}${options.cluster ? '' : `, pinned ${temporalCliVersion}`}), Postgres ${postgres ? 'embedded' : 'DATABASE_URL'}, SMTP ${mail.smtpUrl} (Mailpit, inbox ${mail.httpUrl})`,
  );
  return {
    temporalAddress: temporal.address,
    temporalVersion,
    adminDatabaseUrl: process.env.DATABASE_URL ?? postgres!.urlFor('postgres'),
    mail,
    pids() {
      const children = descendants(process.pid);
      const services =
        'services' in temporal
          ? Object.values(temporal.services).map((service) => service.pid())
          : [children.find((pid) => comm(pid) === 'temporal' && cmdline(pid).includes(`--port\0${temporalPort}\0`))];
      return {
        temporal: services[0],
        temporalServices: services.filter((pid): pid is number => pid !== undefined),
        postgres: postgres ? children.filter((pid) => comm(pid) === 'postgres') : [],
        mailpit: mail.pid,
      };
    },
    async stop() {
      await mail.close();
      await temporal.stop();
      await postgres?.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

// ── the system: API here, worker as its own process ──────────────────────────

/** The system (dev/system-on-servers.ts) with what tests/support/partner-actions.ts needs to drive it. */
export interface BenchApp extends SystemOnServers {
  mail: MailInbox;
  /** A client without the codec, for the baseline worker's workflows: Temporal's own cost, nothing of the system's. */
  baselineTemporal: Client;
  taskQueue: string;
  /** The worker process, when the app has one. */
  worker: NodeProcess | undefined;
  /** Further worker processes on the same task queue (`--system-workers=N`), to measure what a second one gives. */
  extraWorkers: NodeProcess[];
}

export async function startBenchApp(
  servers: BenchServers,
  options: {
    label: string;
    env?: Record<string, string>;
    worker?: boolean;
    /** How many worker processes on the app's task queue (1 unless `--system-workers=N`). */
    workers?: number;
    /** Node flags for the worker process (--cpu-prof). */ nodeArgs?: string[];
    /**
     * false: the API's client and the worker use Temporal's default data converter instead of the
     * payload codec (bench/plain-worker.ts), to measure what the codec costs (bench/codec.ts).
     */
    codec?: boolean;
  },
): Promise<BenchApp> {
  const taskQueue = `bench-${options.label}-${randomBytes(3).toString('hex')}`;
  const system = await startSystemOnServers({
    adminDatabaseUrl: servers.adminDatabaseUrl,
    databaseName: `bench_${options.label}_${randomBytes(4).toString('hex')}`,
    temporalAddress: servers.temporalAddress,
    smtpUrl: servers.mail.smtpUrl,
    env: {
      TEMPORAL_TASK_QUEUE: taskQueue,
      PACT_PAGE_RATE_LIMIT: '1000000', // every bench request comes from 127.0.0.1
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    codec: options.codec,
  });

  const workers: NodeProcess[] = [];
  for (let n = 0; options.worker !== false && n < (options.workers ?? 1); n++) {
    const started = Date.now();
    // Only what a deployed worker gets: the system's settings, its emails through the API's mail relay.
    const script = options.codec === false ? 'bench/plain-worker.ts' : 'worker/main.ts';
    const worker = await startNodeProcess(script, system.env, /^worker ready/, undefined, options.nodeArgs);
    log(
      `${options.label}: worker process ${worker.pid} ready in ${((Date.now() - started) / 1000).toFixed(1)} s (bundles workflows/ at start)`,
    );
    workers.push(worker);
  }
  return {
    ...system,
    mail: servers.mail,
    baselineTemporal: system.plainTemporal,
    taskQueue,
    worker: workers[0],
    extraWorkers: workers.slice(1),
    async stop() {
      for (const worker of workers) await worker.stop();
      await system.stop();
    },
  };
}

// ── the baseline worker process ──────────────────────────────────────────────

export interface BaselineWorker {
  pid: number;
  taskQueue: string;
  /** No-op activities completed so far, and when the last one completed (epoch ms). */
  completions(): { count: number; lastAt: number };
  /** Resolves once `count` no-op activities have completed in total; returns when the last of them did. */
  waitForCompletions(count: number, timeoutMs: number): Promise<number>;
  stop(): Promise<void>;
}

/** A Node process of this repository (`node --import tsx <script>`) that printed its ready line. */
export interface NodeProcess {
  pid: number;
  /** SIGTERM (a graceful stop), SIGKILL after 20 s. */
  stop(): Promise<void>;
}

export async function startNodeProcess(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  onLine?: (line: string) => boolean,
  nodeArgs: string[] = [],
): Promise<NodeProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const recent: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} not ready within 180 s: ${recent.join(' | ')}`)),
      180_000,
    );
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (onLine?.(line)) return;
        recent.push(line);
        if (recent.length > 10) recent.shift();
        if (ready.test(line)) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}): ${recent.join(' | ')}`));
    });
  });
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const killer = setTimeout(kill, 20_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
      process.removeListener('exit', kill);
    },
  };
}

/**
 * `node --import tsx bench/baseline-worker.ts`: the minimal workflows of bench/baseline-workflows.ts;
 * their emails go to the run's SMTP server, as the system's do.
 */
export async function startBaselineWorker(
  servers: BenchServers,
  label: string,
  nodeArgs: string[] = [],
): Promise<BaselineWorker> {
  const taskQueue = `bench-baseline-${label}-${randomBytes(3).toString('hex')}`;
  let count = 0;
  let lastAt = 0;
  const started = Date.now();
  const child = await startNodeProcess(
    'bench/baseline-worker.ts',
    {
      BENCH_TEMPORAL_ADDRESS: servers.temporalAddress,
      BENCH_TASK_QUEUE: taskQueue,
      BENCH_SMTP_URL: servers.mail.smtpUrl,
    },
    /^baseline worker ready/,
    (line) => {
      const done = /^done (\d+) (\d+)$/.exec(line);
      if (!done) return false;
      count = Number(done[1]);
      lastAt = Number(done[2]);
      return true;
    },
    nodeArgs,
  );
  log(`${label}: baseline worker process ${child.pid} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    pid: child.pid,
    taskQueue,
    completions: () => ({ count, lastAt }),
    async waitForCompletions(target, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (count < target) {
        if (Date.now() > deadline)
          throw new Error(`baseline: ${count} of ${target} no-op activities completed within ${timeoutMs / 1000} s`);
        await sleep(10);
      }
      return lastAt;
    },
    stop: child.stop,
  };
}

// ── mail: who received what, and when ────────────────────────────────────────

/** Reads Mailpit's messages incrementally, indexed by recipient. */
export class Mailbox {
  private cursor = 0;
  private readonly byRecipient = new Map<string, CaughtMessage[]>();

  constructor(private readonly mail: MailInbox) {}

  private async sync(): Promise<void> {
    const all = await this.mail.messages();
    for (; this.cursor < all.length; this.cursor++) {
      const message = all[this.cursor]!;
      for (const to of message.to) {
        const list = this.byRecipient.get(to) ?? [];
        list.push(message);
        this.byRecipient.set(to, list);
      }
    }
  }

  /** How many of these addresses have received a message. */
  async reached(addresses: readonly string[]): Promise<number> {
    await this.sync();
    return addresses.filter((a) => this.byRecipient.has(a)).length;
  }

  /**
   * Waits until every address has received at least one message matching `match` (default: any);
   * returns the latest arrival time (Mailpit's, when it stored the message) among the first matching
   * message of each address.
   */
  async waitForEach(
    addresses: readonly string[],
    timeoutMs: number,
    match: (m: CaughtMessage) => boolean = () => true,
  ): Promise<{ lastReceivedAt: number; messages: CaughtMessage[] }> {
    const deadline = Date.now() + timeoutMs;
    const found = new Map<string, CaughtMessage>();
    for (;;) {
      await this.sync();
      for (const address of addresses) {
        if (found.has(address)) continue;
        const message = (this.byRecipient.get(address) ?? []).find(match);
        if (message) found.set(address, message);
      }
      if (found.size === addresses.length) break;
      if (Date.now() > deadline)
        throw new Error(`${found.size} of ${addresses.length} recipients got their email within ${timeoutMs / 1000} s`);
      await sleep(100);
    }
    const messages = addresses.map((a) => found.get(a)!);
    return { lastReceivedAt: Math.max(...messages.map((m) => m.receivedAt.getTime())), messages };
  }

  /** Forgets every message, in Mailpit too (memory stays flat over a long run). */
  async clear(): Promise<void> {
    await this.mail.clear();
    this.cursor = 0;
    this.byRecipient.clear();
  }
}

/** The partner link in an email, as tests/support/partner-actions.ts finds it. */
export function linkIn(message: CaughtMessage, url: string): string {
  const link = new RegExp(`${url}/r/[A-Za-z0-9_-]{43}`).exec(message.text)?.[0];
  if (!link) throw new Error(`no link in "${message.subject}"`);
  return link;
}

// ── processes: memory and CPU from /proc ─────────────────────────────────────

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function stat(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after it.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function comm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** Every process below `rootPid`. */
export function descendants(rootPid: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = stat(Number(entry));
    if (fields) parent.set(Number(entry), Number(fields[1]));
  }
  const found: number[] = [];
  const frontier = [rootPid];
  while (frontier.length) {
    const pid = frontier.pop()!;
    for (const [child, ppid] of parent) {
      if (ppid === pid) {
        found.push(child);
        frontier.push(child);
      }
    }
  }
  return found;
}

/** VmRSS in MiB, from /proc/<pid>/status. */
export function rssMiB(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** User + system CPU seconds of these processes so far. */
export function cpuSeconds(pids: readonly (number | undefined)[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = pid ? stat(pid) : undefined;
    if (fields) ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
  }
  return ticks / clockTicks;
}

/** Named groups of processes whose CPU a measurement reports. */
export type ProcessGroups = Record<string, () => (number | undefined)[]>;

/**
 * CPU seconds per group between the call and `stop()`, summed per process: a process that appears
 * meanwhile (a new Postgres backend) counts whole; one that ended meanwhile is lost, not negative.
 */
export function cpuMeter(groups: ProcessGroups) {
  const perPid = (pids: (number | undefined)[]) =>
    new Map(pids.filter((p): p is number => !!p).map((pid) => [pid, cpuSeconds([pid])]));
  const before = Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, perPid(pids())]));
  return {
    stop(): Record<string, number> {
      return Object.fromEntries(
        Object.entries(groups).map(([name, pids]) => {
          let used = 0;
          for (const [pid, seconds] of perPid(pids())) used += Math.max(0, seconds - (before[name]!.get(pid) ?? 0));
          return [name, used];
        }),
      );
    },
  };
}

/**
 * Waits until these processes are (nearly) idle: less than `threshold` of one core in each of two
 * windows in a row. Work left over from the previous run must not be billed to the next one.
 */
export async function waitForIdle(
  pids: () => (number | undefined)[],
  options: { threshold?: number; windowMs?: number; timeoutMs?: number } = {},
): Promise<number> {
  const { threshold = 0.08, windowMs = 400, timeoutMs = 60_000 } = options;
  const started = Date.now();
  let quiet = 0;
  while (quiet < 2 && Date.now() - started < timeoutMs) {
    const before = cpuSeconds(pids());
    await sleep(windowMs);
    const used = (cpuSeconds(pids()) - before) / (windowMs / 1000);
    quiet = used < threshold ? quiet + 1 : 0;
  }
  return Date.now() - started;
}

// ── small helpers ────────────────────────────────────────────────────────────

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at a time. */
export async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let i = next++; i < count; i = next++) results[i] = await task(i);
    }),
  );
  return results;
}

/** The load average and what else runs: context for noisy numbers. */
export function loadAverage(): number[] {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
}

// ── workflow histories: what the server had to do ────────────────────────────

export interface HistoryProfile {
  workflowId: string;
  events: number;
  workflowTasks: number;
  activities: number;
  timers: number;
  /** Child workflows started so far. */
  children: string[];
  /** Size of the history as stored, in bytes. */
  bytes: number;
}

/** Counts what a workflow's history holds: events, workflow tasks, activities, timers, children. */
export async function historyProfile(temporal: Client, workflowId: string, runId?: string): Promise<HistoryProfile> {
  const EventType = proto.api.enums.v1.EventType;
  const history = await temporal.workflow.getHandle(workflowId, runId).fetchHistory();
  const events = history.events ?? [];
  const count = (type: number) => events.filter((e) => e.eventType === type).length;
  return {
    workflowId,
    events: events.length,
    workflowTasks: count(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
    activities: count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    timers: count(EventType.EVENT_TYPE_TIMER_STARTED),
    children: events
      .filter((e) => e.eventType === EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED)
      .map((e) => e.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId ?? '?'),
    bytes: proto.api.history.v1.History.encode(history).finish().length,
  };
}
