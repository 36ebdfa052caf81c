import type { ApiError } from '../../http/api-error';
import { apiErrorText } from './error-text';
import type { StaffWording } from './wording-nl';

/**
 * A refused staff form, to show it again: each problem of a 400 next to its field (the first part of
 * its path: `invitees.partnerIds` goes next to `invitees`), "already exists" next to the title, and
 * above the form "fix the errors below", or the refusal itself when no field is to blame.
 */
export function formRefusal(
  w: StaffWording,
  refusal: ApiError,
  options: {
    /** The refusal's code when the form was sent before, and how to say it (with the existing id). */
    exists: { code: string; text: (id: string) => string };
    /** A problem in the page's words; by default its path and the API's message. */
    problemText?: (field: string, problem: { field: string; message: string }) => string | undefined;
  },
): { errors: Record<string, string>; message: string } {
  const errors: Record<string, string> = {};
  if (refusal.code === options.exists.code)
    errors.title = options.exists.text(String((refusal.details as { id: string }).id));
  for (const problem of refusal.statusCode === 400 && Array.isArray(refusal.details)
    ? (refusal.details as { field: string; message: string }[])
    : []) {
    const field = problem.field.split('.')[0]!;
    errors[field] = options.problemText?.(field, problem) ?? `${problem.field}: ${problem.message}`;
  }
  return { errors, message: Object.keys(errors).length ? w.common.fixErrors : apiErrorText(w, refusal) };
}
