/**
 * 3. Staff reads at scale: Postgres seeded directly (bulk SQL) with 10,000 partners, 40,000
 * requests and 200,000 indicator values, and with a tenth of that for the growth comparison. For
 * each staff read, p95 latency through the real API (Fastify, auth, Kysely, Postgres), one request
 * at a time, round-robin over every endpoint and both data sets so drift hits all alike. Baselines:
 * the same read on the small data set (growth), and `GET /auth/me` (the same HTTP stack and
 * session lookup with no data behind it: the floor). `EXPLAIN (ANALYZE, BUFFERS)` of every SQL
 * statement each read runs, captured from Kysely's query log, shows which indexes are used.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Client as PgClient, Pool } from 'pg';
import { buildServer } from '../api/server';
import { createApiToken, createUser } from '../auth/users';
import { refreshMapLayout } from '../db/map/layout';
import { fillIndicatorTotals } from '../db/migrations/005_indicator_totals';
import type { Database } from '../db/schema';
import type { BenchContext, Figure, MeasurementResult } from './context';
import { seededId, seedMeetingsJoinsImport, seedPortfolio } from './staff-pages-seed';
import { formatSpread, latencySummary, p95, spread } from './stats';
import { type BenchApp, log, startBenchApp } from './system';

export type Size = { partners: number; requests: number; indicatorValues: number };

export interface Endpoint {
  name: string;
  /** The path to request for sample `i`. */
  path: (i: number, size: Size) => string;
  auth: 'cookie' | 'bearer' | 'none';
  baseline?: boolean;
}

const stages = ['intent', 'commitment', 'monitoring'];
const sectorsToFilter = ['work', 'education', 'care', 'local_government'];
const partnerId = (i: number) => `p${String(i).padStart(6, '0')}`;

const endpoints: Endpoint[] = [
  { name: 'GET /auth/me (floor)', path: () => '/auth/me', auth: 'cookie', baseline: true },
  {
    name: 'GET /api/partners?stage=&sector=',
    path: (i) =>
      `/api/partners?stage=${stages[i % stages.length]}&sector=${sectorsToFilter[i % sectorsToFilter.length]}`,
    auth: 'bearer',
  },
  {
    name: 'GET /api/partners/:id',
    path: (i, size) => `/api/partners/${partnerId(1 + ((i * 7919) % size.partners))}`,
    auth: 'bearer',
  },
  {
    name: 'GET /api/monitoring/summary?groupBy=lever',
    path: () => '/api/monitoring/summary?groupBy=lever',
    auth: 'bearer',
  },
  {
    name: 'GET /api/monitoring/summary?groupBy=sector',
    path: () => '/api/monitoring/summary?groupBy=sector',
    auth: 'bearer',
  },
];
/** A partner the seed lists publicly: an even one in stage prototype or monitoring (its bucket 50-94). */
function listedPartner(i: number, size: Size): string {
  for (let n = 1 + ((i * 7919) % size.partners); ; n = 1 + (n % size.partners))
    if (n % 2 === 0 && (n * 7919) % 100 >= 50 && (n * 7919) % 100 < 95) return partnerId(n);
}

/**
 * The pact's public side (issue 25): no login, one snapshot shared through Postgres (db/shared-cache.ts).
 * Measured against the dashboard by bench/public-side.ts.
 */
export const publicEndpoints: Endpoint[] = [
  { name: 'GET /pact', path: () => '/pact', auth: 'none' },
  { name: 'GET /pact/partners/:id', path: (i, size) => `/pact/partners/${listedPartner(i, size)}`, auth: 'none' },
  { name: 'GET /pact/data.json', path: () => '/pact/data.json', auth: 'none' },
  { name: 'GET /pact/data.csv', path: () => '/pact/data.csv', auth: 'none' },
  { name: 'GET /pact/feed.atom', path: () => '/pact/feed.atom', auth: 'none' },
];
export const staffPageEndpoints: Endpoint[] = [
  { name: 'GET /staff', path: () => '/staff', auth: 'cookie' },
  {
    name: 'GET /staff/partners?stage=&sector=',
    path: (i) =>
      `/staff/partners?stage=${stages[i % stages.length]}&sector=${sectorsToFilter[i % sectorsToFilter.length]}`,
    auth: 'cookie',
  },
];

/**
 * Every other staff list and detail page, on the data of bench/staff-pages-seed.ts (seeded by
 * `seedStaffPages`): measured with the two above when they answer.
 */
export const moreStaffPageEndpoints: Endpoint[] = [
  {
    name: 'GET /staff/partners/:id',
    path: (i, size) => `/staff/partners/${partnerId(1 + ((i * 7919) % size.partners))}`,
    auth: 'cookie',
  },
  { name: 'GET /staff/initiatives (portfolio)', path: () => '/staff/initiatives', auth: 'cookie' },
  {
    name: "GET /staff/initiatives?lever= (a lever's, page 2)",
    path: () => '/staff/initiatives?lever=trust&page=2',
    auth: 'cookie',
  },
  { name: 'GET /api/initiatives', path: () => '/api/initiatives', auth: 'bearer' },
  {
    name: 'GET /staff/initiatives/:id',
    path: (i) => `/staff/initiatives/${seededId(`initiative${1 + (i % portfolioSize.initiatives)}`)}`,
    auth: 'cookie',
  },
  { name: 'GET /staff/prioritisation-rounds', path: () => '/staff/prioritisation-rounds', auth: 'cookie' },
  {
    name: 'GET /staff/prioritisation-rounds/:id',
    path: (i) => `/staff/prioritisation-rounds/${seededId(`round${1 + (i % portfolioSize.rounds)}`)}`,
    auth: 'cookie',
  },
  { name: 'GET /staff/meetings', path: () => '/staff/meetings', auth: 'cookie' },
  {
    name: 'GET /staff/meetings/:id',
    path: (i) => `/staff/meetings/${seededId(`meeting${1 + (i % portfolioSize.meetings)}`)}`,
    auth: 'cookie',
  },
  { name: 'GET /staff/join-requests', path: () => '/staff/join-requests', auth: 'cookie' },
  { name: 'GET /staff/projects', path: () => '/staff/projects', auth: 'cookie' },
  {
    name: "GET /staff/projects?lever= (a lever's, page 2)",
    path: () => '/staff/projects?lever=trust&page=2',
    auth: 'cookie',
  },
  { name: 'GET /staff/monitoring', path: () => '/staff/monitoring', auth: 'cookie' },
  { name: 'GET /staff/imports/:id', path: () => `/staff/imports/${seededId('import1')}`, auth: 'cookie' },
  { name: 'GET /staff/map (warm: laid out, drawing cached)', path: () => '/staff/map', auth: 'cookie' },
];

/** Issue 28, P3: every staff list and detail page under this p95 at 10,000 partners. */
const p3GoalMs = 20;

/** The portfolio, rounds and meetings each staff-reads data set gets, whatever its number of partners. */
const portfolioSize = { initiatives: 500, rounds: 10, meetings: 100 };

/** The data of `moreStaffPageEndpoints`, and the map's stored layout (as the worker's background pass leaves it). */
async function seedStaffPages(dataset: Dataset): Promise<void> {
  const { db } = dataset.app;
  const t0 = Date.now();
  await seedPortfolio(db, dataset.size.partners, portfolioSize.initiatives, portfolioSize.rounds);
  await seedMeetingsJoinsImport(db, dataset.size.partners, portfolioSize.meetings, dataset.userId);
  const layout = await refreshMapLayout(db);
  await sql`vacuum analyze`.execute(db);
  log(
    `staff reads: portfolio, rounds, meetings, join requests, an import and the map's layout (${layout.placed} nodes) for ${dataset.label} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}

/** Bulk seed: partners with contacts, journeys, requests, timeline events, indicator values and their totals. */
async function seed(app: BenchApp, size: Size): Promise<Record<string, number>> {
  const perPartnerRequests = Math.round(size.requests / size.partners);
  const periods = Math.round(size.indicatorValues / size.partners / 4);
  const db = app.db;
  const p = size.partners;
  // A cheap deterministic scatter of i over 0..99, so stages and statuses are not ordered by id.
  const bucket = sql.raw('((i * 7919) % 100)');
  await sql`
    insert into partners (id, name, actor_type, sector, language, created_at)
    select 'p' || lpad(i::text, 6, '0'),
           (array['Stad','Gemeente','vzw','School','Forum','Bedrijf'])[1 + i % 6] || ' ' || md5(i::text)::text,
           (array['state','civil_society','market'])[1 + i % 3],
           (array['work','education','care','culture','media','local_government','civil_society','other'])[1 + (i / 3) % 8],
           (array['nl','nl','nl','en','fr'])[1 + i % 5],
           now() - make_interval(mins => i)
    from generate_series(1, ${p}) i`.execute(db);
  await sql`
    insert into contacts (partner_id, name, email, role, language)
    select 'p' || lpad(i::text, 6, '0'), 'Contact ' || i || '-' || r, 'c' || r || '@p' || i || '.example', (array['coordinator','signatory'])[r], 'nl'
    from generate_series(1, ${p}) i, generate_series(1, 2) r`.execute(db);
  await sql`
    insert into journeys (partner_id, workflow_id, stage, status, formalised_at, updated_at)
    select 'p' || lpad(i::text, 6, '0'), 'journey-p' || lpad(i::text, 6, '0'), s.stage, s.status,
           case when s.stage in ('prototype','monitoring','completed') then now() - make_interval(days => i % 700) end,
           now() - make_interval(mins => i % 10000)
    from generate_series(1, ${p}) i,
    lateral (select case when ${bucket} < 30 then 'intent' when ${bucket} < 50 then 'commitment' when ${bucket} < 65 then 'prototype'
                         when ${bucket} < 95 then 'monitoring' when ${bucket} < 98 then 'completed' else 'withdrawn' end as stage) st,
    lateral (select st.stage,
                    case when st.stage in ('completed','withdrawn') then 'none' when st.stage = 'prototype' or i % 4 = 0 then 'waiting_staff' else 'waiting_partner' end as status) s`.execute(
    db,
  );
  await sql`
    insert into requests (id, partner_id, workflow_id, kind, recipient_email, recipient_name, recipient_language, status, token_hash, topic, due_at, expires_at, created_at, answered_at, answer)
    select md5('r' || i || '-' || k)::uuid::text, 'p' || lpad(i::text, 6, '0'), 'request-' || md5('r' || i || '-' || k)::uuid::text,
           (array['intent','signoff','signoff','report'])[1 + (k - 1) % 4], 'c1@p' || i || '.example', 'Contact ' || i || '-1', 'nl',
           case when k = ${perPartnerRequests} and i % 5 <> 0 then 'pending' else 'answered' end,
           md5('r' || i || '-' || k) || md5('t' || i || '-' || k),
           case (k - 1) % 4 when 0 then '{"kind":"intent"}'::jsonb when 3 then '{"kind":"report","period":{"label":"p1","index":0,"start":"2025-01-01T00:00:00.000Z","end":"2025-04-01T00:00:00.000Z"},"indicators":[]}'::jsonb
                else '{"kind":"signoff","subject":"intent_review"}'::jsonb end,
           now() + make_interval(days => (i % 60) - 30), now() + make_interval(days => (i % 60) - 21), now() - make_interval(days => 40 - k),
           case when k = ${perPartnerRequests} and i % 5 <> 0 then null else now() - make_interval(days => 30 - k) end,
           case when k = ${perPartnerRequests} and i % 5 <> 0 then null else '{"decision":"approve"}'::jsonb end
    from generate_series(1, ${p}) i, generate_series(1, ${perPartnerRequests}) k`.execute(db);
  await sql`
    insert into journey_events (partner_id, idempotency_key, type, summary, data, occurred_at)
    select 'p' || lpad(i::text, 6, '0'), 'seed/' || i || '/' || e, (array['journey_started','request_sent','request_answered','intent_approved','request_sent'])[1 + (e - 1) % 5],
           'event ' || e || ' of partner ' || i, '{}'::jsonb, now() - make_interval(days => 50 - e)
    from generate_series(1, ${p}) i, generate_series(1, 10) e`.execute(db);
  await sql`
    insert into indicator_values (partner_id, period, indicator, value, request_id, period_start, period_end, submitted_at)
    select 'p' || lpad(i::text, 6, '0'), 'p' || n, ind.key, (i * 31 + n * 7) % 50, md5('v' || i || '-' || n)::uuid::text,
           timestamptz '2024-01-01' + make_interval(months => 3 * (n - 1)), timestamptz '2024-01-01' + make_interval(months => 3 * n), now()
    from generate_series(1, ${p}) i, generate_series(1, ${periods}) n, (select key from indicators order by position limit 4) ind`.execute(
    db,
  );
  // The public side: every even partner consented to be listed; a project per ten partners.
  await sql`update partners set public_listing = true where substr(id, 2)::int % 2 = 0`.execute(db);
  await sql`
    insert into public_listing_changes (partner_id, listed, via, recorded_by)
    select id, true, 'signature', 'partner' from partners where public_listing`.execute(db);
  await sql`
    insert into projects (id, idempotency_key, title, description, levers, status)
    select md5('project' || j)::uuid::text, 'project-' || j, 'Project ' || j, '', '["trust"]'::jsonb, 'running'
    from generate_series(1, ${Math.max(1, Math.round(p / 10))}) j`.execute(db);
  await sql`
    insert into project_partners (project_id, partner_id, status)
    select md5('project' || (1 + i % ${Math.max(1, Math.round(p / 10))}))::uuid::text, 'p' || lpad(i::text, 6, '0'), 'confirmed'
    from generate_series(1, ${p}) i`.execute(db);
  // The running totals storeReport keeps with each report, built as the migration builds them.
  await fillIndicatorTotals(db);
  await sql`vacuum analyze`.execute(db);
  const counts = await sql<{ table: string; rows: string }>`
    select 'partners' as table, count(*)::text as rows from partners union all select 'contacts', count(*)::text from contacts
    union all select 'journeys', count(*)::text from journeys union all select 'requests', count(*)::text from requests
    union all select 'journey_events', count(*)::text from journey_events union all select 'indicator_values', count(*)::text from indicator_values
    union all select 'indicator_totals', count(*)::text from indicator_totals`.execute(db);
  return Object.fromEntries(counts.rows.map((r) => [r.table, Number(r.rows)]));
}

export interface Dataset {
  size: Size;
  label: string;
  app: BenchApp;
  cookie: string;
  bearer: string;
  /** The staff user signed in (the one who imported, in the seeded import). */
  userId: number;
  counts: Record<string, number>;
}

export async function prepareDataset(ctx: BenchContext, size: Size): Promise<Dataset> {
  const label = `reads${size.partners >= 1000 ? `${size.partners / 1000}k` : size.partners}`;
  const app = await startBenchApp(ctx.servers, { label, worker: false });
  const t0 = Date.now();
  const counts = await seed(app, size);
  log(`staff reads: seeded ${label} in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  const password = 'bench-password-0123456789';
  const user = await createUser(app.db, {
    email: 'bench-staff@integratiepact.localhost',
    name: 'Bench Staff',
    role: 'staff',
    password,
  });
  const login = await fetch(`${app.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email: user.email, password }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (login.status !== 200 || !cookie) throw new Error(`staff sign-in failed: ${login.status} ${await login.text()}`);
  const { token } = await createApiToken(app.db, user.id, 'bench');
  return { size, label, app, cookie, bearer: token, userId: user.id, counts };
}

const authHeaders = (dataset: Dataset, endpoint: Endpoint): Record<string, string> =>
  endpoint.auth === 'cookie'
    ? { cookie: dataset.cookie }
    : endpoint.auth === 'bearer'
      ? { authorization: `Bearer ${dataset.bearer}` }
      : {};

export async function timed(dataset: Dataset, endpoint: Endpoint, i: number): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(`${dataset.app.url}${endpoint.path(i, dataset.size)}`, {
    headers: authHeaders(dataset, endpoint),
  });
  await response.arrayBuffer();
  const ms = performance.now() - t0;
  if (response.status !== 200) throw new Error(`${endpoint.name} on ${dataset.label} answered ${response.status}`);
  return ms;
}

interface PlanSummary {
  sql: string;
  executionMs: number;
  scans: string[];
  buffers: string;
  plan: string;
}

/** Runs one request against an API whose Kysely logs every query, then EXPLAINs each query with its parameters. */
async function explain(dataset: Dataset, endpoint: Endpoint): Promise<PlanSummary[]> {
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const pool = new Pool({ connectionString: dataset.app.databaseUrl, max: 4 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const api = await buildServer({
    config: dataset.app.config,
    db,
    temporal: dataset.app.temporal,
    dataKeys: dataset.app.dataKeys,
  });
  const client = new PgClient({ connectionString: dataset.app.databaseUrl });
  await client.connect();
  try {
    const response = await api.inject({
      method: 'GET',
      url: endpoint.path(1, dataset.size),
      headers: authHeaders(dataset, endpoint),
    });
    if (response.statusCode !== 200)
      throw new Error(`${endpoint.name} answered ${response.statusCode} while explaining`);
    const plans: PlanSummary[] = [];
    for (const query of captured) {
      if (!/^\s*select/i.test(query.sql)) continue; // reads only; a session touch is an update by primary key
      const result = await client.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers) ${query.sql}`,
        query.parameters as unknown[],
      );
      const lines = result.rows.map((r) => r['QUERY PLAN']);
      const scans = lines
        .map(
          (l) =>
            /(Seq Scan on \S+|Parallel Seq Scan on \S+|Index Only Scan using \S+ on \S+|Index Scan using \S+ on \S+|Bitmap Index Scan on \S+|Bitmap Heap Scan on \S+)/.exec(
              l,
            )?.[1],
        )
        .filter((s): s is string => !!s);
      plans.push({
        sql: query.sql.replace(/\s+/g, ' '),
        executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(lines.join('\n'))?.[1] ?? Number.NaN),
        scans,
        buffers: lines.find((l) => l.includes('Buffers:'))?.trim() ?? '',
        plan: lines.join('\n'),
      });
    }
    return plans;
  } finally {
    await client.end();
    await api.close();
    await db.destroy();
  }
}

export async function measureStaffReads(ctx: BenchContext): Promise<MeasurementResult> {
  const { sizes, samplesPerRep, reps, budgetMs, minSamples } = ctx.profile.staffReads;
  const datasets: Dataset[] = [];
  for (const size of sizes) datasets.push(await prepareDataset(ctx, size));
  for (const dataset of datasets) await seedStaffPages(dataset);
  const large = datasets[datasets.length - 1]!;
  const small = datasets[0]!;

  // The staff pages, once they exist (api/staff-pages/, another issue): measured when they answer.
  const pagesBuilt = existsSync(join(__dirname, '..', 'api', 'staff-pages'));
  const measured = [...endpoints];
  const notes: string[] = [];
  if (pagesBuilt) {
    for (const page of [...staffPageEndpoints, ...moreStaffPageEndpoints]) {
      const status = (await fetch(`${large.app.url}${page.path(0, large.size)}`, { headers: { cookie: large.cookie } }))
        .status;
      if (status === 200) measured.push(page);
      else notes.push(`staff reads: ${page.name} answered ${status}; not measured`);
    }
  } else {
    notes.push(
      'staff reads: api/staff-pages/ does not exist yet, so the dashboard /staff and /staff/partners were not measured',
    );
  }

  // Warm-up: every endpoint on every data set, a few times.
  for (let i = 0; i < 5; i++)
    for (const dataset of datasets) for (const endpoint of measured) await timed(dataset, endpoint, i);

  const samples = new Map<string, number[][]>(); // `${dataset}|${endpoint}` → per rep
  for (let rep = 0; rep < reps; rep++) {
    const spent = new Map<string, number>();
    for (let i = 0; i < samplesPerRep; i++) {
      for (const dataset of datasets) {
        for (const endpoint of measured) {
          const key = `${dataset.label}|${endpoint.name}`;
          const perRep = samples.get(key) ?? [];
          const taken = (perRep[rep] ??= []);
          if (taken.length >= minSamples && (spent.get(key) ?? 0) > budgetMs) continue;
          const ms = await timed(dataset, endpoint, rep * samplesPerRep + i);
          taken.push(ms);
          spent.set(key, (spent.get(key) ?? 0) + ms);
          samples.set(key, perRep);
        }
      }
    }
    log(
      `staff reads rep ${rep + 1}: ${measured.map((e) => `${e.name} p95 ${p95(samples.get(`${large.label}|${e.name}`)![rep]!).toFixed(1)} ms`).join('; ')}`,
    );
  }

  const p95s = (dataset: Dataset, endpoint: Endpoint) =>
    samples.get(`${dataset.label}|${endpoint.name}`)!.map((s) => p95(s));
  const floor = measured.find((e) => e.baseline)!;
  const figures: Figure[] = [];
  const summary: Record<string, unknown> = {};
  for (const endpoint of measured) {
    const big = p95s(large, endpoint);
    const growth = spread(big.map((v, i) => v / p95s(small, endpoint)[i]!));
    const overFloor = spread(big.map((v, i) => v / p95s(large, floor)[i]!));
    const met = endpoint.baseline ? undefined : spread(big).median < p3GoalMs;
    figures.push({
      measurement: '3. staff reads',
      metric: `${endpoint.name}: p95 ms at ${large.size.partners.toLocaleString('en')} partners (baseline: at ${small.size.partners.toLocaleString('en')})`,
      system: formatSpread(spread(big), 1),
      baseline: formatSpread(spread(p95s(small, endpoint)), 1),
      ratio: formatSpread(growth),
      goal: endpoint.baseline ? '–' : `< ${p3GoalMs} ms`,
      met,
    });
    const counts = samples.get(`${large.label}|${endpoint.name}`)!.map((s) => s.length);
    if (Math.min(...counts) < samplesPerRep)
      notes.push(
        `staff reads: ${endpoint.name} took ${Math.min(...counts)} samples per rep at ${large.label} (time budget ${budgetMs / 1000} s per rep): its p95 is close to its maximum`,
      );
    summary[endpoint.name] = Object.fromEntries(
      datasets.map((d) => [
        d.label,
        { p95PerRep: p95s(d, endpoint), pooled: latencySummary(samples.get(`${d.label}|${endpoint.name}`)!.flat()) },
      ]),
    );
    if (!endpoint.baseline)
      notes.push(
        `staff reads: ${endpoint.name} p95 at ${large.label} is ${formatSpread(overFloor)} × the floor (GET /auth/me)`,
      );
  }

  // Issue 28's P3, the figure of "Current figures" in docs/benchmarks.md: the slowest staff page (the
  // HTML a person waits for). The JSON API's reads are reported beside it, for context.
  const slowestOf = (kind: 'page' | 'JSON read', path: RegExp) => {
    const slowest = measured
      .filter((e) => !e.baseline && path.test(e.name))
      .map((e) => ({ name: e.name, p95: spread(p95s(large, e)).median }))
      .sort((a, b) => b.p95 - a.p95)[0]!;
    figures.push({
      measurement: '3. staff reads',
      metric: `${kind === 'page' ? 'P3 ' : ''}slowest staff ${kind} p95 at ${large.size.partners.toLocaleString('en')} partners (ms): ${slowest.name}`,
      system: slowest.p95.toFixed(1),
      baseline: formatSpread(spread(p95s(large, floor)), 1),
      ratio: (slowest.p95 / spread(p95s(large, floor)).median).toFixed(2),
      goal: kind === 'page' ? `< ${p3GoalMs} ms` : 'context',
      met: kind === 'page' ? slowest.p95 < p3GoalMs : undefined,
    });
  };
  slowestOf('page', /^GET \/staff/);
  slowestOf('JSON read', /^GET \/api\//);

  const plans: Record<string, Record<string, PlanSummary[]>> = {};
  for (const dataset of datasets) {
    plans[dataset.label] = {};
    for (const endpoint of measured) plans[dataset.label]![endpoint.name] = await explain(dataset, endpoint);
  }
  for (const endpoint of measured) {
    const statements = plans[large.label]![endpoint.name]!;
    for (const plan of statements.filter((p) => !/staff_sessions|api_tokens/.test(p.sql))) {
      notes.push(
        `EXPLAIN ${large.label} ${endpoint.name}: ${plan.executionMs.toFixed(2)} ms; ${plan.scans.join(', ')}; ${plan.buffers} — ${plan.sql.slice(0, 160)}${plan.sql.length > 160 ? '…' : ''}`,
      );
    }
  }

  for (const dataset of datasets) await dataset.app.stop();
  return {
    name: 'staff-reads',
    figures,
    details: {
      sizes,
      samplesPerRep,
      reps,
      budgetMs,
      minSamples,
      counts: Object.fromEntries(datasets.map((d) => [d.label, d.counts])),
      pagesBuilt,
      summary,
      plans,
    },
    notes,
  };
}
