import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { basename, join } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { keyIdOf } from '../../privacy/payload-codec';
import type { DataKeysJson } from './test-data-keys';

/** One folder per release of the workflow code: `v1/`, `v2/`, … Old folders are never rewritten. */
export const historiesDir = join(__dirname, '..', 'fixtures', 'histories');

/**
 * The release whose histories `npm run test:capture-histories` writes. Raise it with every change
 * of workflow commands (a `patched()` change), so the previous release's histories stay as they are.
 * v2: short steps as local activities (`shortStepsPatch`).
 * v3: no personal data in workflows: contact ids and staff roles, request ids that name the partner
 * (`requestIdsNamePartnerPatch`), a project that goes on without an ended partner (`projectGoesOnPatch`).
 * v4: calendar reporting periods (`calendarPeriodsPatch`); histories encrypted by the payload codec.
 * v5: partner record changes told to the journey and open requests re-addressed
 * (`partner-record-changes`, `request-follows-the-contact`); meeting workflows and action requests.
 * v6: the formalised email after the countersignature (`formalised-email`), a journey from the public
 * join form that starts at the intent review (`join-starts-at-intent-review`); prioritisation rounds
 * and the expiry of unconfirmed joins.
 * v7: the CSV import as a workflow (`partnerImport`); no patch.
 */
export const captureRelease = 'v7';

/** Beside a release's histories: the test data keys that decrypt them (v1 and v2 are plaintext, without). */
export const dataKeysFile = 'data-keys.json';

export const capturing = () => process.env.CAPTURE_HISTORIES === '1';

/**
 * While capturing, the data keys of every test system are derived from their key id, so the test
 * files that capture in parallel agree on each key (`_global.1` above all). Test-only keys: they
 * decrypt nothing but the fixtures, and are committed beside them.
 */
export const captureDataKey = (keyId: string): Buffer =>
  createHmac('sha256', 'integratiepact test data keys').update(keyId).digest();

/**
 * With CAPTURE_HISTORIES=1 (`npm run test:capture-histories`), stores a workflow's history as a
 * fixture that tests/replay replays against the current workflow code, forever after: encrypted, as
 * Temporal stores it, with the test keys of its payloads added to the release's data-keys.json.
 */
/** What capturing needs of a test system (tests/support/test-system.ts, which imports this module). */
type CapturingSystem = { temporal: Client };

export async function captureHistory(system: CapturingSystem, workflowId: string, name: string): Promise<void> {
  if (capturing()) await writeHistoryFixture(system, workflowId, name, join(historiesDir, captureRelease));
}

/** Writes one history fixture and its keys into `dir` (the system must make its keys with captureDataKey). */
export async function writeHistoryFixture(system: CapturingSystem, workflowId: string, name: string, dir: string) {
  const history = JSON.parse(historyToJSON(await system.temporal.workflow.getHandle(workflowId).fetchHistory()));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(history, null, 1)}\n`);
  const keysPath = join(dir, dataKeysFile);
  await withLock(`${keysPath}.lock`, () => {
    const keys: DataKeysJson = existsSync(keysPath) ? JSON.parse(readFileSync(keysPath, 'utf8')) : {};
    for (const keyId of keyIdsIn(history)) keys[keyId] = captureDataKey(keyId).toString('base64');
    const sorted = Object.fromEntries(Object.entries(keys).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(`${keysPath}.tmp`, `${JSON.stringify(sorted, null, 1)}\n`);
    renameSync(`${keysPath}.tmp`, keysPath);
  });
}

/**
 * Test files capture in parallel processes, each adding its keys to one data-keys.json: a directory
 * made with mkdir (atomic) is the lock, so no file reads another's half-written file or drops its keys.
 */
async function withLock(lockDir: string, update: () => void): Promise<void> {
  for (let tries = 0; ; tries += 1) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries > 600) throw error;
      await sleep(50);
    }
  }
  try {
    update();
  } finally {
    rmdirSync(lockDir);
  }
}

/** The key ids of the encrypted payloads anywhere in a history (as JSON: bytes in base64). */
function keyIdsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keyIdsIn(v, found));
  else if (value && typeof value === 'object') {
    const { metadata } = value as { metadata?: Record<string, string> };
    if (metadata?.encoding) {
      const bytes = Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
      const keyId = keyIdOf({ metadata: bytes });
      if (keyId) found.add(keyId);
    }
    Object.values(value).forEach((v) => keyIdsIn(v, found));
  }
  return found;
}

export interface StoredHistory {
  name: string;
  release: string;
  workflowId: string;
  history: unknown;
  /** The test keys beside an encrypted release's histories. */
  keys: DataKeysJson | undefined;
}

/** Every stored history, named `<release>/<name>`. */
export function storedHistories(dir = historiesDir): StoredHistory[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((release) => {
      const keysPath = join(dir, release.name, dataKeysFile);
      const keys = existsSync(keysPath) ? (JSON.parse(readFileSync(keysPath, 'utf8')) as DataKeysJson) : undefined;
      return readdirSync(join(dir, release.name))
        .filter((file) => file.endsWith('.json') && file !== dataKeysFile)
        .map((file) => ({ release: release.name, file, keys }));
    })
    .sort((a, b) => `${a.release}/${a.file}`.localeCompare(`${b.release}/${b.file}`))
    .map(({ release, file, keys }) => ({
      name: `${release}/${basename(file, '.json')}`,
      release,
      workflowId: basename(file, '.json'),
      history: JSON.parse(readFileSync(join(dir, release, file), 'utf8')),
      keys,
    }));
}
