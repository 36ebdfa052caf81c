import { randomUUID } from 'node:crypto';
import { freeTextFields } from '../domain/request-answers';
import type { Db } from './connection';

type Answer = Record<string, unknown>;

const without = (answer: Answer, fields: string[]): Answer =>
  Object.fromEntries(Object.entries(answer).filter(([field]) => !fields.includes(field)));

/** Free text worth keeping out of a workflow: a non-blank string of acceptable length (else the validator says what is wrong). */
const storable = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= 5000;

/**
 * Stores what a person wrote in their answer (comment, narrative) and returns the answer with
 * `textsId` in its place: what travels to the request workflow, and so into its history, holds
 * only what the workflow decides on (docs/workflow-versioning.md, v3).
 */
export async function storeAnswerTexts(db: Db, requestId: string, answer: Answer): Promise<Answer> {
  const texts = Object.fromEntries(
    freeTextFields.flatMap((field) => (storable(answer[field]) ? [[field, answer[field]]] : [])),
  );
  if (Object.keys(texts).length === 0) return answer;
  const id = randomUUID();
  await db.insertInto('answer_texts').values({ id, request_id: requestId, texts }).execute();
  return { ...without(answer, Object.keys(texts)), textsId: id };
}

/** The answer with its stored texts back in place of `textsId`: what Postgres keeps and pages show. */
export async function joinAnswerTexts(db: Db, answer: Answer): Promise<Answer> {
  if (typeof answer.textsId !== 'string') return answer;
  const row = await db.selectFrom('answer_texts').select('texts').where('id', '=', answer.textsId).executeTakeFirst();
  return { ...without(answer, ['textsId']), ...row?.texts };
}
