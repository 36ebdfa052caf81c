import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { captureRelease, storedHistories } from '../support/history-fixtures';
import { encryptingDataConverter } from '../../privacy/data-converter';
import { quietTemporalRuntime } from '../support/quiet-runtime';
import { memoryDataKeys } from '../support/test-data-keys';
import { sharedServers } from '../support/shared-servers';

/**
 * The determinism guard: histories captured from earlier versions of the workflows
 * (tests/fixtures/histories) must replay against today's code. A change that breaks running
 * journeys fails here; see docs/workflow-versioning.md for how to make it with patched().
 */
const histories = storedHistories();
beforeAll(quietTemporalRuntime);

const typeOf = (history: any): string => history.events[0].workflowExecutionStartedEventAttributes.workflowType.name;
const releases = [...new Set(histories.map((h) => h.release))];

test.each(releases)('release %s has stored histories of every workflow type', (release) => {
  const types = new Set(histories.filter((h) => h.release === release).map(({ history }) => typeOf(history)));
  expect([...types].sort()).toEqual([
    'networkSummary',
    'partnerJourney',
    'prototypeProject',
    'reportingPeriod',
    'request',
    'staffDigest',
  ]);
});

test(`histories since ${captureRelease} run their short steps as local activities, earlier ones as activities`, () => {
  const activityTypes = (history: any): string[] =>
    history.events
      .filter((e: any) => e.activityTaskScheduledEventAttributes)
      .map((e: any) => e.activityTaskScheduledEventAttributes.activityType.name);
  const patchMarkers = (history: any): number =>
    history.events.filter((e: any) => e.markerRecordedEventAttributes?.markerName === 'core_patch').length;
  const journeys = (release: string) =>
    histories.filter((h) => h.release === release && typeOf(h.history) === 'partnerJourney');
  for (const v1 of journeys('v1')) {
    expect(activityTypes(v1.history)).toContain('recordJourneyProgress');
    expect(patchMarkers(v1.history)).toBe(0);
  }
  const current = journeys(captureRelease);
  expect(current.length).toBeGreaterThan(0);
  for (const v2 of current) {
    expect(activityTypes(v2.history)).not.toContain('recordJourneyProgress');
    expect(patchMarkers(v2.history)).toBe(1);
  }
});

test.each(histories.map((h) => [h.name, h]))(
  '%s replays against the current workflow code',
  async (_name, { workflowId, history, keys }) => {
    await Worker.runReplayHistory(
      {
        workflowBundle: { codePath: sharedServers().workflowBundlePath },
        // Encrypted releases decode with the test keys stored beside them; plaintext ones pass through.
        ...(keys ? { dataConverter: encryptingDataConverter(memoryDataKeys(keys)) } : {}),
      },
      history,
      workflowId,
    );
  },
);

test('a change of command order is caught', async () => {
  const journey = histories.find((h) => h.workflowId.startsWith('journey-'));
  const reordered = await bundleWorkflowCode({
    workflowsPath: require.resolve('./reordered-workflows'),
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } as never,
  });
  await expect(
    Worker.runReplayHistory({ workflowBundle: reordered }, journey!.history, journey!.workflowId),
  ).rejects.toThrow(DeterminismViolationError);
});
