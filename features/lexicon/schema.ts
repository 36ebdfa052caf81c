import { Type, type Static } from 'typebox';
import { lexiconSlugPattern } from '../../domain/lexicon';
import { oneLineText } from '../../http/one-line-text';

const inEveryLanguage = <S extends ReturnType<typeof Type.String>>(text: S) =>
  Type.Object({ nl: text, en: text, fr: text }, { additionalProperties: false });

const changeable = {
  /** The term as it is written, in each language. */
  label: inEveryLanguage(oneLineText(1, 120)),
  /** What the pact means by it, in each language. */
  definition: inEveryLanguage(Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' })),
  /** A note on use: when (not) to use the term, what to say instead; null or absent: none. */
  note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  /** The ids of related terms. */
  related: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 20, uniqueItems: true })),
};

/** POST /api/lexicon (and the staff form): a new term. */
export const newTermSchema = Type.Object(
  { slug: Type.String({ minLength: 2, maxLength: 80, pattern: lexiconSlugPattern }), ...changeable },
  { additionalProperties: false },
);
export type NewTerm = Static<typeof newTermSchema>;

/** PATCH /api/lexicon/:id (and the staff form): what changes; the next version keeps the rest. The slug stays. */
export const termChangeSchema = Type.Partial(Type.Object(changeable), {
  additionalProperties: false,
  minProperties: 1,
});
export type TermChange = Static<typeof termChangeSchema>;
