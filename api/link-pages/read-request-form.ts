import type { RequestTopic } from '../../domain/request-topics';

/**
 * Turns the fields of the HTML form into the same answer a JSON client would send, so one
 * validator (the request workflow's) judges both. Values stay as typed when they are not numbers,
 * so the validator can name the field. The commitment signature's page asks whether the partner may
 * be listed publicly: its box unticked is an answer, no.
 */
export function answerFromForm(topic: RequestTopic, form: Record<string, unknown>): Record<string, unknown> {
  const list = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const number = (value: string) => (/^\s*\d+([.,]\d+)?\s*$/.test(value) ? Number(value.replace(',', '.')) : value);
  /** The filled-in fields `<prefix><indicator>`, by indicator: report values, intent targets. */
  const numbersNamed = (prefix: string) =>
    Object.fromEntries(
      Object.entries(form)
        .filter(([name, value]) => name.startsWith(prefix) && typeof value === 'string' && value.trim() !== '')
        .map(([name, value]) => [name.slice(prefix.length), number(value as string)]),
    );
  switch (topic.kind) {
    case 'intent': {
      const targets = numbersNamed('target_');
      // Rows `initiative<n>Title|Kind|Description` of the page; a row without a title is none.
      const initiatives = [0, 1, 2, 3, 4].flatMap((n) => {
        const title = text(form[`initiative${n}Title`]);
        const description = text(form[`initiative${n}Description`]);
        return title
          ? [{ title, kind: text(form[`initiative${n}Kind`]), ...(description ? { description } : {}) }]
          : [];
      });
      return {
        levers: list(form.levers),
        goals: list(form.goals),
        summary: text(form.summary) ?? '',
        ...(Object.keys(targets).length ? { targets } : {}),
        ...(initiatives.length ? { initiatives } : {}),
      };
    }
    case 'signoff':
    case 'project':
      return {
        decision: text(form.decision),
        ...(text(form.comment) ? { comment: text(form.comment) } : {}),
        ...(topic.kind === 'signoff' && topic.subject === 'commitment_signature'
          ? { publicListing: form.publicListing === 'yes' }
          : {}),
      };
    case 'report': {
      const values = numbersNamed('value_');
      return { values, ...(text(form.narrative) ? { narrative: text(form.narrative) } : {}) };
    }
    case 'action':
      return {
        ...(form.done === 'yes' ? { done: true } : {}),
        ...(text(form.comment) ? { comment: text(form.comment) } : {}),
      };
  }
}
