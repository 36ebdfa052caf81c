import type { RequestKind } from '../../domain/journey';

/**
 * Turns the fields of the HTML form into the same answer a JSON client would send, so one
 * validator (the request workflow's) judges both. Values stay as typed when they are not numbers,
 * so the validator can name the field.
 */
export function answerFromForm(kind: RequestKind, form: Record<string, unknown>): Record<string, unknown> {
  const list = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const number = (value: string) => (/^\s*\d+([.,]\d+)?\s*$/.test(value) ? Number(value.replace(',', '.')) : value);
  switch (kind) {
    case 'intent':
      return { levers: list(form.levers), goals: list(form.goals), summary: text(form.summary) ?? '' };
    case 'signoff':
    case 'project':
      return { decision: text(form.decision), ...(text(form.comment) ? { comment: text(form.comment) } : {}) };
    case 'report': {
      const values = Object.fromEntries(
        Object.entries(form)
          .filter(([name, value]) => name.startsWith('value_') && typeof value === 'string' && value.trim() !== '')
          .map(([name, value]) => [name.slice('value_'.length), number(value as string)]),
      );
      return { values, ...(text(form.narrative) ? { narrative: text(form.narrative) } : {}) };
    }
    case 'action':
      return {
        ...(form.done === 'yes' ? { done: true } : {}),
        ...(text(form.comment) ? { comment: text(form.comment) } : {}),
      };
  }
}
