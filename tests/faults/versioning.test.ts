import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowExecutionDescription } from '@temporalio/client';
import { type History, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { encryptingDataConverter, failureConverterPath } from '../../privacy/data-converter';
import { journeyWorkflowId, requestWorkflowId } from '../../domain/workflow-ids';
import { storedHistories } from '../support/history-fixtures';
import { Actors, intentAnswer } from '../support/partner-actions';
import { sharedServers } from '../support/shared-servers';
import { memoryDataKeys } from '../support/test-data-keys';
import { startInProcessWorker, startTestSystem, type TestSystem } from '../support/test-system';
import { emailFigures, keyOf, quietFaultRuntime, readModelMismatches, reportFigures } from './fault-kit';
import { bundleVersionTwo, extraReminderPatch } from './versioned-workflows';

/**
 * Issue 6, part 5 (docs/workflow-versioning.md): a second version of the `request` workflow, with a
 * patched() extra reminder (tests/faults/versioned-workflows.ts), is deployed while requests of the
 * first version wait for their first reminder. A worker on bundle v1 starts journeys and stops; a
 * worker on bundle v2 takes over the same task queue. The waiting requests carry on (and pick up the
 * extra reminder from their next step), the journeys move on, and every history replays against v2.
 */
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } as never;

let system: TestSystem;
let actors: Actors;
let dir: string;
let v2BundlePath: string;
beforeAll(async () => {
  quietFaultRuntime();
  system = await startTestSystem(
    {
      PACT_REMINDER_AFTER: '5s',
      PACT_REMINDER_EVERY: '2s',
      PACT_MAX_REMINDERS: '1',
      PACT_ESCALATE_AFTER: '1h',
      PACT_EXPIRE_AFTER: '2h',
    },
    { worker: false },
  );
  actors = new Actors(system);
  dir = mkdtempSync(join(tmpdir(), 'integratiepact-v2-'));
  v2BundlePath = join(dir, 'workflows-v2.js');
  writeFileSync(v2BundlePath, (await bundleVersionTwo({ failureConverterPath, logger: quiet })).code);
}, 120_000);
afterAll(async () => {
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** A worker process's worth of worker, on the system's task queue, running one bundle. */
const runWorker = (codePath: string) =>
  startInProcessWorker(system.env.TEMPORAL_ADDRESS!, codePath, system.db, system.dataKeys, system.config);

/** Where the extra-reminder patch marker is (a request since v2 of the product also has the short-steps marker, first). */
const markerIndex = (h: History) =>
  (h.events ?? []).findIndex(
    (e) =>
      e.markerRecordedEventAttributes?.markerName === 'core_patch' &&
      Buffer.from(e.markerRecordedEventAttributes.details?.['patch-data']?.payloads?.[0]?.data ?? [])
        .toString()
        .includes(extraReminderPatch),
  );
const firstTimerIndex = (h: History) => (h.events ?? []).findIndex((e) => e.timerStartedEventAttributes);

test('requests waiting on v1 carry on under v2 (extra reminder via patched()), and every history replays', async () => {
  // v1: the product's workflows. Three partners get their intent request, then v1 goes away
  // before any first reminder (after 5 s) is due.
  const v1 = await runWorker(sharedServers().workflowBundlePath);
  const v1Partners = await Promise.all(
    ['Versie Een', 'Versie Twee', 'Versie Drie'].map((name) => actors.onboard(name)),
  );
  const v1Requests = await Promise.all(
    v1Partners.map(async (id) => keyOf(await actors.nextEmail(actors.addresses(id).coordinator)).split('/')[1]!),
  );
  // Each v1 request is waiting on its first timer (the reminder) when v1 goes away.
  for (const id of v1Requests) {
    while (firstTimerIndex(await system.temporal.workflow.getHandle(requestWorkflowId(id)).fetchHistory()) < 0)
      await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await v1.stop();
  const v1StoppedAt = Date.now();

  // v2 takes over the task queue; one more partner starts under v2.
  const v2 = await runWorker(v2BundlePath);
  try {
    const v2Partner = await actors.onboard('Versie Vier');
    const v2Request = keyOf(await actors.nextEmail(actors.addresses(v2Partner).coordinator)).split('/')[1]!;
    const partners = [...v1Partners, v2Partner];
    const requests = [...v1Requests, v2Request];

    // Every intent request now sends two reminders (v1 would stop at one); then the partner answers
    // and the journey moves on to staff review, which staff approve: the journey reaches commitment.
    await Promise.all(
      partners.map(async (id, i) => {
        for (const n of [1, 2])
          await system.mail.waitForMessage((m) => keyOf(m) === `request/${requests[i]}/0/reminder-${n}`, 60_000);
        const ask = (await system.mail.messages()).find((m) => keyOf(m) === `request/${requests[i]}/0/sent`)!;
        await actors.expectOk(actors.post(actors.linkIn(ask), intentAnswer));
        const name = ['Versie Een', 'Versie Twee', 'Versie Drie', 'Versie Vier'][i]!;
        await actors.expectOk(actors.answer(system.config.staffEmail, { decision: 'approve' }, new RegExp(name)));
        await actors.waitForStage(id, 'commitment');
      }),
    );

    // The histories: v1 requests got the patch marker only when v2 first ran them; all replay on v2.
    const requestHistories = await Promise.all(
      requests.map((id) => system.temporal.workflow.getHandle(requestWorkflowId(id)).fetchHistory()),
    );
    const journeyHistories = await Promise.all(
      partners.map((id) => system.temporal.workflow.getHandle(journeyWorkflowId(id)).fetchHistory()),
    );
    const dataConverter = encryptingDataConverter(system.dataKeys);
    const v2Bundle = { workflowBundle: { codePath: v2BundlePath }, dataConverter };
    const replayed: string[] = [];
    for (const [i, history] of [...requestHistories, ...journeyHistories].entries()) {
      const workflowId =
        i < requests.length ? requestWorkflowId(requests[i]!) : journeyWorkflowId(partners[i - requests.length]!);
      await Worker.runReplayHistory(v2Bundle, JSON.parse(historyToJSON(history)), workflowId);
      replayed.push(workflowId);
    }
    // Histories stored from earlier releases (tests/fixtures/histories) replay on v2 too.
    const fixtures = storedHistories();
    for (const fixture of fixtures) {
      const keys = fixture.keys ? { dataConverter: encryptingDataConverter(memoryDataKeys(fixture.keys)) } : {};
      await Worker.runReplayHistory({ ...v2Bundle, ...keys }, fixture.history, fixture.workflowId);
    }
    // Rolling back is not safe: a history that took the v2 branch does not replay on v1.
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: sharedServers().workflowBundlePath }, dataConverter },
        JSON.parse(historyToJSON(requestHistories[0]!)),
        requestWorkflowId(requests[0]!),
      ),
    ).rejects.toThrow(DeterminismViolationError);

    const described: WorkflowExecutionDescription[] = await Promise.all(
      requests.map((id) => system.temporal.workflow.getHandle(requestWorkflowId(id)).describe()),
    );
    const remindersBeforeV2 = (await system.mail.messages()).filter(
      (m) => /\/reminder-\d+$/.test(keyOf(m)) && m.receivedAt.getTime() <= v1StoppedAt,
    ).length;
    const rows = await system.db
      .selectFrom('requests')
      .select(['id', 'reminders_sent', 'status'])
      .where('id', 'in', requests)
      .execute();
    const emails = await emailFigures(system, system.db, []);
    const mismatches = await readModelMismatches(system, system.db, partners);
    reportFigures('versioning', {
      patch: extraReminderPatch,
      startedOnV1: v1Partners.length,
      startedOnV2: 1,
      remindersBeforeV1Stopped: remindersBeforeV2,
      remindersSentPerIntentRequest: rows.map((r) => r.reminders_sent),
      historiesReplayedOnV2: replayed.length,
      storedFixturesReplayedOnV2: fixtures.length,
      duplicates: emails.duplicates.length,
      readModelMismatches: mismatches.length,
    });

    expect(rows.map((r) => [r.status, r.reminders_sent])).toEqual(requests.map(() => ['answered', 2]));
    expect(remindersBeforeV2).toBe(0);
    for (const [i, history] of requestHistories.entries()) {
      expect(markerIndex(history)).toBeGreaterThanOrEqual(0);
      // v1 requests: their first timer was started by v1, before any marker; the v2 request: marker first.
      if (i < v1Requests.length) expect(markerIndex(history)).toBeGreaterThan(firstTimerIndex(history));
      else expect(markerIndex(history)).toBeLessThan(firstTimerIndex(history));
    }
    expect(described.every((d) => d.status.name === 'COMPLETED')).toBe(true);
    expect(emails.duplicates).toEqual([]);
    expect(emails.outboxProblems).toEqual([]);
    expect(mismatches).toEqual([]);
  } finally {
    await v2.stop();
  }
}, 240_000);
