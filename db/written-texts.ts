import { randomUUID } from 'node:crypto';
import type { Db } from './connection';

type Fields = Record<string, unknown>;

const without = (value: object, fields: string[]): Fields =>
  Object.fromEntries(Object.entries(value).filter(([field]) => !fields.includes(field)));

/** Free text worth keeping out of a workflow: a non-blank string of acceptable length (else the validator says what is wrong). */
const storable = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= 5000;

/**
 * Stores what a person wrote (these `fields` of `value`: a comment, a narrative, a reason) and
 * returns `value` with `textsId` in their place: what travels to a workflow, and so into its
 * history, holds only what the workflow decides on (docs/workflow-versioning.md, v3).
 */
export async function storeWrittenTexts<T extends object>(
  db: Db,
  owner: { partnerId: string; requestId?: string },
  value: T,
  fields: readonly string[],
  /** Fields holding a list of what the person wrote (an intent's initiatives), checked before: kept as JSON text. */
  lists: readonly string[] = [],
): Promise<T & { textsId?: string }> {
  const texts: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (fields.includes(name) && storable(text)) texts[name] = text;
    else if (lists.includes(name) && Array.isArray(text)) texts[name] = JSON.stringify(text);
  }
  if (Object.keys(texts).length === 0) return value;
  const id = randomUUID();
  await db
    .insertInto('written_texts')
    .values({ id, partner_id: owner.partnerId, request_id: owner.requestId ?? null, texts })
    .execute();
  // Of `value`'s type still: the fields stored are free text, which every answer type may carry as `textsId` instead.
  return { ...without(value, Object.keys(texts)), textsId: id } as T & { textsId: string };
}

/** The texts stored under an id, or none. */
export async function writtenTexts(db: Db, textsId: unknown): Promise<Record<string, string>> {
  if (typeof textsId !== 'string') return {};
  const row = await db.selectFrom('written_texts').select('texts').where('id', '=', textsId).executeTakeFirst();
  return row?.texts ?? {};
}

/** `value` with its stored texts back in place of `textsId`: what Postgres keeps and pages show. */
export async function joinWrittenTexts<T extends object>(db: Db, value: T): Promise<T> {
  if (!('textsId' in value) || typeof value.textsId !== 'string') return { ...value };
  // The texts stored from `value`'s own free-text fields go back in them: the same type, without `textsId`.
  return { ...without(value, ['textsId']), ...(await writtenTexts(db, value.textsId)) } as T;
}
