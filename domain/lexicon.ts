import type { Language } from './vocabulary';

/**
 * The pact's lexicon, its common language (gemeenschappelijke taal): terms such as integration,
 * assimilation, discrimination or (unconscious) racism, which every partner should read the same way.
 */

/** A term's slug: its anchor on /pact/lexicon, lower-case words joined by hyphens ("onbewust-racisme"). */
export const lexiconSlugPattern = '^[a-z0-9]+(-[a-z0-9]+)*$';

/** The public page of the lexicon. */
export const lexiconPath = '/pact/lexicon';

/**
 * The link to one term on the public lexicon page, in a language (Dutch is the page's default), for
 * emails and pages that name a term: `lexiconLink('integratie', 'fr')` is `/pact/lexicon?lang=fr#integratie`.
 * Emails put the public URL in front.
 */
export function lexiconLink(slug: string, lang: Language = 'nl'): string {
  return `${lexiconPath}${lang === 'nl' ? '' : `?lang=${lang}`}#${encodeURIComponent(slug)}`;
}
