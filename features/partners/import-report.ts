import type { Db } from '../../db/connection';
import type { ImportStatus } from '../../domain/partner-import';
import type { ImportRowResult } from './csv-import';
import type { ImportSummary } from '../../workflows/partner-import-definitions';

export interface ImportReport {
  id: string;
  startedAt: Date;
  /** Data lines in the file, for the progress bar. */
  total: number;
  status: ImportStatus;
  /** The lines with a result so far, in line order. */
  results: ImportRowResult[];
}

/** The import's own row: undefined if unknown. */
const importRow = (db: Db, id: string) =>
  db
    .selectFrom('partner_imports')
    .select(['id', 'started_at', 'total', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();

/** Its lines with a result so far, in line order: all of them, or those the query narrows down to. */
const resultLines = (db: Db, id: string) =>
  db
    .selectFrom('partner_import_lines')
    .select(['line', 'name', 'status', 'result_partner_id', 'error', 'columns'])
    .where('import_id', '=', id)
    .where('status', 'is not', null)
    .orderBy('line');

type ResultLine = Awaited<ReturnType<ReturnType<typeof resultLines>['execute']>>[number];

const rowResult = (l: ResultLine): ImportRowResult => ({
  line: l.line,
  name: l.name,
  status: l.status!,
  ...(l.result_partner_id ? { id: l.result_partner_id } : {}),
  ...(l.error ? { error: l.error } : {}),
  ...(l.columns ? { columns: l.columns } : {}),
});

/** An import as Postgres holds it, so any API process shows it, also after a restart; undefined if unknown. */
export async function importReport(db: Db, id: string): Promise<ImportReport | undefined> {
  const found = await importRow(db, id);
  if (!found) return undefined;
  const lines = await resultLines(db, id).execute();
  return {
    id: found.id,
    startedAt: found.started_at,
    total: found.total,
    status: found.status,
    results: lines.map(rowResult),
  };
}

/** How many lines ended how: the JSON API's summary and the page's. */
export function importSummary(report: ImportReport): ImportSummary {
  const count = (status: ImportRowResult['status']) => report.results.filter((r) => r.status === status).length;
  return summaryOf(report.total, count);
}

const summaryOf = (rows: number, count: (status: ImportRowResult['status']) => number): ImportSummary => ({
  rows,
  created: count('created'),
  exists: count('exists'),
  invalid: count('invalid'),
  failed: count('failed'),
});

/** What the staff page shows of an import: its counts, every line not added, and one page of all its lines. */
export interface ImportReportPage extends Omit<ImportReport, 'results'> {
  /** Lines with a result so far. */
  processed: number;
  summary: ImportSummary;
  /** The invalid and failed lines, all of them: what staff fix and upload again. */
  notAdded: ImportRowResult[];
  /** One page of every line with a result, in line order. */
  page: ImportRowResult[];
  pages: number;
}

/**
 * An import for its staff page: an import of thousands of lines is shown a page of lines at a time, its
 * counts read in Postgres (issue 28: a whole 1,000-line report drawn as one page took 19 ms).
 */
export async function importReportPage(
  db: Db,
  id: string,
  { number, size }: { number: number; size: number },
): Promise<ImportReportPage | undefined> {
  const found = await importRow(db, id);
  if (!found) return undefined;
  const [counts, notAdded, page] = await Promise.all([
    db
      .selectFrom('partner_import_lines')
      .select(['status', (eb) => eb.fn.countAll<string>().as('lines')])
      .where('import_id', '=', id)
      .where('status', 'is not', null)
      .groupBy('status')
      .execute(),
    resultLines(db, id).where('status', 'in', ['invalid', 'failed']).execute(),
    resultLines(db, id)
      .limit(size)
      .offset((number - 1) * size)
      .execute(),
  ]);
  const count = (status: ImportRowResult['status']) => Number(counts.find((c) => c.status === status)?.lines ?? 0);
  const processed = counts.reduce((sum, c) => sum + Number(c.lines), 0);
  return {
    id: found.id,
    startedAt: found.started_at,
    total: found.total,
    status: found.status,
    processed,
    summary: summaryOf(found.total, count),
    notAdded: notAdded.map(rowResult),
    page: page.map(rowResult),
    pages: Math.max(1, Math.ceil(processed / size)),
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
