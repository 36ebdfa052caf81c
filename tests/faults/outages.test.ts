import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createDb, type Db } from '../../db/connection';
import { readJson } from '../support/http';
import { intentAnswer } from '../support/partner-actions';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startTestSystem, type TestSystem } from '../support/test-system';
import {
  emailFigures,
  keyOf,
  postUntilAnswered,
  quietFaultRuntime,
  readModelMismatches,
  reportFigures,
  sleep,
} from './fault-kit';
import { deterministicPolicy, JourneyDriver } from './journey-driver';

/**
 * Issue 6, part 3: the system reaches Postgres and the SMTP server through TCP proxies of this
 * test's own, which cut the link (every connection reset, new ones refused) for a while mid-flight.
 * Activities retry with backoff; nothing is lost or sent twice; /readyz reports the database
 * outage while it lasts. The machine's own Postgres and the test's Mailpit are never touched.
 */
const OUTAGE_MS = Number(process.env.FAULT_OUTAGE_MS ?? 20_000);
const JOURNEYS = Number(process.env.FAULT_OUTAGE_JOURNEYS ?? 12);

let system: TestSystem;
let direct: Db;
let postgres: TcpProxy;
let smtp: TcpProxy;
beforeAll(async () => {
  quietFaultRuntime();
  system = await startTestSystem(deterministicPolicy, {
    routePostgres: async (target) => (postgres = await startTcpProxy(target)),
    routeSmtp: async (target) => (smtp = await startTcpProxy(target)),
  });
  direct = createDb(system.directDatabaseUrl, { maxConnections: 2 });
}, 120_000);
afterAll(async () => {
  postgres?.restore();
  smtp?.restore();
  await system?.stop();
  await direct?.destroy();
  await postgres?.close();
  await smtp?.close();
}, 60_000);

test('a Postgres cut during a transaction fails the transaction, not the process', async () => {
  // A pg client checked out of the pool (inside a transaction) that loses its connection emits
  // 'error'; without a listener that is an uncaught exception and the whole worker or API process
  // dies. Run in a process of its own so the outcome is visible as an exit code.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'programs', 'transaction-cut.ts'), system.databaseUrl],
    { cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('IN_TRANSACTION') && !postgres.isCut) postgres.cut();
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  postgres.restore();
  reportFigures('transaction-cut', {
    exitCode: code,
    transactionFailed: output.includes('TRANSACTION_FAILED'),
    processAlive: output.includes('PROCESS_ALIVE'),
  });
  expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('PROCESS_ALIVE') });
  expect(output).toContain('TRANSACTION_FAILED');
}, 60_000);

test('Postgres gone the instant the SMTP server accepted an email: the email is still sent once', async () => {
  // The cut lands after the SMTP server stored the message and before the sender hears its "250":
  // the outbox cannot commit "sent" then. Retried blindly, the activity would send it again.
  // The test's SMTP proxy cuts Postgres as Mailpit's answer to the invitation's DATA passes, before
  // it forwards that answer (Mailpit itself tells of a message only after it answered).
  const coordinator = 'coordinator@outage-first.example';
  const toCoordinator = new Set<number>(); // connections whose current message goes to the coordinator
  let cutAtAcceptance = false;
  smtp.tap({
    fromClient: (chunk, connection) => {
      const said = chunk.toString();
      if (/^MAIL FROM:/im.test(said)) toCoordinator.delete(connection);
      if (said.toLowerCase().includes(`rcpt to:<${coordinator}>`)) toCoordinator.add(connection);
    },
    fromTarget: (chunk, connection) => {
      if (!toCoordinator.has(connection) || !/^250 2\.0\.0 Ok: queued/m.test(chunk.toString())) return;
      postgres.cut();
      cutAtAcceptance = true;
      smtp.tap(undefined);
    },
  });
  const invitation = system.mail.waitForMessage(
    (m) => m.to.includes(coordinator) && /\/0\/sent$/.test(keyOf(m)),
    30_000,
  );
  const onboarded = await system.staffFetch('/api/partners', {
    method: 'POST',
    body: JSON.stringify({
      name: 'Outage first',
      actorType: 'market',
      sector: 'work',
      contacts: [{ name: 'Olga', email: coordinator, role: 'coordinator' }],
    }),
  });
  expect(onboarded.status).toBe(201);
  const message = await invitation;
  await sleep(5_000);
  postgres.restore();

  // The journey carries on: the request is answered and reaches staff review.
  await postUntilAnswered(
    system,
    new RegExp(`${system.url}/r/[A-Za-z0-9_-]{43}`).exec(message.text)![0],
    intentAnswer,
    { retried: 0 },
    120_000,
  );
  await system.mail.waitForMessage(
    (m) => m.to.includes(system.config.staffEmail) && /Outage first/.test(m.subject) && /\/0\/sent$/.test(keyOf(m)),
    120_000,
  );
  const copies = (await system.mail.messages()).filter((m) => keyOf(m) === keyOf(message));
  const outbox = await direct
    .selectFrom('email_outbox')
    .select(['status', 'attempts'])
    .where('idempotency_key', '=', keyOf(message))
    .executeTakeFirstOrThrow();
  reportFigures('postgres-cut-at-smtp-acceptance', {
    cutAtAcceptance,
    copiesReceived: copies.length,
    outboxStatus: outbox.status,
    outboxAttempts: outbox.attempts,
  });
  expect(cutAtAcceptance).toBe(true);
  expect(copies).toHaveLength(1);
  expect(outbox.status).toBe('sent');
}, 180_000);

test(`journeys survive a ${OUTAGE_MS / 1000} s Postgres outage and a ${OUTAGE_MS / 1000} s SMTP outage`, async () => {
  const started = Date.now();
  const driver = new JourneyDriver(system, direct);
  const names = Array.from({ length: JOURNEYS }, (_, i) => `Outagepartner ${String(i + 1).padStart(2, '0')}`);
  const journeys = names.map(async (name, i) => {
    await sleep(i * 300);
    return driver.toPrototype(name);
  });
  const inFlight = async () =>
    Number(
      (
        await direct
          .selectFrom('requests')
          .select(({ fn }) => fn.countAll<string>().as('n'))
          .where('status', '=', 'pending')
          .executeTakeFirstOrThrow()
      ).n,
    );

  // Postgres: cut while requests are pending; readiness must say so throughout.
  await sleep(4_000);
  const pendingAtPostgresCut = await inFlight();
  postgres.cut();
  const postgresCut = Date.now();
  const readyz: { status: number; database: string; ms: number }[] = [];
  let onboardingDuringOutage: { status: number; code: string; retryAfter: string | null; ms: number } | undefined;
  while (Date.now() - postgresCut < OUTAGE_MS) {
    const t = Date.now();
    const response = await fetch(`${system.internalUrl}/readyz`);
    readyz.push({ status: response.status, database: (await readJson(response)).checks.database, ms: Date.now() - t });
    if (!onboardingDuringOutage) {
      const t2 = Date.now();
      const attempt = await system.staffFetch('/api/partners', {
        method: 'POST',
        body: JSON.stringify({
          name: 'Outage latecomer',
          actorType: 'state',
          sector: 'work',
          contacts: [{ name: 'Lars', email: 'lars@latecomer.example', role: 'coordinator' }],
        }),
      });
      onboardingDuringOutage = {
        status: attempt.status,
        code: (await readJson(attempt)).error?.code,
        retryAfter: attempt.headers.get('retry-after'),
        ms: Date.now() - t2,
      };
    }
    await sleep(1_000);
  }
  postgres.restore();
  const postgresBack = Date.now();
  let readyAgainMs: number | undefined;
  while (readyAgainMs === undefined && Date.now() - postgresBack < 30_000) {
    if ((await fetch(`${system.url}/readyz`)).status === 200) readyAgainMs = Date.now() - postgresBack;
    else await sleep(250);
  }

  // SMTP: cut once emails are due again.
  await sleep(5_000);
  const pendingAtSmtpCut = await inFlight();
  const receivedBeforeSmtpCut = (await system.mail.messages()).length;
  smtp.cut();
  await sleep(OUTAGE_MS);
  const receivedDuringSmtpCut = (await system.mail.messages()).length - receivedBeforeSmtpCut;
  smtp.restore();

  const ids = await Promise.all(journeys);
  const { keys, requestsPerPartner } = await driver.expectedKeys(ids);
  // Duplicates and outbox problems over every email of the file; missing ones over this test's journeys.
  const emails = await emailFigures(system, direct, keys);
  const mismatches = await readModelMismatches(system, direct, ids);
  const stages = await direct.selectFrom('journeys').select('stage').where('partner_id', 'in', ids).execute();
  const outbox = await direct
    .selectFrom('email_outbox')
    .select(({ fn }) => fn.max('attempts').as('maxAttempts'))
    .executeTakeFirstOrThrow();

  reportFigures('outages', {
    journeys: ids.length,
    reachedPrototype: stages.filter((s) => s.stage === 'prototype').length,
    postgresOutageSeconds: Math.round((postgresBack - postgresCut) / 1000),
    smtpOutageSeconds: OUTAGE_MS / 1000,
    pendingRequestsAtPostgresCut: pendingAtPostgresCut,
    pendingRequestsAtSmtpCut: pendingAtSmtpCut,
    readyzDuringPostgresOutage: `${readyz.filter((r) => r.status === 503).length}/${readyz.length} answered 503 (slowest ${Math.max(...readyz.map((r) => r.ms))} ms)`,
    onboardingDuringPostgresOutage: onboardingDuringOutage,
    readyAgainAfterMs: readyAgainMs,
    emailsReceivedDuringSmtpOutage: receivedDuringSmtpCut,
    mostAttemptsForOneEmail: outbox.maxAttempts,
    emailsExpected: emails.expected,
    emailsReceived: emails.received,
    missing: emails.missing.length,
    duplicates: emails.duplicates.length,
    readModelMismatches: mismatches.length,
    answersRetried: driver.stats.retried,
    elapsedSeconds: Math.round((Date.now() - started) / 1000),
  });

  expect(pendingAtPostgresCut).toBeGreaterThan(0);
  expect(pendingAtSmtpCut).toBeGreaterThan(0);
  expect(readyz.every((r) => r.status === 503 && r.database.startsWith('unavailable'))).toBe(true);
  expect(readyAgainMs).toBeDefined();
  expect(onboardingDuringOutage).toMatchObject({
    status: 503,
    code: 'database_unavailable',
    retryAfter: expect.stringMatching(/^\d+$/),
  });
  expect(receivedDuringSmtpCut).toBe(0);
  for (const id of ids) expect(requestsPerPartner.get(id)).toEqual(['intent', 'signoff', 'signoff', 'signoff']);
  expect(stages.map((s) => s.stage)).toEqual(ids.map(() => 'prototype'));
  expect(emails.missing).toEqual([]);
  expect(emails.duplicates).toEqual([]);
  expect(emails.outboxProblems).toEqual([]);
  expect(mismatches).toEqual([]);
}, 360_000);
