import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/connection';
import type { LexiconVersionsTable } from '../../db/schema';
import { languages, type Language } from '../../domain/vocabulary';
import { ApiError } from '../../http/api-error';
import { invalidRequest } from '../../http/validation';
import type { NewTerm, TermChange } from './schema';

/** One version of a term, as the pages and the JSON API show it. */
export interface TermVersion {
  version: number;
  label: Record<Language, string>;
  definition: Record<Language, string>;
  note: string | null;
  /** The ids of related terms. */
  related: string[];
  /** The staff member who recorded it (their email): staff pages and the staff API only, never public. */
  recordedBy: string;
  recordedAt: string;
}

/** A term and its current version. */
export interface LexiconTerm {
  id: string;
  slug: string;
  current: TermVersion;
}

/** A term with every version, newest first. */
export interface TermHistory {
  id: string;
  slug: string;
  versions: TermVersion[];
}

const inLanguages = (row: Selectable<LexiconVersionsTable>, field: 'label' | 'definition') =>
  Object.fromEntries(languages.keys.map((lang) => [lang, row[`${field}_${lang}`]])) as Record<Language, string>;

const versionOf = (row: Selectable<LexiconVersionsTable>): TermVersion => ({
  version: row.version,
  label: inLanguages(row, 'label'),
  definition: inLanguages(row, 'definition'),
  note: row.note,
  related: row.related_term_ids,
  recordedBy: row.recorded_by,
  recordedAt: new Date(row.recorded_at).toISOString(),
});

/** A version's row from what it says. */
const rowOf = (termId: string, version: number, content: Omit<TermVersion, 'version' | 'recordedAt'>) => ({
  term_id: termId,
  version,
  label_nl: content.label.nl,
  label_en: content.label.en,
  label_fr: content.label.fr,
  definition_nl: content.definition.nl,
  definition_en: content.definition.en,
  definition_fr: content.definition.fr,
  note: content.note,
  related_term_ids: JSON.stringify(content.related),
  recorded_by: content.recordedBy,
});

const trimmed = (texts: Record<Language, string>) =>
  Object.fromEntries(languages.keys.map((lang) => [lang, texts[lang].trim()])) as Record<Language, string>;
const noteOf = (note: string | null | undefined) => note?.trim() || null;

/** Related terms must be other terms of the lexicon: a 400 naming `related` otherwise, and nothing is stored. */
async function checkRelated(db: Db, related: string[], self?: string): Promise<void> {
  if (self !== undefined && related.includes(self))
    throw invalidRequest([{ field: 'related', message: 'a term cannot be related to itself' }]);
  if (related.length === 0) return;
  const found = await db.selectFrom('lexicon_terms').select('id').where('id', 'in', related).execute();
  const unknown = related.filter((id) => !found.some((row) => row.id === id));
  if (unknown.length) throw invalidRequest([{ field: 'related', message: `no such term: ${unknown.join(', ')}` }]);
}

const notFound = (id: string) => new ApiError(404, 'term_not_found', `There is no lexicon term "${id}".`);

/** Adds a term with its first version; a slug already taken is a 409 naming the term that has it. */
export async function addTerm(
  db: Db,
  input: NewTerm,
  recordedBy: string,
): Promise<{ id: string; slug: string; version: number }> {
  const related = input.related ?? [];
  await checkRelated(db, related);
  const id = randomUUID();
  return db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('lexicon_terms')
      .values({ id, slug: input.slug })
      .onConflict((c) => c.column('slug').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const taken = await tx.selectFrom('lexicon_terms').select('id').where('slug', '=', input.slug).executeTakeFirst();
      throw new ApiError(409, 'term_exists', `The lexicon already has a term "${input.slug}".`, { id: taken?.id });
    }
    const content = {
      label: trimmed(input.label),
      definition: trimmed(input.definition),
      note: noteOf(input.note),
      related,
      recordedBy,
    };
    await tx
      .insertInto('lexicon_versions')
      .values(rowOf(id, 1, content))
      .execute();
    return { id, slug: input.slug, version: 1 };
  });
}

/**
 * Records a change as the term's next version, which keeps what the change leaves out; earlier versions
 * stay as they were. A change that changes nothing adds no version (`changed: false`).
 */
export async function changeTerm(
  db: Db,
  id: string,
  change: TermChange,
  recordedBy: string,
): Promise<{ id: string; slug: string; version: number; changed: boolean }> {
  if (change.related) await checkRelated(db, change.related, id);
  return db.transaction().execute(async (tx) => {
    // The term's row is locked, so two changes at once make two versions, one after the other.
    const term = await tx
      .selectFrom('lexicon_terms')
      .select(['id', 'slug'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!term) throw notFound(id);
    const latest = await tx
      .selectFrom('lexicon_versions')
      .selectAll()
      .where('term_id', '=', id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const before = versionOf(latest);
    const after = {
      label: change.label ? trimmed(change.label) : before.label,
      definition: change.definition ? trimmed(change.definition) : before.definition,
      note: change.note === undefined ? before.note : noteOf(change.note),
      related: change.related ?? before.related,
      recordedBy,
    };
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (
      same(after.label, before.label) &&
      same(after.definition, before.definition) &&
      after.note === before.note &&
      same(after.related, before.related)
    )
      return { id, slug: term.slug, version: before.version, changed: false };
    await tx
      .insertInto('lexicon_versions')
      .values(rowOf(id, before.version + 1, after))
      .execute();
    return { id, slug: term.slug, version: before.version + 1, changed: true };
  });
}

/** Every term with its current version, in the order of their labels in `lang`. */
export async function lexiconTerms(db: Db, lang: Language = 'nl'): Promise<LexiconTerm[]> {
  const rows = await db
    .selectFrom('lexicon_terms')
    .innerJoin('lexicon_versions', 'lexicon_versions.term_id', 'lexicon_terms.id')
    .selectAll('lexicon_versions')
    .select(['lexicon_terms.id', 'lexicon_terms.slug'])
    .where(({ eb, selectFrom }) =>
      eb(
        'lexicon_versions.version',
        '=',
        selectFrom('lexicon_versions as later')
          .select(({ fn }) => fn.max('later.version').as('latest'))
          .whereRef('later.term_id', '=', 'lexicon_terms.id'),
      ),
    )
    .execute();
  return rows
    .map((row) => ({ id: row.id, slug: row.slug, current: versionOf(row) }))
    .sort((a, b) => a.current.label[lang].localeCompare(b.current.label[lang], lang));
}

/** A term with every version, newest first; undefined when there is none with this id. */
export async function termHistory(db: Db, id: string): Promise<TermHistory | undefined> {
  const term = await db.selectFrom('lexicon_terms').select(['id', 'slug']).where('id', '=', id).executeTakeFirst();
  if (!term) return undefined;
  const rows = await db
    .selectFrom('lexicon_versions')
    .selectAll()
    .where('term_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  return { ...term, versions: rows.map(versionOf) };
}
