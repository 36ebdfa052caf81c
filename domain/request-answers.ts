import type { FieldProblem } from './field-problem';
import type { RequestKind } from './journey';
import type { Intent, SignoffSubject, TopicOf } from './request-topics';
import { levers, pactGoals } from './vocabulary';
import { intentInitiativeProblems } from './initiatives';

/**
 * What a valid answer to each request kind looks like (docs/architecture.md, the path of a partner's answer). Pure: used by the request
 * workflow's update validator and by the partner pages to show errors next to fields.
 */

export type Decision = 'approve' | 'decline' | 'request_changes';

/** A sign-off's answer: the decision, and the comment (or, once stored, its `textsId`). */
export interface SignoffAnswer {
  decision: Decision;
  comment?: string;
  textsId?: string;
}

/**
 * The signatory's signature of the commitment, and beside it, as a separate question, whether the
 * partner may be listed on the pact's public pages (docs/privacy.md, Consent to be listed).
 * Absent means no: an email reply, which cannot ask the question, gives no consent.
 */
export interface SignatureAnswer extends SignoffAnswer {
  publicListing?: boolean;
}

/**
 * The answer to each topic a request may ask (its kind, and a sign-off's subject) as its workflow
 * receives it: what `answerProblems` below admits, with the free text replaced by `textsId` since v3
 * (db/written-texts.ts). Keep the two together: the request workflow's Update validator is what
 * makes an answer of this type.
 */
export interface Answers {
  intent: Intent;
  intent_review: SignoffAnswer;
  commitment_signature: SignatureAnswer;
  countersignature: SignoffAnswer;
  project: { decision: Exclude<Decision, 'request_changes'>; comment?: string; textsId?: string };
  report: { values: Record<string, number>; narrative?: string; textsId?: string };
  /** An agreed action is answered once it is done, with a note on how. */
  action: { done: true; comment?: string; textsId?: string };
}

/** What an answer answers: a request's kind, or for a sign-off, its subject. */
export type AnswerTopic = keyof Answers;

/** The answer topic of a request's topic (`signoff` is told apart by its subject). */
export type AnswerTopicOf<T extends Asked> = T extends { kind: 'signoff'; subject: infer S extends SignoffSubject }
  ? S
  : Exclude<T['kind'], 'signoff'>;
type Asked = { kind: RequestKind; subject?: SignoffSubject };

export function answerTopicOf<T extends Asked>(topic: T): AnswerTopicOf<T>;
export function answerTopicOf(topic: Asked): AnswerTopic {
  if (topic.kind !== 'signoff') return topic.kind;
  if (!topic.subject) throw new Error('a sign-off names its subject');
  return topic.subject;
}

/** The answer to a request of topic `T`: typed by its kind and, for a sign-off, its subject. */
export type AnswerTo<T extends Asked> = Answers[AnswerTopicOf<T>];

/** The answer to a request of kind `K`, whatever its topic: a union over the kind's topics. */
export type AnswerFor<K extends RequestKind> = AnswerTo<TopicOf<K>>;

/** An answer as `requests.answer` keeps it: one of the topics' answers, told apart by the request's `topic`. */
export type StoredAnswer = Answers[AnswerTopic];

/** The comment of an answer that has one (a sign-off, a project's answer, an action), once joined back from Postgres. */
export function answerComment(answer: StoredAnswer | null | undefined): string | undefined {
  return answer && 'comment' in answer && typeof answer.comment === 'string' ? answer.comment : undefined;
}

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
 * The fields an answer to each topic may carry; any other is refused, so a typo is not silently
 * dropped. Typed by `Answers` both ways: a field the validator admits is a field of that topic's
 * answer type, and a field added to one topic's type must be listed for that topic (only) here:
 * the signatory's `publicListing` is refused on every answer but the commitment signature.
 */
type AnswerField<A extends AnswerTopic> = Exclude<keyof Answers[A], typeof storedTextsField>;
const answerFields = {
  intent: ['levers', 'goals', 'summary', 'targets', 'initiatives'],
  intent_review: ['decision', 'comment'],
  commitment_signature: ['decision', 'comment', 'publicListing'],
  countersignature: ['decision', 'comment'],
  project: ['decision', 'comment'],
  report: ['values', 'narrative'],
  action: ['done', 'comment'],
} as const satisfies { [A in AnswerTopic]: readonly AnswerField<A>[] };
/** A field of an answer type that its topic's list leaves out: none, or the type check fails here. */
type Unlisted = { [A in AnswerTopic]: Exclude<AnswerField<A>, (typeof answerFields)[A][number]> }[AnswerTopic];
export const everyAnswerFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** Problems with an answer to a request of this topic; empty when the answer is valid. */
export function answerProblems(
  asked: AnswerTopic,
  answer: unknown,
  context: { indicators?: readonly string[] } = {},
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isRecord(answer)) return [{ field: '', message: 'the answer must be an object' }];
  // The free text was checked and stored before the answer travelled to the workflow as `textsId`.
  const stored = typeof answer[storedTextsField] === 'string';
  const fields: readonly string[] = answerFields[asked];
  for (const field of Object.keys(answer))
    if (field !== storedTextsField && !fields.includes(field))
      problems.push({
        field,
        message:
          field === 'publicListing' ? publicListingRefused : `is not a known field; expected: ${fields.join(', ')}`,
      });
  switch (asked) {
    case 'intent':
      checkList(problems, 'levers', answer.levers, levers.keys);
      checkList(problems, 'goals', answer.goals, pactGoals.keys);
      checkText(problems, 'summary', answer.summary, !stored);
      checkNumbers(problems, 'targets', answer.targets, false, context.indicators);
      problems.push(...intentInitiativeProblems(answer.initiatives));
      break;
    case 'intent_review':
    case 'commitment_signature':
    case 'countersignature':
    case 'project': {
      const decisions: Decision[] =
        asked === 'project' ? ['approve', 'decline'] : ['approve', 'decline', 'request_changes'];
      if (!decisions.includes(answer.decision as Decision))
        problems.push({ field: 'decision', message: `must be one of: ${decisions.join(', ')}` });
      const needsComment =
        asked !== 'project' && (answer.decision === 'decline' || answer.decision === 'request_changes');
      checkText(problems, 'comment', answer.comment, needsComment && !stored);
      if (
        asked === 'commitment_signature' &&
        answer.publicListing !== undefined &&
        typeof answer.publicListing !== 'boolean'
      )
        problems.push({ field: 'publicListing', message: 'must be true or false' });
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

/**
 * An answer in which `answerProblems` found no problem is an answer of its topic's type: the one
 * place that says so, for a channel that checked an answer before it sends it to the workflow.
 */
export const isAnswerTo = <A extends AnswerTopic>(
  _asked: A,
  answer: unknown,
  problems: readonly FieldProblem[],
): answer is Answers[A] => problems.length === 0;

/** Why the consent field is refused on another answer: said plainly, as people may well try. */
const publicListingRefused = "is asked only with the signatory's signature of the commitment (commitment_signature)";
