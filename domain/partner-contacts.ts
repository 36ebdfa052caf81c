import type { FieldProblem } from './field-problem';
import type { ContactRole, Language } from './vocabulary';

/** A contact as staff send it when they set a partner's contacts; with `id`, an existing contact kept or corrected. */
export interface ContactEntry {
  id?: number;
  name: string;
  email: string;
  role: ContactRole;
  language?: Language;
}

/**
 * What a partner's contacts must be at any time: exactly one coordinator (the journey asks them
 * first) and at most one signatory (without one, the coordinator signs), each person once.
 */
export function contactListProblems(contacts: readonly ContactEntry[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const count = (role: ContactRole) => contacts.filter((c) => c.role === role).length;
  if (count('coordinator') === 0)
    problems.push({ field: 'contacts', message: 'needs exactly one contact with role "coordinator"; there is none' });
  if (count('coordinator') > 1)
    problems.push({
      field: 'contacts',
      message: `needs exactly one contact with role "coordinator"; there are ${count('coordinator')}`,
    });
  if (count('signatory') > 1)
    problems.push({
      field: 'contacts',
      message: `may have one contact with role "signatory"; there are ${count('signatory')}`,
    });
  const ids = contacts.flatMap((c) => (c.id === undefined ? [] : [c.id]));
  if (new Set(ids).size < ids.length) problems.push({ field: 'contacts', message: 'names the same contact id twice' });
  return problems;
}
