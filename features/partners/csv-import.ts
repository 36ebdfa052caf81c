import { parse } from 'csv-parse/sync';
import type { Db } from '../../db/connection';
import type { ImportLineStatus } from '../../domain/partner-import';
import { ApiError } from '../../http/api-error';
import { compileValidator } from '../../http/validation';
import { onboardPartner, type OnboardingDeps } from './onboard';
import { partnerInputSchema } from './schema';

const validatePartner = compileValidator(partnerInputSchema);

/** The columns of a federation's member list, as staff upload it (the first line names them). */
export const importColumns = [
  'name',
  'actorType',
  'sector',
  'language',
  'coordinatorName',
  'coordinatorEmail',
  'signatoryName',
  'signatoryEmail',
] as const;

export interface ImportRowResult {
  line: number;
  name: string;
  status: ImportLineStatus;
  id?: string;
  /** What went wrong, in English, for the JSON API and logs. */
  error?: string;
  /** The CSV columns an invalid row got wrong: the staff page says in its own language what to write there. */
  columns?: string[];
}

/** A data line of an uploaded member list: its line in the file and its cells by column. */
export interface MemberLine {
  line: number;
  record: Record<string, string>;
}

/**
 * Reads a member list, or refuses it as a whole (not CSV, columns missing) with a 400 that says
 * what to fix, before anything is stored or onboarded.
 */
export function parseMemberList(csv: string): MemberLine[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new ApiError(400, 'invalid_csv', `The file is not valid CSV: ${(error as Error).message}`);
  }
  const header = Object.keys(records[0]?.record ?? {});
  const missing = ['name', 'actorType', 'sector', 'coordinatorName', 'coordinatorEmail'].filter(
    (c) => records.length && !header.includes(c),
  );
  if (missing.length)
    throw new ApiError(
      400,
      'invalid_csv',
      `The first line must name the columns; missing: ${missing.join(', ')}. Expected: ${importColumns.join(',')}`,
    );
  return records.map(({ record, info }) => ({ line: info.lines, record }));
}

/**
 * Onboards one line with the schema and the onboarding of POST /api/partners, so a row is judged
 * and stored exactly like a partner posted alone: created, or why not. `withinTransaction` runs in
 * the onboarding's transaction once the partner is stored (the import records the line's result there).
 */
export async function importRow(
  deps: OnboardingDeps,
  { line, record }: MemberLine,
  importedBy: { staffUserId: number },
  withinTransaction?: (tx: Db, result: ImportRowResult) => Promise<void>,
): Promise<ImportRowResult> {
  const row = { line, name: record.name ?? '' };
  const checked = validatePartner(partnerBody(record));
  if (!checked.ok) {
    const { problems } = checked;
    return {
      ...row,
      status: 'invalid',
      error: columnNames(problems.map((p) => `${p.field}: ${p.message}`).join('; ')),
      columns: [...new Set(problems.map((p) => columnNames(p.field).split('.')[0]!))],
    };
  }
  try {
    const created = (id: string): ImportRowResult => ({ ...row, status: 'created', id });
    const { id } = await onboardPartner(
      deps,
      checked.value,
      importedBy,
      undefined,
      withinTransaction && ((tx, id) => withinTransaction(tx, created(id))),
    );
    return created(id);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === 'partner_exists')
      return { ...row, status: 'exists', id: (error.details as { id: string }).id, error: error.message };
    return { ...row, status: error.statusCode < 500 ? 'invalid' : 'failed', error: columnNames(error.message) };
  }
}

function partnerBody(row: Record<string, string>) {
  const contact = (prefix: 'coordinator' | 'signatory') =>
    row[`${prefix}Email`] || row[`${prefix}Name`]
      ? [{ name: row[`${prefix}Name`] ?? '', email: row[`${prefix}Email`] ?? '', role: prefix }]
      : [];
  return {
    name: row.name ?? '',
    actorType: row.actorType ?? '',
    sector: row.sector ?? '',
    ...(row.language ? { language: row.language } : {}),
    contacts: [...contact('coordinator'), ...contact('signatory')],
  };
}

/** Speaks of the CSV's columns rather than the JSON body's fields in error messages. */
function columnNames(message: string): string {
  return message
    .replace(/contacts\.0\.(\w+)/g, (_, field: string) => `coordinator${field[0]!.toUpperCase()}${field.slice(1)}`)
    .replace(/contacts\.1\.(\w+)/g, (_, field: string) => `signatory${field[0]!.toUpperCase()}${field.slice(1)}`);
}
