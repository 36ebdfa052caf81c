import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import { importLinesAtOnce } from '../domain/partner-import';
import { retry } from './activity-proxies';
import type {
  ImportSummary,
  PartnerImportActivities,
  PartnerImportInput,
  WaitingLine,
} from './partner-import-definitions';

const { waitingImportLines, importLine, finishImport } = proxyActivities<PartnerImportActivities>({
  startToCloseTimeout: '1 minute',
  retry,
});

/** Lines asked for at a time: each batch ends before the history is checked for its length. */
const linesPerBatch = 200;

/**
 * A CSV import of partners (`partner-import-<importId>`, features/partners/start-import.ts): onboards
 * the stored lines a few at once, each line's result kept in Postgres by its activity, then deletes
 * the stored upload. Lines naming the same partner go one after another, so the first of them is
 * the one created and the later ones say it exists. The history holds line numbers and partner ids
 * only. The lines still to do are read from Postgres, so a long list continues as new with nothing
 * but the import id, and an activity retried after a crash finds its line's result already there.
 */
export async function partnerImport(input: PartnerImportInput): Promise<ImportSummary> {
  const { importId } = input;
  for (;;) {
    const batch = await waitingImportLines({ importId, limit: linesPerBatch });
    if (batch.length === 0) break;
    await onboardLines(importId, batch);
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof partnerImport>(input);
  }
  return finishImport.executeWithOptions({ summary: `import ${importId}: delete the upload` }, [{ importId }]);
}

async function onboardLines(importId: string, lines: WaitingLine[]): Promise<void> {
  const samePartnerBefore = new Map<string, Promise<unknown>>();
  let next = 0;
  const lane = async () => {
    while (next < lines.length) {
      const { line, partnerId } = lines[next++]!;
      const earlier = partnerId ? samePartnerBefore.get(partnerId) : undefined;
      const done = (async () => {
        await earlier;
        await importLine.executeWithOptions({ summary: `line ${line}` }, [{ importId, line }]);
      })();
      if (partnerId) samePartnerBefore.set(partnerId, done);
      await done;
    }
  };
  await Promise.all(Array.from({ length: Math.min(importLinesAtOnce, lines.length) }, lane));
}
