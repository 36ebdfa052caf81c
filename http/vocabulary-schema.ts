import { Type } from 'typebox';

/** A key of one of the pact's vocabularies (domain/vocabulary.ts), typed as that vocabulary's key. */
export const vocabularyKey = <K extends string>(vocabulary: { keys: K[] }) =>
  Type.Enum(vocabulary.keys, { type: 'string' });
