import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { journeyWorkflowId } from '../../domain/workflow-ids';
import { encryptingDataConverter } from '../../privacy/data-converter';
import { dataKeysFile, storedHistories, writeHistoryFixture } from '../support/history-fixtures';
import { Actors } from '../support/partner-actions';
import { expectingWarning } from '../support/quiet-runtime';
import { sharedServers } from '../support/shared-servers';
import { memoryDataKeys } from '../support/test-data-keys';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * What `npm run test:capture-histories` writes since histories are encrypted: the history as
 * Temporal stores it, and the test keys beside it, with which tests/replay replays it.
 */
let system: TestSystem;
let dir: string;
beforeAll(async () => {
  system = await startTestSystem({}, { fixtureKeys: true });
  dir = mkdtempSync(join(tmpdir(), 'integratiepact-fixtures-'));
});
afterAll(async () => {
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a captured history is ciphertext with its test keys beside it, and replays through the codec', async () => {
  const actors = new Actors(system);
  const id = await actors.onboard('Vastgelegd Een');
  await actors.nextEmail(actors.addresses(id).coordinator);
  await writeHistoryFixture(system, journeyWorkflowId(id), 'journey-waiting', join(dir, 'vX'));

  const text = readFileSync(join(dir, 'vX', 'journey-waiting.json'), 'utf8');
  expect(text).not.toContain(`coordinator@${id}.example`);
  expect(Buffer.from(text.match(/"data": "([^"]+)"/)![1]!, 'base64').toString()).not.toContain(id);
  const keys = JSON.parse(readFileSync(join(dir, 'vX', dataKeysFile), 'utf8'));
  expect(Object.keys(keys)).toContain(`${id}.1`);

  const [stored] = storedHistories(dir);
  expect(stored).toMatchObject({ release: 'vX', workflowId: 'journey-waiting', keys });
  const bundle = { workflowBundle: { codePath: sharedServers().workflowBundlePath } };
  await Worker.runReplayHistory(
    { ...bundle, dataConverter: encryptingDataConverter(memoryDataKeys(stored!.keys)) },
    stored!.history,
    stored!.workflowId,
  );
  // Without its keys it cannot replay: the fixture really is encrypted. The worker's warning about
  // the failing workflow task ("Unknown encoding") is this check working.
  await expect(
    expectingWarning(/Unknown encoding|Encoded failure/, 'this test replays without the keys on purpose', () =>
      Worker.runReplayHistory(bundle, stored!.history, stored!.workflowId),
    ),
  ).rejects.toThrow();
});
