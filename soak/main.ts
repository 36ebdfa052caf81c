/**
 * The chaos soak (docs/reliability.md): the whole system as separate processes under steady load
 * while processes are killed at random, then a quiet drain and the checks. Exit code 1 when a
 * check fails. `npm run soak -- --minutes=N [--seed=S] [--temporal=dev|cluster] [--no-docs]`.
 */
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../tests/support/free-port';
import { seededRandom } from '../tests/faults/fault-kit';
import { type ChaosEvent, runChaos, superviseOnce } from './chaos';
import type { CheckResult } from './checks/check';
import { checkEmails } from './checks/emails';
import { checkImport } from './checks/import';
import { checkJourneys } from './checks/journeys';
import { checkLoginLimit } from './checks/login-limit';
import { checkMeetings } from './checks/meetings';
import { killCounts, printFigures, writeFiguresToDocs } from './figures';
import { type ImportOutcome, importMemberList } from './load/import';
import { JourneyLoad } from './load/journeys';
import { MeetingLoad } from './load/meetings';
import { readAsStaff, type ReadFigures } from './load/staff-reads';
import { parseSoakOptions, type SoakOptions } from './options';
import { LoadCounters, sleep } from './retry';
import { log, startSoakSystem } from './system';
import { temporalOnDevServer } from './temporal-part';
import { temporalOnCluster } from './temporal-on-cluster';

/**
 * The drain may take this long at most: journeys begun just before the end still need their four
 * answers. Half the chaos's length, 2 to 15 minutes, so the CI's 5-minute soak ends within 10.
 */
const drainLimit = (minutes: number) => Math.min(15, Math.max(2, minutes / 2)) * 60_000;

async function main(options: SoakOptions): Promise<number> {
  log(`seed ${options.seed}, ${options.minutes} minutes of chaos (repeat with --seed=${options.seed})`);
  const workDir = mkdtempSync(join(tmpdir(), 'integratiepact-soak-'));
  chmodSync(workDir, 0o755); // the embedded Postgres runs as another user when we are root
  const system = await startSoakSystem({
    workDir,
    // The cluster unless --temporal=dev: what users deploy, four services the chaos kills one by one.
    startTemporal: async (postgres) =>
      options.temporal === 'dev'
        ? temporalOnDevServer(workDir, await freePort())
        : temporalOnCluster(workDir, postgres),
  });
  const chaosRandom = seededRandom(options.seed);
  const loadRandom = seededRandom(options.seed ^ 0x5eed);
  const counters = new LoadCounters();
  const journeys = new JourneyLoad(system, counters, loadRandom);
  const meetings = new MeetingLoad(system, counters, loadRandom);
  const reads: ReadFigures = { answered: 0, failed: 0 };
  const events: ChaosEvent[] = [];
  let imported: Promise<ImportOutcome> | undefined;

  await meetings.onboardInvitees(['Soakzorg Een', 'Soakzorg Twee', 'Soakzorg Drie']);
  const started = Date.now();
  const until = started + options.minutes * 60_000;
  log(`load and chaos until ${new Date(until).toISOString().slice(11, 19)}`);
  const killables = [...system.apis, ...system.workers, ...system.temporalPart.killables, system.postgres];
  const chaos = runChaos({
    killables,
    watched: system.temporalPart.watched,
    smtp: {
      name: 'smtp',
      pause: () => process.kill(system.mailpit.pid, 'SIGSTOP'),
      resume: () => process.kill(system.mailpit.pid, 'SIGCONT'),
    },
    random: chaosRandom,
    until,
    events,
  });
  const staffReads = readAsStaff(system, until, reads);
  // Steady load: a journey every 6–14 s, a meeting every 80–120 s, the member list a quarter in.
  let journey = 0;
  let nextMeeting = started + 20_000;
  while (Date.now() < until) {
    journey += 1;
    journeys.begin(`Soakreis ${journey}`);
    if (Date.now() >= nextMeeting) {
      meetings.begin();
      nextMeeting = Date.now() + 80_000 + loadRandom() * 40_000;
    }
    if (!imported && Date.now() >= started + options.minutes * 15_000)
      imported = importMemberList(
        system,
        counters,
        Array.from({ length: 12 }, (_, i) => `Soakimport ${i + 1}`),
      );
    await sleep(6_000 + loadRandom() * 8_000);
  }
  await chaos;
  await staffReads;
  await superviseOnce([...killables, ...system.temporalPart.watched], events);
  log(`chaos over (${events.length} blows); quiet drain: every journey begun gets its answers`);
  const drainStarted = Date.now();
  const drained = await Promise.race([
    Promise.all([journeys.settled(), meetings.settled(), imported]).then(() => true),
    sleep(drainLimit(options.minutes)).then(() => false),
  ]);
  const drainS = Math.round((Date.now() - drainStarted) / 1000);
  log(`drained in ${drainS} s${drained ? '' : ' (limit reached)'}`);

  const checks: CheckResult[] = [];
  const importOutcome = await imported?.catch((error: Error) => error);
  const expected = new Map<string, string>([
    ...journeys.partners.map((id) => [id, 'prototype'] as const),
    ...meetings.partners.map((id) => [id, 'intent'] as const),
    ...(importOutcome instanceof Error || !importOutcome
      ? []
      : importOutcome.partners.map((id) => [id, 'intent'] as const)),
  ]);
  checks.push({
    name: 'the load got through',
    outcome:
      drained &&
      !journeys.failures.length &&
      !meetings.failures.length &&
      !(importOutcome instanceof Error) &&
      !events.some((e) => e.failure)
        ? 'passed'
        : 'failed',
    details: [
      ...journeys.failures,
      ...meetings.failures,
      ...(importOutcome instanceof Error ? [`import: ${importOutcome.message}`] : []),
      ...events.flatMap((e) => (e.failure ? [e.failure] : [])),
      ...(drained
        ? [`every client finished in the drain (${drainS} s)`]
        : [`the drain did not end within ${drainLimit(options.minutes) / 60_000} minutes`]),
    ],
  });
  // The import first: an import that runs as a workflow may still be onboarding its last lines.
  if (importOutcome && !(importOutcome instanceof Error))
    checks.push(await checkImport(system, counters, importOutcome));
  checks.push(...(await checkJourneys(system, expected, journeys.answers)));
  const emails = await checkEmails(system, [...expected.keys()], journeys.partners, events);
  checks.push(...emails.results);
  checks.push(await checkMeetings(system, meetings.lastAnswers));
  checks.push(await checkLoginLimit(system));

  const figures = {
    seed: options.seed,
    minutes: options.minutes,
    temporal: system.temporalPart.kind,
    at: new Date().toISOString(),
    kills: killCounts(events),
    load: Object.fromEntries(counters.done),
    staffReads: reads,
    retries: Object.fromEntries(counters.retried),
    emails: emails.received,
    lost: checks
      .filter((c) => (c.name === 'no email lost' || c.name === 'no answer lost') && c.outcome === 'failed')
      .reduce((sum, c) => sum + c.details.length, 0),
    duplicates: emails.duplicates,
    drainS,
    checks,
  };
  printFigures(figures);
  if (options.docs) await writeFiguresToDocs(figures);
  await system.stop();
  const failed = checks.some((c) => c.outcome === 'failed');
  if (failed) log(`a check failed: the work folder stays for a look, ${workDir} (logs/ has each process's output)`);
  else rmSync(workDir, { recursive: true, force: true });
  return failed ? 1 : 0;
}

// Ctrl-C or a CI timeout: exit through 'exit', where every process the soak started is killed.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

let options: SoakOptions;
try {
  options = parseSoakOptions(process.argv.slice(2));
} catch (error) {
  // Bad input: one line saying what to give instead, nothing started.
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
main(options).then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`the soak could not run: ${(error as Error).stack ?? String(error)}`);
    process.exit(2);
  },
);
