import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestSystem } from './test-system';

/** One folder per release of the workflow code: `v1/`, `v2/`, … Old folders are never rewritten. */
export const historiesDir = join(__dirname, '..', 'fixtures', 'histories');

/**
 * The release whose histories `npm run test:capture-histories` writes. Raise it with every change
 * of workflow commands (a `patched()` change), so the previous release's histories stay as they are.
 * v2: short steps as local activities (`shortStepsPatch`).
 * v3: no personal data in workflows: contact ids and staff roles, request ids that name the partner
 * (`requestIdsNamePartnerPatch`), a project that goes on without an ended partner (`projectGoesOnPatch`).
 */
export const captureRelease = 'v3';

/**
 * With CAPTURE_HISTORIES=1 (`npm run test:capture-histories`), stores a workflow's history as a
 * fixture that tests/replay replays against the current workflow code, forever after.
 */
export async function captureHistory(system: TestSystem, workflowId: string, name: string): Promise<void> {
  if (process.env.CAPTURE_HISTORIES !== '1') return;
  const history = await system.temporal.workflow.getHandle(workflowId).fetchHistory();
  const dir = join(historiesDir, captureRelease);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
}

/** Every stored history, named `<release>/<name>`. */
export function storedHistories(): { name: string; release: string; workflowId: string; history: unknown }[] {
  return readdirSync(historiesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((release) =>
      readdirSync(join(historiesDir, release.name))
        .filter((file) => file.endsWith('.json'))
        .map((file) => ({ release: release.name, file })),
    )
    .sort((a, b) => `${a.release}/${a.file}`.localeCompare(`${b.release}/${b.file}`))
    .map(({ release, file }) => ({
      name: `${release}/${basename(file, '.json')}`,
      release,
      workflowId: basename(file, '.json'),
      history: JSON.parse(readFileSync(join(historiesDir, release, file), 'utf8')),
    }));
}
