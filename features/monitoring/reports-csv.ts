import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet would read as a formula: it starts with = + - @, or with a TAB or CR
 * (which some spreadsheets skip before looking for the formula sign).
 */
const formulaStart = /^[=+\-@\t\r]/;

/** Text is shown as text: a leading apostrophe keeps a spreadsheet from running it (OWASP "CSV injection"). */
export const defuseFormula = (text: string): string => (formulaStart.test(text) ? `'${text}` : text);

/** RFC 4180 CSV (CRLF, quoted where needed, line breaks inside cells quoted too) with formulas defused. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return stringify([header, ...rows], {
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    cast: { string: defuseFormula, date: (date) => date.toISOString() },
  });
}
