import { Type } from 'typebox';

/**
 * Names and titles travel into email subjects, calendar fields and headers, where a line break
 * would split them; the mail relay refuses such a subject, so the email would never go out. So
 * they are refused at input, in every channel (JSON API, staff forms, CSV import), by this one
 * schema rule: one line, with no control character (CR, LF, tab, …) nor Unicode line separator.
 */
export const oneLinePattern = '^[^\\p{Cc}\\p{Zl}\\p{Zp}]*$';

export const oneLineMessage = 'must be one line, without line breaks, tabs or other control characters';

const oneLine = new RegExp(oneLinePattern, 'u');
/** The same rule outside a schema (the CLI's arguments, which no request schema sees). */
export const isOneLine = (text: string): boolean => oneLine.test(text);

/** A one-line name or title of `minLength` to `maxLength` characters, not only spaces. */
export const oneLineText = (minLength: number, maxLength: number) =>
  Type.String({ minLength, maxLength, allOf: [{ pattern: '\\S' }, { pattern: oneLinePattern }] });
