import type { FastifyInstance } from 'fastify';
import { lexiconPath } from '../../domain/lexicon';
import { languages, type Language } from '../../domain/vocabulary';
import type { AppDeps } from '../../features/deps';
import { lexiconTerms, type LexiconTerm } from '../../features/lexicon/lexicon';
import { html } from '../html/layout';
import { publicPage } from './public-layout';
import { askedLanguage, chooseLanguage } from '../html/language-picker';
import { singleQueryValues } from '../html/single-query-values';

/** What the public lexicon page says, per language; a key missing in one fails the type check. */
export interface LexiconPageWording {
  title: string;
  intro: string;
  empty: string;
  note: string;
  related: string;
  version: (n: number) => string;
}

export const lexiconPageWording: Record<Language, LexiconPageWording> = {
  nl: {
    title: 'Gemeenschappelijke taal',
    intro:
      'Woorden als integratie, assimilatie, discriminatie of (onbewust) racisme lezen we niet allemaal op dezelfde manier. Dit is wat de partners van het Integratiepact ermee bedoelen.',
    empty: 'Er staan nog geen begrippen in de woordenlijst.',
    note: 'Gebruik',
    related: 'Zie ook',
    version: (n) => `versie ${n}`,
  },
  en: {
    title: 'A common language',
    intro:
      'Words such as integration, assimilation, discrimination or (unconscious) racism are not read the same way by everyone. This is what the partners of the Integratiepact mean by them.',
    empty: 'The lexicon has no terms yet.',
    note: 'Use',
    related: 'See also',
    version: (n) => `version ${n}`,
  },
  fr: {
    title: 'Un langage commun',
    intro:
      "Des mots comme intégration, assimilation, discrimination ou racisme (inconscient) ne sont pas lus de la même façon par tous. Voici ce que les partenaires de l'Integratiepact entendent par là.",
    empty: 'Le lexique ne contient encore aucun terme.',
    note: 'Usage',
    related: 'Voir aussi',
    version: (n) => `version ${n}`,
  },
};

/** The page: each term's current version, with the anchor `#<slug>` that `lexiconLink` (domain/lexicon.ts) points to. */
export function renderLexiconPage(terms: LexiconTerm[], lang: Language): string {
  const w = lexiconPageWording[lang];
  const byId = new Map(terms.map((term) => [term.id, term]));
  const entry = (term: LexiconTerm) => {
    const related = term.current.related.flatMap((id) => byId.get(id) ?? []);
    return html`<section class="card" id="${term.slug}" aria-labelledby="${term.slug}-label">
      <h2 id="${term.slug}-label">${term.current.label[lang]}</h2>
      <p>${term.current.definition[lang]}</p>
      ${term.current.note ? html`<p><strong>${w.note}:</strong> ${term.current.note}</p>` : ''}
      ${
        related.length
          ? html`<p>
              <strong>${w.related}:</strong>
              ${related.map((r, i) => html`${i ? ', ' : ''}<a href="#${r.slug}">${r.current.label[lang]}</a>`)}
            </p>`
          : ''
      }
      <p class="muted">${w.version(term.current.version)}</p>
    </section>`;
  };
  return publicPage({
    lang,
    title: w.title,
    active: 'lexicon',
    body: html`<h1>${w.title}</h1>
      <p>${w.intro}</p>
      ${terms.length ? terms.map(entry) : html`<p class="muted">${w.empty}</p>`}`,
  });
}

/** `GET /pact/lexicon`: public, no login; Dutch, or `?lang=en|fr` through the one language picker. */
export async function lexiconPageRoute(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.addHook('preValidation', singleQueryValues);
  app.get(lexiconPath, async (request, reply) => {
    const lang = chooseLanguage(languages.keys, askedLanguage(request));
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'public, max-age=60')
      .send(renderLexiconPage(await lexiconTerms(deps.db, lang), lang));
  });
}
