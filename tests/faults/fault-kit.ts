import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { journeyWorkflowId } from '../../domain/workflow-ids';
import { journeyStateQuery } from '../../workflows/definitions';
import type { CaughtMessage, MailReader } from '../support/mail-inbox';
import type { TestSystem } from '../support/test-system';

/**
 * What the fault tests share: partners who answer through the links in their emails while the
 * system is being broken, and the checks that nothing was lost, nothing sent twice, and the read
 * model agrees with Temporal.
 */

/**
 * Warnings from the Temporal worker, except its retry notices: a test that takes a server away on
 * purpose would print hundreds. Must run before the first worker of the process.
 */
export function quietFaultRuntime(): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN', (entry) => {
        if (
          /retried|unavailable|tcp connect error|connection refused|network error|activity failed|completing activity/i.test(
            `${entry.message} ${JSON.stringify(entry.meta ?? {})}`,
          )
        )
          return;
        process.stderr.write(`[temporal ${entry.level}] ${entry.message}\n`);
      }),
      // The native side's own warnings are its gRPC retries while a server is away; errors only.
      // (Not forwarded: a forwarding runtime keeps jest from exiting.)
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
    });
  } catch {
    // installed already in this process
  }
}

export const keyOf = (m: CaughtMessage): string => m.headers['x-idempotency-key'] ?? '';
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small seeded PRNG (mulberry32), so a failing run can be repeated with FAULT_SEED. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function faultSeed(): number {
  const given = Number(process.env.FAULT_SEED);
  return Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 1e9) + 1;
}

export interface AnswerStats {
  /** POSTs that got no definite answer (5xx, connection error) and were tried again. */
  retried: number;
}

/**
 * A person answering one request the way the policy under test makes deterministic: they wait
 * until the request's first reminder and its escalation to staff have gone out (so every request
 * sends exactly three emails whatever the faults did to the timing), then answer on the page.
 */
export async function answerAfterReminders(
  system: TestSystem,
  handled: Set<string>,
  stats: AnswerStats,
  to: string,
  subject: RegExp,
  answer: Record<string, unknown>,
  options: { timeoutMs?: number; waitForReminders?: boolean } = {},
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const invitation = await system.mail.waitForMessage(
    (m) =>
      m.to.includes(to) &&
      subject.test(m.subject) &&
      /^request\/[^/]+\/0\/sent$/.test(keyOf(m)) &&
      !handled.has(keyOf(m)),
    timeoutMs,
  );
  handled.add(keyOf(invitation));
  const requestId = keyOf(invitation).split('/')[1]!;
  if (options.waitForReminders !== false) {
    await system.mail.waitForMessage((m) => keyOf(m) === `request/${requestId}/0/reminder-1`, timeoutMs);
    await system.mail.waitForMessage((m) => keyOf(m) === `request/${requestId}/escalation`, timeoutMs);
  }
  await postUntilAnswered(system, linkIn(system, invitation), answer, stats, timeoutMs);
  return requestId;
}

export function linkIn(system: TestSystem, message: CaughtMessage): string {
  const link = new RegExp(`${system.url}/r/[A-Za-z0-9_-]{43}`).exec(message.text)?.[0];
  if (!link) throw new Error(`no link in "${message.subject}"`);
  return link;
}

/**
 * Posts an answer until it has a definite outcome. A 5xx or a dropped connection is tried again,
 * as a person would click again; the second click of the same answer is answered 200 by design.
 */
export async function postUntilAnswered(
  system: TestSystem,
  link: string,
  answer: Record<string, unknown>,
  stats: AnswerStats,
  timeoutMs = 300_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let status: number;
    let body: string;
    try {
      const response = await fetch(link, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(answer),
      });
      status = response.status;
      body = await response.text();
    } catch (error) {
      status = 0;
      body = String(error);
    }
    if (status === 200) return;
    if (status !== 0 && status < 500) throw new Error(`answer to ${link} refused: ${status} ${body}`);
    if (Date.now() > deadline)
      throw new Error(`answer to ${link} still failing after ${timeoutMs / 1000}s: ${status} ${body}`);
    stats.retried += 1;
    await sleep(1_000);
  }
}

/** Polls the read model (directly in the database, never through a test's proxy) until a partner reaches a stage. */
export async function waitForStageInDb(
  db: TestSystem['db'],
  partnerId: string,
  stage: string,
  timeoutMs = 300_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.selectFrom('journeys').select('stage').where('partner_id', '=', partnerId).executeTakeFirst();
    if (row?.stage === stage) return;
    if (Date.now() > deadline)
      throw new Error(`${partnerId} is in stage ${row?.stage}, not ${stage}, after ${timeoutMs / 1000}s`);
    await sleep(500);
  }
}

export interface EmailFigures {
  expected: number;
  received: number;
  distinctReceived: number;
  /** Keys expected but never received. */
  missing: string[];
  /** Keys received but not expected. */
  unexpected: string[];
  /** Keys received more than once, with the copies' arrival times. */
  duplicates: { key: string; copies: number; messageIds: string[]; receivedAt: number[] }[];
  /** Outbox rows not marked sent, or keys the outbox and SMTP disagree on. */
  outboxProblems: string[];
}

/**
 * Every expected email by idempotency key: received exactly once by the SMTP server, and marked
 * sent in the outbox. Scheduled staff emails (digest, network summary) may appear; they are
 * checked for duplicates but not expected.
 */
export async function emailFigures(
  system: { mail: Pick<MailReader, 'messages'> },
  db: TestSystem['db'],
  expectedKeys: string[],
): Promise<EmailFigures> {
  const scheduled = (key: string) => key.startsWith('digest/') || key.startsWith('network-summary/');
  const expected = new Set(expectedKeys);
  // The SMTP server has a message a moment before the worker commits it as sent: let that settle.
  let outbox = await db.selectFrom('email_outbox').select(['idempotency_key', 'status']).execute();
  for (const settleBy = Date.now() + 15_000; outbox.some((o) => o.status !== 'sent') && Date.now() < settleBy;) {
    await sleep(500);
    outbox = await db.selectFrom('email_outbox').select(['idempotency_key', 'status']).execute();
  }
  const received = await system.mail.messages();
  const byKey = new Map<string, CaughtMessage[]>();
  for (const m of received) byKey.set(keyOf(m), [...(byKey.get(keyOf(m)) ?? []), m]);
  const outboxProblems = [
    ...outbox.filter((o) => o.status !== 'sent').map((o) => `${o.idempotency_key}: ${o.status}`),
    ...outbox
      .filter((o) => !byKey.has(o.idempotency_key))
      .map((o) => `${o.idempotency_key}: in the outbox, never received`),
    ...[...byKey.keys()]
      .filter((k) => !outbox.some((o) => o.idempotency_key === k))
      .map((k) => `${k}: received, not in the outbox`),
  ];
  return {
    expected: expected.size,
    received: received.length,
    distinctReceived: byKey.size,
    missing: [...expected].filter((k) => !byKey.has(k)),
    unexpected: [...byKey.keys()].filter((k) => !expected.has(k) && !scheduled(k)),
    duplicates: [...byKey.entries()]
      .filter(([, copies]) => copies.length > 1)
      .map(([key, copies]) => ({
        key,
        copies: copies.length,
        messageIds: copies.map((c) => c.messageId ?? ''),
        receivedAt: copies.map((c) => c.receivedAt.getTime()),
      })),
    outboxProblems,
  };
}

/** The journeys whose read-model row (stage, status, formalised) differs from what the workflow reports. */
export async function readModelMismatches(
  system: Pick<TestSystem, 'temporal'>,
  db: TestSystem['db'],
  partnerIds: string[],
): Promise<string[]> {
  const rows = await db
    .selectFrom('journeys')
    .select(['partner_id', 'stage', 'status', 'formalised_at'])
    .where('partner_id', 'in', partnerIds)
    .execute();
  const mismatches: string[] = [];
  for (let i = 0; i < partnerIds.length; i += 10) {
    await Promise.all(
      partnerIds.slice(i, i + 10).map(async (id) => {
        const row = rows.find((r) => r.partner_id === id);
        const state = await system.temporal.workflow.getHandle(journeyWorkflowId(id)).query(journeyStateQuery);
        const inDb = row && { stage: row.stage, status: row.status, formalisedAt: row.formalised_at?.toISOString() };
        const inTemporal = { stage: state.stage, status: state.status, formalisedAt: state.formalisedAt };
        if (JSON.stringify(inDb) !== JSON.stringify(inTemporal))
          mismatches.push(`${id}: read model ${JSON.stringify(inDb)}, workflow ${JSON.stringify(inTemporal)}`);
      }),
    );
  }
  return mismatches;
}

/**
 * Prints a test's figures and appends them to `$FAULT_FIGURES_FILE` (default
 * .data/fault-figures.jsonl), where docs/reliability.md takes them from.
 */
export function reportFigures(test: string, figures: Record<string, unknown>): void {
  const line = JSON.stringify({ test, at: new Date().toISOString(), ...figures });
  process.stdout.write(`FAULT FIGURES ${line}\n`);
  const file = process.env.FAULT_FIGURES_FILE ?? join(__dirname, '..', '..', '.data', 'fault-figures.jsonl');
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    appendFileSync(file, `${line}\n`);
  } catch {
    // figures are printed anyway
  }
}
