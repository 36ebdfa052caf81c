import type { FieldProblem } from './field-problem';
import type { RequestKind } from './journey';
import type { Intent } from './request-topics';
import { levers, pactGoals } from './vocabulary';
import { intentInitiativeProblems } from './initiatives';

/**
 * What a valid answer to each request kind looks like (docs/architecture.md, the path of a partner's answer). Pure: used by the request
 * workflow's update validator and by the partner pages to show errors next to fields.
 */

export type Decision = 'approve' | 'decline' | 'request_changes';

/**
 * The answer to each kind of request as its workflow receives it: what `answerProblems` below
 * admits, with the free text replaced by `textsId` since v3 (db/written-texts.ts). Keep the two
 * together: the request workflow's Update validator is what makes an answer of this type.
 */
export type AnswerFor<K extends RequestKind> = {
  intent: Intent;
  signoff: { decision: Decision; comment?: string; textsId?: string };
  project: { decision: Exclude<Decision, 'request_changes'>; comment?: string; textsId?: string };
  report: { values: Record<string, number>; narrative?: string; textsId?: string };
  /** An agreed action is answered once it is done, with a note on how. */
  action: { done: true; comment?: string; textsId?: string };
}[K];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkList(problems: FieldProblem[], field: string, value: unknown, allowed: readonly string[]) {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ field, message: `choose at least one of: ${allowed.join(', ')}` });
    return;
  }
  const unknown = value.filter((v) => typeof v !== 'string' || !allowed.includes(v));
  if (unknown.length)
    problems.push({
      field,
      message: `unknown value ${unknown.map(String).join(', ')}; allowed: ${allowed.join(', ')}`,
    });
}

function checkNumbers(
  problems: FieldProblem[],
  field: string,
  value: unknown,
  required: boolean,
  indicators?: readonly string[],
) {
  if (value === undefined && !required) return;
  if (!isRecord(value) || (required && Object.keys(value).length === 0)) {
    problems.push({ field, message: 'give a number for each indicator' });
    return;
  }
  for (const [name, n] of Object.entries(value)) {
    if (indicators && !indicators.includes(name))
      problems.push({
        field: `${field}.${name}`,
        message: `unknown indicator; expected one of: ${indicators.join(', ')}`,
      });
    else if (typeof n !== 'number' || !Number.isFinite(n) || n < 0)
      problems.push({ field: `${field}.${name}`, message: 'must be a number, 0 or more' });
  }
}

function checkText(problems: FieldProblem[], field: string, value: unknown, required: boolean, max = 5000) {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || (required && value.trim() === '')) problems.push({ field, message: 'is required' });
  else if (value.length > max) problems.push({ field, message: `must be at most ${max} characters` });
}

/**
 * Fields people write in their own words (a comment, a report's narrative, the intent's summary):
 * stored in Postgres, never carried by a workflow (db/written-texts.ts).
 */
export const freeTextFields = ['comment', 'narrative', 'summary'] as const;

/** Where an answer's free text went: set by the API when it stored the text, never by the person answering. */
export const storedTextsField = 'textsId';

/**
 * The fields an answer of each kind may carry; any other is refused, so a typo is not silently
 * dropped. Typed by `AnswerFor` both ways: a field the validator admits is a field of that kind's
 * answer type, and a field added to one kind's type must be listed for that kind (only) here.
 */
type AnswerField<K extends RequestKind> = Exclude<keyof AnswerFor<K>, typeof storedTextsField>;
const answerFields = {
  intent: ['levers', 'goals', 'summary', 'targets', 'initiatives'],
  signoff: ['decision', 'comment'],
  project: ['decision', 'comment'],
  report: ['values', 'narrative'],
  action: ['done', 'comment'],
} as const satisfies { [K in RequestKind]: readonly AnswerField<K>[] };
/** A field of an answer type that its kind's list leaves out: none, or the type check fails here. */
type Unlisted = { [K in RequestKind]: Exclude<AnswerField<K>, (typeof answerFields)[K][number]> }[RequestKind];
export const everyAnswerFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** Problems with an answer to a request of this kind; empty when the answer is valid. */
export function answerProblems(
  kind: RequestKind,
  answer: unknown,
  context: { indicators?: readonly string[] } = {},
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isRecord(answer)) return [{ field: '', message: 'the answer must be an object' }];
  // The free text was checked and stored before the answer travelled to the workflow as `textsId`.
  const stored = typeof answer[storedTextsField] === 'string';
  for (const field of Object.keys(answer))
    if (field !== storedTextsField && !(answerFields[kind] as readonly string[]).includes(field))
      problems.push({ field, message: `is not a known field; expected: ${answerFields[kind].join(', ')}` });
  switch (kind) {
    case 'intent':
      checkList(problems, 'levers', answer.levers, levers.keys);
      checkList(problems, 'goals', answer.goals, pactGoals.keys);
      checkText(problems, 'summary', answer.summary, !stored);
      checkNumbers(problems, 'targets', answer.targets, false, context.indicators);
      problems.push(...intentInitiativeProblems(answer.initiatives));
      break;
    case 'signoff':
    case 'project': {
      const decisions: Decision[] =
        kind === 'signoff' ? ['approve', 'decline', 'request_changes'] : ['approve', 'decline'];
      if (!decisions.includes(answer.decision as Decision))
        problems.push({ field: 'decision', message: `must be one of: ${decisions.join(', ')}` });
      const needsComment =
        kind === 'signoff' && (answer.decision === 'decline' || answer.decision === 'request_changes');
      checkText(problems, 'comment', answer.comment, needsComment && !stored);
      break;
    }
    case 'report':
      checkNumbers(problems, 'values', answer.values, true, context.indicators);
      checkText(problems, 'narrative', answer.narrative, false);
      break;
    case 'action':
      if (answer.done !== true)
        problems.push({ field: 'done', message: 'must be true: answer once the action is done' });
      checkText(problems, 'comment', answer.comment, false);
      break;
  }
  return problems;
}
