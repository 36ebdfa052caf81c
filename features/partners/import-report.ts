import type { Db } from '../../db/connection';
import type { ImportStatus } from '../../domain/partner-import';
import type { ImportRowResult } from './csv-import';

export interface ImportReport {
  id: string;
  startedAt: Date;
  /** Data lines in the file, for the progress bar. */
  total: number;
  status: ImportStatus;
  /** The lines with a result so far, in line order. */
  results: ImportRowResult[];
}

/** An import as Postgres holds it, so any API process shows it, also after a restart; undefined if unknown. */
export async function importReport(db: Db, id: string): Promise<ImportReport | undefined> {
  const found = await db
    .selectFrom('partner_imports')
    .select(['id', 'started_at', 'total', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!found) return undefined;
  const lines = await db
    .selectFrom('partner_import_lines')
    .select(['line', 'name', 'status', 'result_partner_id', 'error', 'columns'])
    .where('import_id', '=', id)
    .where('status', 'is not', null)
    .orderBy('line')
    .execute();
  return {
    id: found.id,
    startedAt: found.started_at,
    total: found.total,
    status: found.status,
    results: lines.map((l) => ({
      line: l.line,
      name: l.name,
      status: l.status!,
      ...(l.result_partner_id ? { id: l.result_partner_id } : {}),
      ...(l.error ? { error: l.error } : {}),
      ...(l.columns ? { columns: l.columns } : {}),
    })),
  };
}

/** How many lines ended how: the JSON API's summary and the page's. */
export function importSummary(report: ImportReport) {
  const count = (status: ImportRowResult['status']) => report.results.filter((r) => r.status === status).length;
  return {
    rows: report.total,
    created: count('created'),
    exists: count('exists'),
    invalid: count('invalid'),
    failed: count('failed'),
  };
}

const pollMs = 250;

/**
 * The import's report once it is done, or its report so far after `withinMs`. Postgres is asked
 * rather than the workflow, so the wait is the same from any API process.
 */
export async function awaitImport(db: Db, id: string, withinMs: number): Promise<ImportReport | undefined> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const status = await db.selectFrom('partner_imports').select('status').where('id', '=', id).executeTakeFirst();
    if (!status || status.status === 'done' || Date.now() + pollMs > deadline) return importReport(db, id);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
