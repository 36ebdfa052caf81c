import type { FastifyRequest } from 'fastify';
import { languages, type Language } from '../../domain/vocabulary';
import { html, type Html } from './layout';

/**
 * The one language picker of every page. A surface offers some languages, its default first (staff pages
 * nl and en, partner pages nl, en and fr); the reader gets the first candidate it offers: what they asked
 * for, then what they chose before or the contact's own language, else the default.
 */
export function chooseLanguage<L extends Language>(offered: readonly L[], ...candidates: unknown[]): L {
  return (candidates.find((candidate) => offered.includes(candidate as L)) as L | undefined) ?? offered[0]!;
}

/** What the reader asked for: `?lang=`, or the `lang` field a page's form sends back. */
export function askedLanguage(request: FastifyRequest): unknown {
  const query = request.query as { lang?: unknown } | undefined;
  return query?.lang ?? (request.body as { lang?: unknown } | undefined)?.lang;
}

/** The links that switch a partner page to each language (partners may read all), the current one marked. */
export const languageLinks = (current: Language): Html =>
  html`<nav class="languages" aria-label="Taal / Language">
      ${languages.keys.map((l) => html`<a href="?lang=${l}" lang="${l}" ${l === current ? html` aria-current="true"` : ''}>${l.toUpperCase()}</a>`)}
    </nav>`;
