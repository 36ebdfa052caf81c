import { createDb, type Db } from '../../db/connection';
import { contactAddresses, onboardingBody } from '../support/onboarding-body';
import { intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { type WorkerProcess, workerProcess } from '../support/worker-process';
import {
  type AnswerStats,
  answerAfterReminders,
  emailFigures,
  faultSeed,
  quietFaultRuntime,
  readModelMismatches,
  reportFigures,
  seededRandom,
  sleep,
  waitForStageInDb,
} from './fault-kit';

/**
 * Issue 6, part 1: many journeys run from onboarding to `completed` while the real worker process
 * (`node --import tsx worker/main.ts`) is killed with SIGKILL at random moments and restarted.
 * Afterwards every journey is completed, every email was received exactly once by its idempotency
 * key, and the read model equals what each workflow reports. The worker sends through the API's
 * mail relay (MAIL_RELAY_URL, as `npm start` and docker-compose run it).
 *
 * The policy makes each request's emails deterministic despite the faults: everyone answers only
 * after the first reminder and the escalation went out (max one reminder), and requests expire
 * only after an hour, so each request sends exactly three emails.
 */
const JOURNEYS = Number(process.env.FAULT_JOURNEYS ?? 100);
const KILLS = Number(process.env.FAULT_KILLS ?? 12);
const GROUP = 10; // partners per prototype project
const seed = faultSeed();
const random = seededRandom(seed);

let system: TestSystem;
let direct: Db;
let worker: WorkerProcess;
let aborted = false;
beforeAll(async () => {
  quietFaultRuntime();
  system = await startTestSystem(
    {
      PACT_REMINDER_AFTER: '1s',
      PACT_REMINDER_EVERY: '1s',
      PACT_MAX_REMINDERS: '1',
      PACT_ESCALATE_AFTER: '2s',
      PACT_EXPIRE_AFTER: '1h',
      PACT_REPORT_EVERY: '2s',
      PACT_COMMITMENT_TERM: '2s',
    },
    { worker: false },
  );
  direct = createDb(system.directDatabaseUrl, { maxConnections: 4 });
  worker = workerProcess(system.env);
  await worker.start();
}, 120_000);
afterAll(async () => {
  aborted = true;
  await worker?.stop();
  await direct?.destroy();
  await system?.stop();
}, 120_000);

async function logProgress(kills: number) {
  const stages = await direct
    .selectFrom('journeys')
    .select(['stage', ({ fn }) => fn.countAll<string>().as('n')])
    .groupBy('stage')
    .execute();
  const pending = await direct
    .selectFrom('requests')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  process.stdout.write(
    `[worker-crashes] kills ${kills}, stages ${stages.map((s) => `${s.stage}=${s.n}`).join(' ')}, pending requests ${pending?.n}, emails ${(await system.mail.messages()).length}\n`,
  );
}

test(`${JOURNEYS} journeys reach completed while the worker process is killed at random`, async () => {
  const started = Date.now();
  const handled = new Set<string>();
  const stats: AnswerStats = { retried: 0 };
  const names = Array.from({ length: JOURNEYS }, (_, i) => `Crashpartner ${String(i + 1).padStart(3, '0')}`);
  const ids = names.map((name) => contactAddresses(name).id);
  const staff = system.config.staffEmail;
  const director = system.config.directorEmail;

  // Prototype projects of GROUP partners each: created once all of them are formalised and nudged.
  const ready = new Map<string, () => void>();
  const readyPromises = new Map(ids.map((id) => [id, new Promise<void>((resolve) => ready.set(id, resolve))]));
  const projects = Array.from({ length: Math.ceil(JOURNEYS / GROUP) }, async (_, g) => {
    const members = ids.slice(g * GROUP, (g + 1) * GROUP);
    await Promise.all(members.map((id) => readyPromises.get(id)));
    const response = await system.staffFetch('/api/projects', {
      method: 'POST',
      body: JSON.stringify({
        title: `Crashproject ${String(g + 1).padStart(2, '0')}`,
        description: 'Samen stageplaatsen openen.',
        levers: ['agency'],
        partnerIds: members,
      }),
    });
    if (response.status !== 201) throw new Error(`project ${g + 1}: ${response.status} ${await response.text()}`);
  });

  const journeys = names.map(async (name, i) => {
    const id = ids[i]!;
    const { coordinator, signatory } = contactAddresses(name);
    const named = new RegExp(`${name}(?!\\d)`);
    await sleep(i * 50); // onboarding spread over a few seconds, as an import would
    const response = await system.staffFetch('/api/partners', {
      method: 'POST',
      body: onboardingBody(name),
    });
    if (response.status !== 201) throw new Error(`onboarding ${name}: ${response.status} ${await response.text()}`);

    await answerAfterReminders(system, handled, stats, coordinator, /engagementsintentie/, intentAnswer);
    await answerAfterReminders(system, handled, stats, staff, named, { decision: 'approve' });
    await answerAfterReminders(system, handled, stats, signatory, /ondertekening/, { decision: 'approve' });
    await answerAfterReminders(system, handled, stats, director, named, { decision: 'approve' });
    await system.mail.waitForMessage(
      (m) => m.headers['x-idempotency-key'] === `journey/${id}/prototype-nudge-1`,
      300_000,
    );
    ready.get(id)!();
    await answerAfterReminders(system, handled, stats, coordinator, /prototypeproject/, { decision: 'approve' });
    await answerAfterReminders(system, handled, stats, coordinator, /periode p1/, {
      values: { placements_offered: i, staff_trained: 1 },
    });
    await waitForStageInDb(direct, id, 'completed');
  });

  // The chaos: KILLS times, SIGKILL after 3–12 s of work and restart after 0–1.5 s; then the
  // system is left to recover (an activity abandoned by a killed worker is retried once its
  // one-minute start-to-close timeout has passed).
  let done = false;
  const kills: number[] = [];
  const all = Promise.all([...journeys, ...projects]).finally(() => (done = true));
  const progress = setInterval(() => void logProgress(kills.length), 15_000);
  const chaos = (async () => {
    while (!done && kills.length < KILLS) {
      await sleep(3_000 + random() * 9_000);
      if (done || aborted) break;
      await worker.kill();
      kills.push(Date.now());
      await sleep(random() * 1_500);
      await worker.start();
    }
  })();
  await chaos;
  await all.finally(() => clearInterval(progress));
  const elapsedMs = Date.now() - started;

  // What was expected: per request its email, one reminder and one escalation; per journey one nudge.
  const requests = await direct.selectFrom('requests').select(['id', 'partner_id', 'kind', 'status']).execute();
  const perPartner = new Map<string, string[]>();
  for (const r of requests) perPartner.set(r.partner_id, [...(perPartner.get(r.partner_id) ?? []), r.kind]);
  for (const id of ids)
    expect([...(perPartner.get(id) ?? [])].sort()).toEqual([
      'intent',
      'project',
      'report',
      'signoff',
      'signoff',
      'signoff',
    ]);
  expect(requests.filter((r) => r.status !== 'answered')).toEqual([]);
  const expectedKeys = [
    ...requests.flatMap((r) => [
      `request/${r.id}/0/sent`,
      `request/${r.id}/0/reminder-1`,
      `request/${r.id}/escalation`,
    ]),
    ...ids.map((id) => `journey/${id}/prototype-nudge-1`),
    ...ids.map((id) => `partner/${id}/formalised`),
  ];
  const emails = await emailFigures(system, direct, expectedKeys);
  const mismatches = await readModelMismatches(system, direct, ids);
  const stages = await direct
    .selectFrom('journeys')
    .select(['stage', ({ fn }) => fn.countAll<string>().as('n')])
    .groupBy('stage')
    .execute();

  reportFigures('worker-crashes', {
    seed,
    journeys: JOURNEYS,
    completed: Number(stages.find((s) => s.stage === 'completed')?.n ?? 0),
    kills: kills.length,
    workerStarts: worker.starts,
    emailsExpected: emails.expected,
    emailsReceived: emails.received,
    distinctKeysReceived: emails.distinctReceived,
    missing: emails.missing.length,
    duplicates: emails.duplicates.length,
    readModelMismatches: mismatches.length,
    answersRetried: stats.retried,
    elapsedSeconds: Math.round(elapsedMs / 1000),
  });

  expect(kills.length).toBe(KILLS); // every kill hit journeys in flight
  expect(stages).toEqual([{ stage: 'completed', n: String(JOURNEYS) }]);
  expect(emails.missing).toEqual([]);
  expect(emails.unexpected).toEqual([]);
  expect(emails.outboxProblems).toEqual([]);
  expect(mismatches).toEqual([]);
  // The worker hands its emails to the API's mail relay, which finishes a send whether or not the
  // worker that asked is still alive: a kill never leaves an email sent but unrecorded.
  expect(emails.duplicates).toEqual([]);
}, 900_000);

const IMPORT_LINES = Number(process.env.FAULT_IMPORT_LINES ?? 80);

test(`a CSV import of ${IMPORT_LINES} lines gives each line one result while the worker process is killed twice`, async () => {
  const names = Array.from({ length: IMPORT_LINES }, (_, i) => `Crashimport ${String(i + 1).padStart(3, '0')}`);
  const csv = [
    'name,actorType,sector,coordinatorName,coordinatorEmail',
    ...names.map((name) => `${name},civil_society,work,Coördinator,${contactAddresses(name).coordinator}`),
  ].join('\n');
  const started = await system.staffFetch('/api/partners/import', {
    method: 'POST',
    headers: { 'content-type': 'text/csv', prefer: 'respond-async' },
    body: csv,
  });
  expect(started.status).toBe(202);
  const { id } = (await started.json()) as { id: string };
  const results = () =>
    direct
      .selectFrom('partner_import_lines')
      .select(['line', 'status', 'result_partner_id', 'record'])
      .where('import_id', '=', id)
      .orderBy('line')
      .execute();
  const processed = async () => (await results()).filter((r) => r.status !== null).length;

  // Each kill lands while lines are being onboarded: after the import has moved on since the last start.
  let kills = 0;
  for (let seen = 0; kills < 2; kills++) {
    while ((await processed()) <= seen) await sleep(100);
    await sleep(random() * 500);
    await worker.kill();
    seen = await processed();
    await sleep(random() * 1_500);
    await worker.start();
  }
  for (;;) {
    const status = await direct.selectFrom('partner_imports').select('status').where('id', '=', id).executeTakeFirst();
    if (status?.status === 'done') break;
    await sleep(500);
  }

  const lines = await results();
  const partners = await direct
    .selectFrom('partners')
    .select('id')
    .where(
      'id',
      'in',
      names.map((name) => contactAddresses(name).id),
    )
    .execute();
  const contacts = await direct
    .selectFrom('contacts')
    .select(['partner_id', ({ fn }) => fn.countAll<string>().as('n')])
    .where(
      'partner_id',
      'in',
      partners.map((p) => p.id),
    )
    .groupBy('partner_id')
    .execute();
  reportFigures('worker-crashes-import', {
    seed,
    lines: IMPORT_LINES,
    kills,
    created: lines.filter((l) => l.status === 'created').length,
    exists: lines.filter((l) => l.status === 'exists').length,
  });
  // One result per line, each naming its own partner, and the upload deleted.
  expect(lines.map((l) => l.line)).toEqual(names.map((_, i) => i + 2));
  expect(lines.filter((l) => l.result_partner_id !== contactAddresses(names[l.line - 2]!).id)).toEqual([]);
  expect(lines.filter((l) => l.record !== null)).toEqual([]);
  // A line retried after a kill finds the result its first attempt stored with the partner: still "created".
  // Only a kill between the journey's start and the onboarding's commit (milliseconds) leaves the
  // partner to the journey's first activity and the line to say "exists" (docs/reliability.md).
  expect(lines.filter((l) => l.status !== 'created' && l.status !== 'exists')).toEqual([]);
  // No partner twice: one row and one contact each, and one journey.
  expect(partners).toHaveLength(IMPORT_LINES);
  expect(contacts.filter((c) => c.n !== '1')).toEqual([]);
  const journeys = await direct
    .selectFrom('journeys')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .where(
      'partner_id',
      'in',
      partners.map((p) => p.id),
    )
    .executeTakeFirstOrThrow();
  expect(journeys.n).toBe(String(IMPORT_LINES));
}, 600_000);
