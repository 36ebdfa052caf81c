import { parse } from 'csv-parse/sync';
import { partnerIdFromName } from '../../domain/partner';
import { ApiError } from '../../http/api-error';
import type { AppDeps } from '../deps';
import { compileValidator } from '../../http/validation';
import { onboardPartner } from './onboard';
import { partnerInputSchema } from './schema';

const validatePartner = compileValidator(partnerInputSchema);

/**
 * Rows onboarded at the same time. One at a time, a member list of 1,000 took longer than the
 * workflows needed to send the invitations (docs/benchmarks.md); more than a few would hold most
 * of the API's database connections (each onboarding holds one while Temporal starts the journey).
 */
const rowsAtOnce = 4;

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
  status: 'created' | 'exists' | 'invalid' | 'failed';
  id?: string;
  /** What went wrong, in English, for the JSON API and logs. */
  error?: string;
  /** The CSV columns an invalid row got wrong: the staff page says in its own language what to write there. */
  columns?: string[];
}

/**
 * Onboards every row of a CSV with the schema and the onboarding of POST /api/partners, so a row
 * is judged and stored exactly like a partner posted alone; a bad row is reported with its line
 * and the rest go on. A few rows are onboarded at once; `onRow` hears of them in line order.
 */
export async function importPartners(
  deps: AppDeps,
  csv: string,
  importedBy: { staffUserId: number },
  onRow?: (result: ImportRowResult) => void,
): Promise<ImportRowResult[]> {
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

  const results: ImportRowResult[] = new Array(records.length);
  let reported = 0;
  const reportInLineOrder = () => {
    for (; reported < records.length && results[reported]; reported++) onRow?.(results[reported]!);
  };
  // Rows naming the same partner go one after another, so the first line is the one created.
  const samePartnerBefore = new Map<string, Promise<unknown>>();
  let next = 0;
  const lane = async () => {
    while (next < records.length) {
      const index = next++;
      const { record, info } = records[index]!;
      const id = partnerIdFromName(record.name ?? '');
      const earlier = samePartnerBefore.get(id);
      const result = (async () => {
        await earlier;
        return importRow(deps, partnerBody(record), { line: info.lines, name: record.name ?? '' }, importedBy);
      })();
      samePartnerBefore.set(
        id,
        result.catch(() => undefined),
      );
      results[index] = await result;
      reportInLineOrder();
    }
  };
  await Promise.all(Array.from({ length: Math.min(rowsAtOnce, records.length) }, lane));
  return results;
}

async function importRow(
  deps: AppDeps,
  body: ReturnType<typeof partnerBody>,
  row: { line: number; name: string },
  importedBy: { staffUserId: number },
): Promise<ImportRowResult> {
  const checked = validatePartner(body);
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
    const { id } = await onboardPartner(deps, checked.value, importedBy);
    return { ...row, status: 'created', id };
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
