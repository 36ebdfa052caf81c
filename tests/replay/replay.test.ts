import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { storedHistories } from '../support/history-fixtures';
import { quietTemporalRuntime } from '../support/quiet-runtime';
import { sharedServers } from '../support/shared-servers';

/**
 * The determinism guard: histories captured from earlier versions of the workflows
 * (tests/fixtures/histories) must replay against today's code. A change that breaks running
 * journeys fails here; see docs/workflow-versioning.md for how to make it with patched().
 */
const histories = storedHistories();
beforeAll(quietTemporalRuntime);

test('there are stored histories of every workflow type', () => {
  const types = new Set(histories.map(({ history }) => (history as any).events[0].workflowExecutionStartedEventAttributes.workflowType.name));
  expect([...types].sort()).toEqual(['networkSummary', 'partnerJourney', 'prototypeProject', 'reportingPeriod', 'request', 'staffDigest']);
});

test.each(histories.map((h) => [h.name, h]))('%s replays against the current workflow code', async (_name, { workflowId, history }) => {
  await Worker.runReplayHistory({ workflowBundle: { codePath: sharedServers().workflowBundlePath } }, history, workflowId);
});

test('a change of command order is caught', async () => {
  const journey = histories.find((h) => h.name.startsWith('journey-'));
  const reordered = await bundleWorkflowCode({ workflowsPath: require.resolve('./reordered-workflows'), logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } as never });
  await expect(Worker.runReplayHistory({ workflowBundle: reordered }, journey!.history, journey!.workflowId)).rejects.toThrow(DeterminismViolationError);
});
