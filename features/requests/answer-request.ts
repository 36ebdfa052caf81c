import type { Client } from '@temporalio/client';
import type { Db } from '../../db/connection';
import { joinWrittenTexts, storeWrittenTexts } from '../../db/written-texts';
import type { FieldProblem } from '../../domain/field-problem';
import { periodBegun } from '../../domain/reporting-periods';
import { intentInitiativesOf } from '../../domain/initiatives';
import {
  answerProblems,
  answerTopicOf,
  freeTextFields,
  isAnswerTo,
  storedTextsField,
} from '../../domain/request-answers';
import type { RequestTopic } from '../../domain/request-topics';
import {
  answerUpdateOfTopic,
  type AnswerRequest,
  type RequestAnswer,
  type RequestOutcome,
  requestOutcomeQuery,
} from '../../workflows/definitions';
import { requestOpenForAction } from './open-rule';
import { updateRefusal } from '../../temporal/update-refusal';
import { findRequestById } from './find-request';
import { requestWorkflow } from './request-workflow';

/** What became of an answer; each channel (page, JSON, email reply) says it its own way. */
export type AnswerResult =
  /** The workflow's outcome, or (a second equal answer once the workflow is gone) the answer Postgres recorded. */
  | { kind: 'answered'; outcome: RequestOutcome | { requestId: string; status: 'answered'; answer: RequestAnswer } }
  | { kind: 'invalid'; message: string; problems: FieldProblem[] }
  /** `status`: answered, expired, cancelled, or closed when the engine no longer knows which. */
  | { kind: 'closed'; status: string }
  | { kind: 'not_allowed_now'; message: string }
  | { kind: 'engine_unavailable' };

type Deps = { temporal: Client; db: Db };
type AnsweredRequest = { id: string; partner_id: string; status: string; topic: RequestTopic };

/**
 * Delivers an answer to its request workflow, the one way every channel answers. The workflow's
 * validator decides; what the person wrote in their own words stays in Postgres and the workflow
 * gets a reference to it (db/written-texts.ts).
 */
export async function answerRequest(
  deps: Deps,
  request: AnsweredRequest,
  answer: RequestAnswer,
  via: AnswerRequest['via'],
): Promise<AnswerResult> {
  if (typeof answer === 'object' && answer !== null && storedTextsField in answer) {
    const problem = { field: storedTextsField, message: 'is not a known field' };
    return { kind: 'invalid', message: `${problem.field}: ${problem.message}`, problems: [problem] };
  }
  // A report only once its period has begun (a report is asked for when its period ends, so this guards the rule).
  const begun = request.topic.kind === 'report' ? periodBegun(request.topic.period, Date.now()) : undefined;
  if (begun?.kind === 'not_begun') return { kind: 'not_allowed_now', message: begun.message };
  const open = await requestOpenForAction(deps.temporal, request);
  if (open.kind !== 'open') return open;
  // The workflow's validator judges again; checked here first, a refused answer stores nothing, and
  // the answer sent is of the type of the request's topic.
  const asked = answerTopicOf(request.topic);
  const problems = answerProblems(asked, answer, {
    indicators: request.topic.kind === 'report' ? request.topic.indicators.map((i) => i.key) : undefined,
  });
  if (!isAnswerTo(asked, answer, problems))
    return { kind: 'invalid', message: problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems };
  const withoutTexts = await storeWrittenTexts(
    deps.db,
    { partnerId: request.partner_id, requestId: request.id },
    answer,
    freeTextFields,
    request.topic.kind === 'intent' ? ['initiatives'] : [],
  );
  const handle = requestWorkflow(deps.temporal, request.id);
  try {
    const outcome = await handle.executeUpdate(answerUpdateOfTopic(request.topic), {
      args: [{ answer: withoutTexts, via }],
    });
    return { kind: 'answered', outcome };
  } catch (error) {
    const refusal = updateRefusal(error);
    if (refusal.kind !== 'closed') return refusal;
    // The workflow ended between reading the request and this answer (another answer, the expiry):
    // its result says which, so the person is told the truth.
    const status = await handle.result().then(
      (outcome: RequestOutcome) => outcome.status,
      () => 'closed',
    );
    return { kind: 'closed', status };
  }
}

/**
 * `answerRequest` for a double click: the second of two equal answers sees the recorded outcome
 * and changes nothing, where a different answer is told the request was answered.
 */
export async function answerRequestOnce(
  deps: Deps,
  request: AnsweredRequest,
  answer: RequestAnswer,
  via: AnswerRequest['via'],
): Promise<AnswerResult> {
  const result = await answerRequest(deps, request, answer, via);
  if (result.kind !== 'closed' || result.status !== 'answered') return result;
  // The workflow knows the answer even while the first click is still being recorded.
  const recorded = await requestWorkflow(deps.temporal, request.id)
    .query(requestOutcomeQuery)
    .catch(() => findRequestById(deps.db, request.id));
  if (!recorded?.answer) return result;
  // The workflow's answer holds `textsId` where the person wrote free text: compare what they wrote.
  // Compared field by field: an intent's initiatives come back from written_texts as JSON text.
  const written: Record<string, unknown> = { ...(await joinWrittenTexts(deps.db, recorded.answer)) };
  if (typeof written.initiatives === 'string') written.initiatives = intentInitiativesOf(written.initiatives);
  if (sameAnswer(written, answer))
    return { kind: 'answered', outcome: { requestId: request.id, status: 'answered', answer: recorded.answer } };
  return result;
}

function sameAnswer(recorded: object, submitted: object): boolean {
  const canonical = (value: unknown): string =>
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
    );
  return canonical(recorded) === canonical(submitted);
}
