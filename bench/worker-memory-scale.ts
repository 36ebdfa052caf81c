/**
 * What of the worker's memory grows with the number of partners rather than with its workflow cache
 * (issue 28, P4), measured at 100,000 partners without filling Temporal:
 * `node --import tsx bench/worker-memory-scale.ts [partners] [data keys]` (100,000 and 20,000 by default).
 *
 * A waiting journey that is not in the cache costs the worker nothing until its next event
 * (`maxCachedWorkflows` 1,000, worker/create-worker.ts). Two parts of the worker process do hold or
 * build something per partner, whatever the cache:
 * - the data keys (privacy/data-keys.ts) keep every key they read, one per partner whose payloads
 *   the worker encoded or decoded;
 * - the map's background layout (worker/map-layout.ts) reads the whole history and builds a graph
 *   of every partner every 30 s, and runs ForceAtlas2 over all of it when a node is new.
 * Both run here with the worker's own code on a real Postgres (embedded, a database of its own)
 * seeded with `partners` partners and 1,000 projects (bench/map-seed.ts), in a fresh child process
 * started like the worker (`node --import tsx`), with --expose-gc for retained sizes. Per step: the
 * time, the peak RSS during it (VmHWM, reset before each step through /proc/self/clear_refs), the
 * RSS after it and the V8 heap still held after a full collection.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { startEmbeddedPostgres } from '../dev/embedded-postgres';
import { createDb, type Db } from '../db/connection';
import { refreshMapLayout } from '../db/map/layout';
import { migrateToLatest } from '../db/migrator';
import { sectors } from '../domain/vocabulary';
import { postgresDataKeys } from '../privacy/data-keys';
import { freePort } from '../tests/support/free-port';
import { seedMapScale } from './map-seed';
import { pool } from './system';

const MiB = 2 ** 20;
const projects = 1_000;

function status(field: 'VmRSS' | 'VmHWM'): number {
  const kib = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return Number(kib) / 1024;
}

/** One step in the child: time, peak RSS during it, RSS after, heap held after a full collection. */
async function step(what: string, run: () => Promise<unknown>) {
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  const before = { rss: status('VmRSS'), heap: process.memoryUsage().heapUsed / MiB };
  writeFileSync('/proc/self/clear_refs', '5'); // VmHWM := VmRSS, so the peak below is this step's
  const t0 = performance.now();
  const result = await run();
  const seconds = (performance.now() - t0) / 1000;
  const peak = status('VmHWM');
  gc();
  const after = { rss: status('VmRSS'), heap: process.memoryUsage().heapUsed / MiB };
  const line = {
    step: what,
    seconds: Number(seconds.toFixed(1)),
    rssBefore: Math.round(before.rss),
    rssPeak: Math.round(peak),
    rssAfter: Math.round(after.rss),
    heapHeld: Number((after.heap - before.heap).toFixed(1)),
    result,
  };
  console.log(JSON.stringify(line));
}

async function child(databaseUrl: string, partners: number, keys: number): Promise<void> {
  const db = createDb(databaseUrl);
  // Held by the steps below, as the worker holds its data keys for its lifetime.
  const dataKeys = postgresDataKeys(db, randomBytes(32));
  try {
    await step(`map layout, cold: every node new (${partners.toLocaleString('en')} partners)`, () =>
      refreshMapLayout(db),
    );
    await step('map layout, warm: nothing new (what every 30 s costs once the fill stops)', () => refreshMapLayout(db));
    await addPartners(db, partners, 1_000);
    await step('map layout, 1,000 partners new (what every 30 s costs while partners arrive)', () =>
      refreshMapLayout(db),
    );
    await step(`data keys of ${keys.toLocaleString('en')} partners, each made and held`, () =>
      pool(keys, 10, (i) => dataKeys.forEncoding(`p${i}`)).then(() => undefined),
    );
  } finally {
    await db.destroy();
  }
}

/** Partners p<from>… as bench/map-seed.ts writes them, journeys aside: new nodes for the layout. */
async function addPartners(db: Db, from: number, count: number): Promise<void> {
  await db
    .insertInto('partners')
    .values(
      Array.from({ length: count }, (_, k) => ({
        id: `p${from + k}`,
        name: `Partner ${from + k}`,
        sector: sectors.keys[0]!,
        actor_type: 'market' as const,
        language: 'nl' as const,
      })),
    )
    .execute();
}

async function main(): Promise<void> {
  const partners = Number(process.argv[2] ?? 100_000);
  // Each key is made with three queries: 20,000 show the per-key cost of a Map that grows linearly.
  const keys = Math.min(partners, Number(process.argv[3] ?? 20_000));
  if (process.env.BENCH_SCALE_DATABASE_URL) return child(process.env.BENCH_SCALE_DATABASE_URL, partners, keys);

  const dir = mkdtempSync(join(tmpdir(), 'integratiepact-worker-scale-'));
  const postgres = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: await freePort() });
  try {
    const name = `worker_scale_${randomBytes(4).toString('hex')}`;
    const admin = createDb(postgres.urlFor('postgres'));
    await sql.raw(`create database ${name}`).execute(admin);
    await admin.destroy();
    const url = postgres.urlFor(name);
    const db = createDb(url);
    await migrateToLatest(db);
    const t0 = Date.now();
    await seedMapScale(db, { partners, projects });
    console.error(`seeded ${partners} partners and ${projects} projects in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    await db.destroy();
    const exit = await new Promise<number | null>((resolve) => {
      const worker = spawn(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', __filename, String(partners), String(keys)],
        {
          env: { ...process.env, BENCH_SCALE_DATABASE_URL: url },
          stdio: 'inherit',
        },
      );
      worker.once('exit', resolve);
    });
    if (exit !== 0) throw new Error(`the measuring process exited with ${exit}`);
  } finally {
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
