import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestSystem } from './test-system';

export const historiesDir = join(__dirname, '..', 'fixtures', 'histories');

/**
 * With CAPTURE_HISTORIES=1 (`npm run test:capture-histories`), stores a workflow's history as a
 * fixture that tests/replay replays against the current workflow code, forever after.
 */
export async function captureHistory(system: TestSystem, workflowId: string, name: string): Promise<void> {
  if (process.env.CAPTURE_HISTORIES !== '1') return;
  const history = await system.temporal.workflow.getHandle(workflowId).fetchHistory();
  mkdirSync(historiesDir, { recursive: true });
  writeFileSync(join(historiesDir, `${name}.json`), `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
}

export function storedHistories(): { name: string; workflowId: string; history: unknown }[] {
  return readdirSync(historiesDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ name: file.replace(/\.json$/, ''), workflowId: file.replace(/\.json$/, ''), history: JSON.parse(readFileSync(join(historiesDir, file), 'utf8')) }));
}
