import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '../../db/connection';
import { ensureTemporalCli, type TemporalCli } from '../../dev/temporal-cli';
import { type DevServer, startTemporalDevServer } from '../../dev/temporal-dev-server';
import { requestToken } from '../../security/request-tokens';
import { freePort } from '../support/free-port';
import { readJson } from '../support/http';
import { intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { emailFigures, quietFaultRuntime, readModelMismatches, reportFigures, sleep } from './fault-kit';
import { deterministicPolicy, JourneyDriver } from './journey-driver';

/**
 * Issue 6, part 2: the Temporal server (a dev server of this test's own, persisted to a SQLite
 * file) is stopped and started again while journeys are in flight. They all resume and finish.
 * While it is away, onboarding, a partner's answer and a new project are each answered 503 with
 * Retry-After at once, changing nothing, and /readyz says so.
 */
const JOURNEYS = Number(process.env.FAULT_RESTART_JOURNEYS ?? 20);
const OUTAGE_MS = 15_000;

let cli: TemporalCli;
let dir: string;
let port: number;
let temporal: DevServer | undefined;
let system: TestSystem;
let direct: Db;
const startServer = async () =>
  (temporal = await startTemporalDevServer({ cli, port, dbFile: join(dir, 'temporal.sqlite'), namespace: 'default' }));

beforeAll(async () => {
  quietFaultRuntime();
  cli = await ensureTemporalCli(() => undefined);
  dir = mkdtempSync(join(tmpdir(), 'integratiepact-restart-'));
  port = await freePort();
  await startServer();
  system = await startTestSystem(deterministicPolicy, { temporalAddress: temporal!.address });
  direct = createDb(system.directDatabaseUrl, { maxConnections: 2 });
}, 120_000);
afterAll(async () => {
  await system?.stop();
  await direct?.destroy();
  await temporal?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

test('journeys resume after the Temporal server restarts; meanwhile the API says 503 at once', async () => {
  const started = Date.now();
  const driver = new JourneyDriver(system, direct);
  const names = Array.from({ length: JOURNEYS }, (_, i) => `Restartpartner ${String(i + 1).padStart(2, '0')}`);
  const journeys = names.map(async (name, i) => {
    await sleep(i * 100);
    return driver.toPrototype(name);
  });

  // Mid-flight: once a quarter of the journeys are past the intent stage.
  let past: { partner_id: string }[];
  for (;;) {
    past = await direct.selectFrom('journeys').select('partner_id').where('stage', '!=', 'intent').execute();
    if (past.length >= JOURNEYS / 4) break;
    await sleep(200);
  }
  const stoppedAt = Date.now();
  await temporal!.stop();

  // While it is away: onboarding fails fast and truthfully, readiness says why.
  await sleep(1_000);
  const timed = async <T>(call: () => Promise<T>) => {
    const t = Date.now();
    const result = await call();
    return { result, ms: Date.now() - t };
  };
  const onboarding = await timed(() =>
    system.staffFetch('/api/partners', {
      method: 'POST',
      body: JSON.stringify({
        name: 'Restart latecomer',
        actorType: 'state',
        sector: 'local_government',
        contacts: [{ name: 'Lea', email: 'lea@latecomer.example', role: 'coordinator' }],
      }),
    }),
  );
  const onboardingBody = await readJson(onboarding.result);
  // A partner answering an open request (the link as emailed: tokens derive from the secret).
  const open = await direct
    .selectFrom('requests')
    .select(['id', 'kind'])
    .where('status', '=', 'pending')
    .where('token_generation', '=', 0)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const answering = await timed(() =>
    fetch(`${system.url}/r/${requestToken(system.config.tokenSecret, open.id, 0)}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(open.kind === 'intent' ? intentAnswer : { decision: 'approve' }),
    }),
  );
  const answeringBody = await readJson(answering.result);
  const projectCreation = await timed(() =>
    system.staffFetch('/api/projects', {
      method: 'POST',
      body: JSON.stringify({
        title: 'Restart project',
        description: 'Created while the engine is away.',
        levers: ['agency'],
        partnerIds: [past[0]!.partner_id],
      }),
    }),
  );
  const openStill = await direct
    .selectFrom('requests')
    .select('status')
    .where('id', '=', open.id)
    .executeTakeFirstOrThrow();
  const projectStored = await direct
    .selectFrom('projects')
    .select('id')
    .where('id', '=', 'restart-project')
    .executeTakeFirst();
  const ready = await timed(() => fetch(`${system.internalUrl}/readyz`));
  const readyBody = await readJson(ready.result);
  const nothingStored = await direct
    .selectFrom('partners')
    .select('id')
    .where('id', '=', 'restart-latecomer')
    .executeTakeFirst();
  await sleep(Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt)));
  await startServer();
  const restartedAt = Date.now();
  let readyAgainMs: number | undefined;
  for (let t = Date.now(); readyAgainMs === undefined && Date.now() - t < 60_000; await sleep(250)) {
    if ((await fetch(`${system.url}/readyz`)).status === 200) readyAgainMs = Date.now() - restartedAt;
  }

  const ids = [...(await Promise.all(journeys)), await driver.toPrototype('Restart latecomer')];
  const { keys, requestsPerPartner } = await driver.expectedKeys(ids);
  const emails = await emailFigures(system, direct, keys);
  const mismatches = await readModelMismatches(system, direct, ids);
  const stages = await direct.selectFrom('journeys').select('stage').where('partner_id', 'in', ids).execute();

  reportFigures('temporal-restart', {
    journeys: ids.length,
    reachedPrototype: stages.filter((s) => s.stage === 'prototype').length,
    outageSeconds: Math.round((restartedAt - stoppedAt) / 1000),
    onboardingWhileDown: `${onboarding.result.status} in ${onboarding.ms} ms, Retry-After ${onboarding.result.headers.get('retry-after')}`,
    answerWhileDown: `${answering.result.status} in ${answering.ms} ms`,
    projectWhileDown: `${projectCreation.result.status} in ${projectCreation.ms} ms`,
    readyzWhileDown: `${ready.result.status} in ${ready.ms} ms: ${JSON.stringify(readyBody.checks)}`,
    readyAgainAfterMs: readyAgainMs,
    emailsExpected: emails.expected,
    emailsReceived: emails.received,
    missing: emails.missing.length,
    duplicates: emails.duplicates.length,
    readModelMismatches: mismatches.length,
    answersRetried: driver.stats.retried,
    elapsedSeconds: Math.round((Date.now() - started) / 1000),
  });

  expect(onboarding.result.status).toBe(503);
  expect(onboarding.result.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(onboardingBody.error.code).toBe('engine_unavailable');
  expect(onboarding.ms).toBeLessThan(1_500);
  expect(nothingStored).toBeUndefined();
  expect(answering.result.status).toBe(503);
  expect(answering.result.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(answeringBody.error.code).toBe('engine_unavailable');
  expect(answering.ms).toBeLessThan(1_500);
  expect(openStill.status).toBe('pending');
  expect(projectCreation.result.status).toBe(503);
  expect(projectCreation.ms).toBeLessThan(1_500);
  expect(projectStored).toBeUndefined();
  expect(ready.result.status).toBe(503);
  expect(readyBody.checks).toEqual({ database: 'ok', temporal: expect.stringMatching(/^unavailable/) });
  expect(ready.ms).toBeLessThan(2_500);
  expect(readyAgainMs).toBeDefined();

  for (const id of ids) expect(requestsPerPartner.get(id)).toEqual(['intent', 'signoff', 'signoff', 'signoff']);
  expect(stages.map((s) => s.stage)).toEqual(ids.map(() => 'prototype'));
  expect(emails.missing).toEqual([]);
  expect(emails.unexpected).toEqual([]);
  expect(emails.duplicates).toEqual([]);
  expect(emails.outboxProblems).toEqual([]);
  expect(mismatches).toEqual([]);
}, 300_000);
