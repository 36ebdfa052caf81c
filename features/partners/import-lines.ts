import { sql } from 'kysely';
import type { Db } from '../../db/connection';
import type { ImportSummary, LineDone as LineResult, WaitingLine } from '../../workflows/partner-import-definitions';
import { importRow, type ImportRowResult } from './csv-import';
import { importReport, importSummary } from './import-report';
import type { OnboardingDeps } from './onboard';

/** Lines of the import still without a result, first lines first: line numbers and partner ids only. */
export async function waitingLines(db: Db, importId: string, limit: number): Promise<WaitingLine[]> {
  const rows = await db
    .selectFrom('partner_import_lines')
    .select(['line', 'partner_id'])
    .where('import_id', '=', importId)
    .where('status', 'is', null)
    .orderBy('line')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ line: r.line, partnerId: r.partner_id }));
}

const resultOf = (row: { line: number; status: string | null; result_partner_id: string | null }): LineResult => ({
  line: row.line,
  status: row.status as LineResult['status'],
  ...(row.result_partner_id ? { partnerId: row.result_partner_id } : {}),
});

/** Records a line's result once: a second attempt (an activity retried after a crash) changes nothing. */
async function recordResult(db: Db, importId: string, result: ImportRowResult): Promise<void> {
  await db
    .updateTable('partner_import_lines')
    .set({
      status: result.status,
      result_partner_id: result.id ?? null,
      error: result.error ?? null,
      columns: result.columns ? JSON.stringify(result.columns) : null,
      done_at: sql<Date>`now()`,
    })
    .where('import_id', '=', importId)
    .where('line', '=', result.line)
    .where('status', 'is', null)
    .execute();
}

/**
 * Onboards one stored line like a partner posted alone (features/partners/csv-import.ts) and keeps
 * its result. A partner created here records its line in the onboarding's own transaction, so a
 * retry after a crash finds the result instead of reporting the partner as existing.
 */
export async function importStoredLine(deps: OnboardingDeps, importId: string, line: number): Promise<LineResult> {
  const stored = await deps.db
    .selectFrom('partner_import_lines as l')
    .innerJoin('partner_imports as i', 'i.id', 'l.import_id')
    .select(['l.line', 'l.name', 'l.record', 'l.status', 'l.result_partner_id', 'i.imported_by'])
    .where('l.import_id', '=', importId)
    .where('l.line', '=', line)
    .executeTakeFirst();
  if (!stored) throw new Error(`Import ${importId} has no line ${line}.`);
  if (stored.status) return resultOf(stored);
  const result = stored.record
    ? await importRow(deps, { line, record: stored.record }, { staffUserId: stored.imported_by }, (tx, created) =>
        recordResult(tx, importId, created),
      )
    : ({
        line,
        name: stored.name,
        status: 'failed',
        error: 'The line was erased (its partner’s personal data) before it was imported; nothing was onboarded.',
      } satisfies ImportRowResult);
  if (result.status !== 'created') await recordResult(deps.db, importId, result);
  return { line, status: result.status, ...(result.id ? { partnerId: result.id } : {}) };
}

/** Ends the import: every line has its result, so the stored upload (personal data) is deleted. Answers the counts. */
export async function finishImport(db: Db, importId: string): Promise<ImportSummary> {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('partner_import_lines').set({ record: null }).where('import_id', '=', importId).execute();
    await tx
      .updateTable('partner_imports')
      .set({ status: 'done', finished_at: sql<Date>`coalesce(finished_at, now())` })
      .where('id', '=', importId)
      .execute();
  });
  return importSummary((await importReport(db, importId))!);
}
