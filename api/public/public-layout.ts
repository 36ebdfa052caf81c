import type { Language } from '../../domain/vocabulary';
import { locales } from '../../domain/locales';
import { formatDate } from '../../mail/templates/layout';
import { html, type Html, page } from '../html/layout';
import { publicWording } from './public-wording';

/** The pact's public pages share this frame: no staff navigation, the public one, and the language links. */

const publicStyles = `
main{max-width:60rem}header.site{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
header.site nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
header.site a[aria-current]{font-weight:700;text-decoration-thickness:2px}
.figures{overflow-x:auto}table{border-collapse:collapse;width:100%;background:#fff;margin:.5rem 0 1rem}
th,td{border:1px solid #dde1e6;padding:.35rem .5rem;text-align:left;vertical-align:top}td.number{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.25rem 0}ul.plain{padding-left:1.2rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{font-weight:600}dl.facts dd{margin:0}
.summary{display:flex;flex-wrap:wrap;gap:1rem;padding:0;list-style:none}.summary li{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:.75rem 1rem}
.summary strong{display:block;font-size:1.5rem}
`;

export type PublicNavKey = 'pact' | 'map' | 'lexicon' | 'join';

/** A link on the public side that keeps the reader's language. */
export const publicHref = (path: string, lang: Language): string => (lang === 'nl' ? path : `${path}?lang=${lang}`);

export function publicPage(options: {
  lang: Language;
  title: string;
  body: Html;
  active?: PublicNavKey;
  notice?: string;
  /** Styles a page adds to the public ones (the map's). */
  extraStyles?: string;
}): string {
  const w = publicWording[options.lang];
  const link = (key: PublicNavKey | 'feed' | 'data', path: string) =>
    html`<li>
      <a href="${publicHref(path, options.lang)}" ${key === options.active ? html`aria-current="page"` : ''}
        >${w.navigation[key]}</a
      >
    </li>`;
  const header = html`<strong><a href="${publicHref('/pact', options.lang)}">${w.siteName}</a></strong>
    <nav aria-label="${w.navigation.label}">
      <ul>
        ${link('pact', '/pact')}${link('map', '/pact/map')}${link('lexicon', '/pact/lexicon')}${link('join', '/pact/join')}
        ${link('feed', '/pact/feed.atom')}${link('data', '/pact/data.json')}
      </ul>
    </nav>
    <nav class="languages" aria-label="${w.languageLabel}">
      ${(['nl', 'en', 'fr'] as const).map(
        (l) =>
          html`<a href="?lang=${l}" lang="${l}" ${l === options.lang ? html`aria-current="true"` : ''}
            >${l.toUpperCase()}</a
          >`,
      )}
    </nav>`;
  const notice = options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : html``;
  return page({
    lang: options.lang,
    title: `${options.title} · ${w.siteName}`,
    header,
    body: html`${notice}${options.body}`,
    referrer: 'same-origin',
    extraStyles: publicStyles + (options.extraStyles ?? ''),
  });
}

export const publicDate = (iso: string, lang: Language): Html =>
  html`<time datetime="${iso}">${formatDate(iso, lang)}</time>`;

export const publicNumber = (value: number, lang: Language): string =>
  value.toLocaleString(locales[lang], { maximumFractionDigits: 2 });
