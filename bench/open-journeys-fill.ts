/**
 * 4b. Open journeys filled through the client (issue 28, P4): N journeys waiting in their first
 * request, as many as 100,000, with the worker's memory read along the way.
 *
 * Through `POST /api/partners` the API onboards about 7 partners a second here, so 100,000 would
 * take four hours. This mode skips the HTTP layer only: each partner goes through the feature's own
 * `onboardPartner` (features/partners/onboard.ts) in this process, which writes the partner, its
 * contacts, its data key and its journey row and starts `partnerJourney` through the Temporal
 * client exactly as the API does, `concurrency` at a time. The journeys are real: the worker process
 * (`worker/main.ts`) runs each one into its first request, whose invitation goes out through the
 * API's mail relay to Mailpit. Starts stay at most `backlog` ahead of the invitations that arrived,
 * so the server's task queue holds a bounded backlog and the fill runs at the worker's pace.
 *
 * At each checkpoint (1,000 to 100,000, those up to N, and N) the fill pauses until
 * every started journey's invitation has arrived and the processes are idle, checks that every
 * coordinator got one, then reads: the worker's RSS (/proc) and the V8 heap of each of its threads
 * (bench/memory-report.cjs, preloaded: the workflows run in a worker thread of their own), the
 * Temporal dev server's RSS (its history service and all) and SQLite file, and Postgres (RSS of its
 * processes, size of the app's database). Between checkpoints the same is sampled every 5 s. Every
 * sample and checkpoint is appended to bench/results/<start>-open-journeys-fill.jsonl as it is
 * taken, so a run stopped early keeps what it reached.
 *
 * With `--no-map-layout` the worker leaves the map's background layout to another (WORKER_MAP_LAYOUT=0):
 * the fill then measures what the journeys hold, and no longer slows as the layout grows with the partners.
 *
 * No baseline side: the goal is absolute (< 2 GiB for the worker at 100,000); the ratio against
 * minimal waiting workflows is measurement 4 (bench/open-journeys.ts).
 */
import { appendFileSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { onboardPartner } from '../features/partners/onboard';
import { ApiError } from '../http/api-error';
import type { BenchContext, Figure, MeasurementResult } from './context';
import { partnerFor } from './onboarding';
import { settledRss } from './open-journeys';
import { type BenchApp, cpuSeconds, log, rssMiB, sleep, startBenchApp, waitForIdle } from './system';

// Dense below 25,000: on a shared 2-core machine the fill may not get much further in the time there is.
const checkpointsUpTo = (n: number) => [
  ...[1_000, 2_500, 5_000, 10_000, 15_000, 20_000, 25_000, 35_000, 50_000, 75_000, 100_000].filter((c) => c < n),
  n,
];

/**
 * Journeys started but whose invitation has not arrived yet, at most: enough to keep the worker's
 * 10 workflow-task slots busy, few enough that a checkpoint's pause to drain them is short.
 */
const backlog = 200;
const MiB = 2 ** 20;

interface HeapReport {
  at: number;
  threadId: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/**
 * The latest report of each live thread of the worker process (bench/memory-report.cjs). A thread
 * reports every 2 s; the map layout runs each refresh in a new thread that then ends, and its last
 * report stays on disk, so a report older than the newest by more than 5 s is an ended thread's.
 */
function heapReports(prefix: string): HeapReport[] {
  const dir = join(prefix, '..');
  const base = prefix.slice(dir.length + 1);
  const reports = readdirSync(dir)
    .filter((name) => name.startsWith(`${base}-`) && name.endsWith('.json'))
    .flatMap((name) => {
      try {
        return [JSON.parse(readFileSync(join(dir, name), 'utf8')) as HeapReport];
      } catch {
        return []; // being rewritten at this moment
      }
    })
    .sort((a, b) => a.threadId - b.threadId);
  const newest = Math.max(...reports.map((r) => r.at));
  return reports.filter((r) => r.at >= newest - 5_000);
}

/** V8 heap in use per thread (MiB): thread 0 is the worker's main thread, the others its workflow thread(s). */
function heapsMiB(prefix: string) {
  const reports = heapReports(prefix);
  const used = (r: HeapReport) => r.heapUsed / MiB;
  return {
    main: reports.filter((r) => r.threadId === 0).reduce((a, r) => a + used(r), 0),
    threads: reports.filter((r) => r.threadId !== 0).reduce((a, r) => a + used(r), 0),
    /** V8's committed heap of every thread: what of the RSS the heaps hold. */
    committed: reports.reduce((a, r) => a + r.heapTotal / MiB, 0),
    external: reports.reduce((a, r) => a + r.external / MiB, 0),
  };
}

/** Size of the Temporal dev server's SQLite database with its write-ahead log (MiB). */
function temporalDbMiB(temporalPid: number | undefined): number {
  try {
    const args = readFileSync(`/proc/${temporalPid}/cmdline`, 'utf8').split('\0');
    const file = args[args.indexOf('--db-filename') + 1]!;
    return ['', '-wal'].reduce((a, suffix) => {
      try {
        return a + statSync(file + suffix).size / MiB;
      } catch {
        return a;
      }
    }, 0);
  } catch {
    return Number.NaN;
  }
}

/** Mailpit's count of stored messages: one invitation per journey, cheap to read however many. */
async function messagesStored(httpUrl: string): Promise<number> {
  const response = await fetch(`${httpUrl}/api/v1/messages?limit=1`);
  if (!response.ok) throw new Error(`Mailpit answered ${response.status}`);
  return ((await response.json()) as { total: number }).total;
}

/** Every address Mailpit has a message to, from its summaries (without parsing the messages). */
async function recipientsStored(httpUrl: string): Promise<Set<string>> {
  const found = new Set<string>();
  const limit = 5_000;
  for (let start = 0; ; start += limit) {
    const page = (await (await fetch(`${httpUrl}/api/v1/messages?start=${start}&limit=${limit}`)).json()) as {
      messages: { To: { Address: string }[] }[];
    };
    for (const message of page.messages) for (const to of message.To) found.add(to.Address);
    if (page.messages.length < limit) return found;
  }
}

/** The bench's pool had no connection free in time: every one was held by an onboarding waiting on the engine. */
const poolTimedOut = (error: unknown) =>
  error instanceof Error && /timeout exceeded when trying to connect/.test(error.message);

/**
 * Partner `i` onboarded as the API does it. A start the loaded server did not confirm within
 * onboarding's deadline (503), or a database connection not free in time while the server was slow,
 * is tried again after a growing pause, for about a minute and a half: two fills of 2026-12-07 ended
 * on such a stall of a few seconds right after a checkpoint, hours of filling lost to one moment. If
 * the start did happen after all, the retry's 409 says so and the journey runs on (its first activity
 * records the partner from its input); the checkpoint's check that every coordinator got an
 * invitation catches anything lost.
 */
async function onboardOne(system: BenchApp, i: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await onboardPartner(system, partnerFor('fill', i).body);
      return;
    } catch (error) {
      if (error instanceof ApiError && error.statusCode === 409 && attempt > 1) return;
      const transient = (error instanceof ApiError && error.statusCode === 503) || poolTimedOut(error);
      if (!transient || attempt === 8) throw error;
      log(`fill: partner ${i}: ${(error as Error).message}; trying again`);
      await sleep(Math.min(1_000 * 2 ** (attempt - 1), 30_000));
    }
  }
}

export async function measureOpenJourneysFill(ctx: BenchContext): Promise<MeasurementResult> {
  const { n, concurrency, mapLayout } = ctx.profile.openJourneys;
  const checkpoints = checkpointsUpTo(n);
  const resultsDir = join(__dirname, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const jsonl = join(resultsDir, `${stamp}-open-journeys-fill.jsonl`);
  const heapPrefix = join(resultsDir, `${stamp}-heap`);
  const record = (entry: object) => appendFileSync(jsonl, `${JSON.stringify(entry)}\n`);
  let app: BenchApp | undefined;
  try {
    app = await startBenchApp(ctx.servers, {
      label: 'fill',
      env: { BENCH_MEMORY_REPORT: heapPrefix, ...(mapLayout ? {} : { WORKER_MAP_LAYOUT: '0' }) },
      nodeArgs: ['--require', join(__dirname, 'memory-report.cjs')],
    });
    const system = app;
    const workerPid = app.worker!.pid;
    const pids = ctx.servers.pids;
    const idlePids = () => [pids().temporal, ...pids().postgres, workerPid];
    const reading = async () => ({
      workerMiB: rssMiB(workerPid),
      heapMiB: heapsMiB(heapPrefix),
      temporalMiB: rssMiB(pids().temporal),
      temporalDbMiB: temporalDbMiB(pids().temporal),
      cpuSeconds: { worker: cpuSeconds([workerPid]), temporal: cpuSeconds([pids().temporal]) },
      postgresMiB: pids().postgres.reduce((a, pid) => a + (rssMiB(pid) || 0), 0),
      appDbMiB:
        Number(
          (await sql<{ size: string }>`select pg_database_size(current_database()) as size`.execute(system.db)).rows[0]!
            .size,
        ) / MiB,
    });
    await waitForIdle(idlePids);
    await sleep(2_500); // a fresh heap report from every thread
    const idle = await reading();
    record({ kind: 'idle', n, concurrency, backlog, mapLayout, ...idle });
    log(
      `open journeys (fill): idle worker ${idle.workerMiB.toFixed(0)} MiB (heaps: main ${idle.heapMiB.main.toFixed(0)}, workflow thread ${idle.heapMiB.threads.toFixed(0)}), Temporal ${idle.temporalMiB.toFixed(0)} MiB; filling to ${n.toLocaleString('en')} through the client, checkpoints ${checkpoints.join(', ')}${mapLayout ? '' : '; map layout off on this worker (--no-map-layout)'}; log ${jsonl}`,
    );

    const t0 = Date.now();
    let started = 0;
    let arrived = 0;
    const arrivals = async () => (arrived = await messagesStored(ctx.servers.mail.httpUrl));
    const samples: object[] = [];
    let sampling = true;
    const sampler = (async () => {
      for (let k = 0; sampling; k++) {
        await arrivals().catch(() => undefined);
        // A sample lost to the same stall as onboardOne's is skipped, not the fill's end.
        const read = await reading().catch((error: Error) => {
          log(`fill: no sample this time (${error.message})`);
          return undefined;
        });
        if (!read) {
          await sleep(5_000);
          continue;
        }
        const sample = { kind: 'sample', seconds: (Date.now() - t0) / 1000, started, arrived, ...read };
        samples.push(sample);
        record(sample);
        if (k % 12 === 0)
          log(
            `fill: ${arrived.toLocaleString('en')} waiting (${started.toLocaleString('en')} started) after ${sample.seconds.toFixed(0)} s; worker ${sample.workerMiB.toFixed(0)} MiB, Temporal ${sample.temporalMiB.toFixed(0)} MiB`,
          );
        await sleep(5_000);
      }
    })();

    const reached: Record<string, unknown>[] = [];
    try {
      for (const checkpoint of checkpoints) {
        // Starts `concurrency` at a time, never more than `backlog` ahead of the arrived invitations.
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (started < checkpoint) {
              if (started - arrived >= backlog) {
                await sleep(200);
                await arrivals();
                continue;
              }
              await onboardOne(system, started++);
            }
          }),
        );
        const deadline = Date.now() + 30 * 60_000;
        while ((await arrivals()) < checkpoint) {
          if (Date.now() > deadline)
            throw new Error(`${arrived} of ${checkpoint} invitations arrived within 30 minutes`);
          await sleep(1_000);
        }
        const fillSeconds = (Date.now() - t0) / 1000;
        await waitForIdle(idlePids);
        const recipients = await recipientsStored(ctx.servers.mail.httpUrl);
        const missing = Array.from({ length: checkpoint }, (_, i) => partnerFor('fill', i).coordinator).filter(
          (address) => !recipients.has(address),
        );
        if (missing.length) throw new Error(`${missing.length} coordinators got no invitation, e.g. ${missing[0]}`);
        const settled = await settledRss(workerPid, ctx);
        const now = await reading();
        const journeys = Number(
          (await sql<{ count: string }>`select count(*) as count from journeys`.execute(system.db)).rows[0]!.count,
        );
        const entry = {
          kind: 'checkpoint',
          open: checkpoint,
          journeys,
          fillSeconds,
          messages: arrived,
          worker: settled.worker,
          temporal: settled.temporal,
          ...now,
        };
        reached.push(entry);
        record(entry);
        log(
          `fill checkpoint ${checkpoint.toLocaleString('en')} (${journeys} journey rows, every coordinator invited) after ${fillSeconds.toFixed(0)} s: worker ${settled.worker.median.toFixed(0)} MiB (heaps: main ${now.heapMiB.main.toFixed(0)}, workflow thread ${now.heapMiB.threads.toFixed(0)}; committed ${now.heapMiB.committed.toFixed(0)}), Temporal ${settled.temporal.median.toFixed(0)} MiB (SQLite ${now.temporalDbMiB.toFixed(0)} MiB), Postgres ${now.postgresMiB.toFixed(0)} MiB RSS, app database ${now.appDbMiB.toFixed(0)} MiB`,
        );
      }
    } finally {
      sampling = false;
      await sampler;
    }

    const last = reached[reached.length - 1] as { worker: { median: number }; open: number };
    const figures: Figure[] = reached.map((c) => {
      const entry = c as { open: number; worker: { median: number }; temporal: { median: number } };
      return {
        measurement: '4b. open journeys (client fill)',
        metric: `worker RSS (MiB), ${entry.open.toLocaleString('en')} journeys waiting (${(2 * entry.open).toLocaleString('en')} workflows); Temporal RSS`,
        system: `${entry.worker.median.toFixed(0)}; Temporal ${entry.temporal.median.toFixed(0)}`,
        baseline: '–',
        ratio: '–',
        goal: entry.open === 100_000 ? '< 2,048 MiB' : '–',
        met: entry.open === 100_000 ? entry.worker.median < 2048 : undefined,
      };
    });
    return {
      name: 'open-journeys-fill',
      figures,
      details: { n, concurrency, backlog, idle, checkpoints: reached, samples, log: jsonl },
      notes: [
        `open journeys (fill): ${last.open.toLocaleString('en')} journeys in ${((Date.now() - t0) / 1000).toFixed(0)} s through onboardPartner (no HTTP); every sample in ${jsonl}`,
      ],
    };
  } finally {
    await app?.stop();
  }
}
