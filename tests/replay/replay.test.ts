import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { shortStepsPatch } from '../../workflows/activity-proxies';
import { projectGoesOnPatch } from '../../workflows/prototype-project';
import { requestIdsNamePartnerPatch } from '../../workflows/request';
import { calendarPeriodsPatch } from '../../workflows/partner-journey';
import { storedHistories } from '../support/history-fixtures';
import { encryptingDataConverter } from '../../privacy/data-converter';
import { expectingWarning, quietTemporalRuntime } from '../support/quiet-runtime';
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
  // Meetings exist since v5.
  const meetings = release.localeCompare('v5', 'en', { numeric: true }) >= 0 ? ['meeting'] : [];
  // Prioritisation rounds and the expiry of unconfirmed joins exist since v6.
  const portfolio =
    release.localeCompare('v6', 'en', { numeric: true }) >= 0 ? ['expireJoinRequests', 'prioritisationRound'] : [];
  // The CSV import is a workflow since v7.
  const imports = release.localeCompare('v7', 'en', { numeric: true }) >= 0 ? ['partnerImport'] : [];
  expect([...types].sort()).toEqual(
    [
      ...meetings,
      ...portfolio,
      ...imports,
      'networkSummary',
      'partnerJourney',
      'prototypeProject',
      'reportingPeriod',
      'request',
      'staffDigest',
    ].sort(),
  );
});

const activityTypes = (history: any): string[] =>
  history.events
    .filter((e: any) => e.activityTaskScheduledEventAttributes)
    .map((e: any) => e.activityTaskScheduledEventAttributes.activityType.name);
/** The ids of the patches a history took (docs/workflow-versioning.md). */
const patchIds = (history: any): string[] =>
  history.events
    .filter((e: any) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .map((e: any) => {
      const [payload] = e.markerRecordedEventAttributes.details['patch-data'].payloads;
      return JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8')).id;
    });
const ofType = (release: string, type: string) =>
  histories.filter((h) => h.release === release && typeOf(h.history) === type);
const since = (release: string) => releases.filter((r) => r.localeCompare(release, 'en', { numeric: true }) >= 0);

test('histories since v2 run their short steps as local activities, earlier ones as activities', () => {
  for (const v1 of ofType('v1', 'partnerJourney')) {
    expect(activityTypes(v1.history)).toContain('recordJourneyProgress');
    expect(patchIds(v1.history)).toEqual([]);
  }
  for (const release of since('v2')) {
    const journeys = ofType(release, 'partnerJourney');
    expect(journeys.length).toBeGreaterThan(0);
    for (const journey of journeys) {
      expect(activityTypes(journey.history)).not.toContain('recordJourneyProgress');
      expect(patchIds(journey.history)).toContain(shortStepsPatch);
    }
  }
});

test(`histories since v3 carry contact ids and roles, not people, and their requests' ids name the partner`, () => {
  const v3 = ofType('v3', 'partnerJourney');
  expect(v3.length).toBeGreaterThan(0);
  for (const journey of [...ofType('v1', 'partnerJourney'), ...ofType('v2', 'partnerJourney')])
    expect(patchIds(journey.history)).not.toContain(requestIdsNamePartnerPatch);
  for (const { history } of v3 as { history: any }[]) {
    const started = history.events[0].workflowExecutionStartedEventAttributes;
    const input = JSON.parse(Buffer.from(started.input.payloads[0].data, 'base64').toString('utf8'));
    expect(input).toMatchObject({ coordinator: { role: 'coordinator' }, staff: 'staff', director: 'director' });
    expect(input.coordinator).not.toHaveProperty('email');
    expect(input).not.toHaveProperty('contacts');
    if (input.resume) continue; // a run after continue-as-new only reports: its requests are its children's
    expect(patchIds(history)).toContain(requestIdsNamePartnerPatch);
    const partnerId = input.partner.id;
    const children = history.events
      .filter((e: any) => e.startChildWorkflowExecutionInitiatedEventAttributes)
      .map((e: any) => e.startChildWorkflowExecutionInitiatedEventAttributes.workflowId as string);
    for (const child of children.filter((c: string) => c.startsWith('request-')))
      expect(child).toMatch(new RegExp(`^request-${partnerId}-`));
  }
  expect(ofType('v3', 'prototypeProject').some((p) => patchIds(p.history).includes(projectGoesOnPatch))).toBe(true);
});

test('histories since v4 are encrypted under test keys kept beside them, and monitoring journeys moved to calendar periods', () => {
  const v4 = histories.filter((h) => h.release === 'v4');
  expect(v4.length).toBeGreaterThan(0);
  for (const { history, keys } of v4 as { history: any; keys: unknown }[]) {
    expect(keys).toBeDefined();
    const [input] = history.events[0].workflowExecutionStartedEventAttributes.input?.payloads ?? [];
    if (input) expect(input.metadata.encoding).toBe(Buffer.from('binary/encrypted').toString('base64'));
  }
  const monitoring = ofType('v4', 'partnerJourney').filter(({ history }: { history: any }) =>
    history.events.some((e: any) =>
      e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId?.startsWith('report-'),
    ),
  );
  expect(monitoring.length).toBeGreaterThan(0);
  for (const journey of monitoring) expect(patchIds(journey.history)).toContain(calendarPeriodsPatch);
  for (const journey of [...ofType('v3', 'partnerJourney'), ...ofType('v2', 'partnerJourney')])
    expect(patchIds(journey.history)).not.toContain(calendarPeriodsPatch);
});

test('histories since v5: a replaced contact reaches the journey and its open request behind their patches', () => {
  const named = (name: string) => histories.find((h) => h.release === 'v5' && h.name.endsWith(name));
  expect(patchIds(named('journey-coordinator-replaced')!.history)).toContain('partner-record-changes');
  expect(patchIds(named('request-readdressed')!.history)).toContain('request-follows-the-contact');
  for (const journey of ofType('v4', 'partnerJourney'))
    expect(patchIds(journey.history)).not.toContain('partner-record-changes');
});

test('histories since v6: the formalised email and a journey from the join form behind their patches', () => {
  const named = (name: string) => histories.find((h) => h.release === 'v6' && h.name.endsWith(name));
  expect(patchIds(named('journey-completed')!.history)).toContain('formalised-email');
  expect(patchIds(named('journey-joined-at-intent-review')!.history)).toContain('join-starts-at-intent-review');
  for (const journey of ofType('v5', 'partnerJourney'))
    expect(patchIds(journey.history)).not.toContain('formalised-email');
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
    expectingWarning(/TMPRL1100|[Nn]ondeterminism/, 'this test reorders commands on purpose', () =>
      Worker.runReplayHistory({ workflowBundle: reordered }, journey!.history, journey!.workflowId),
    ),
  ).rejects.toThrow(DeterminismViolationError);
});
