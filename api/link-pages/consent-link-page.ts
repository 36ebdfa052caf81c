import type { Language } from '../../domain/vocabulary';
import type { ConsentLinkPartner } from '../../features/public-listing/consent';
import { html, page } from '../html/layout';
import { languageLinks } from '../html/language-picker';
import { consentPageWording } from './consent-page-wording';

/**
 * The page behind a partner's consent link: the consent as it stands and the form to give or withdraw
 * it. Plain HTML without JavaScript; the current choice is preselected.
 */
export function renderConsentPage(options: {
  partner: ConsentLinkPartner;
  lang: Language;
  action: string;
  csrf: string;
  problem?: string;
  message?: string;
}): string {
  const { partner, lang } = options;
  const w = consentPageWording[lang];
  const choice = (value: 'yes' | 'no', label: string) =>
    html`<label><input type="radio" name="listed" value="${value}" ${
      partner.public_listing === (value === 'yes') ? html`checked` : ''
    } /> ${label}</label>`;
  const body = html`${languageLinks(lang)}
    <h1>${w.title}: ${partner.name}</h1>
    ${options.message ? html`<p class="success" role="status">${options.message}</p>` : ''}
    <p>${w.intro(partner.name)}</p>
    <p class="card" id="current-listing">${w.current(partner.public_listing)}</p>
    <form method="post" action="${options.action}" novalidate>
      <input type="hidden" name="csrf" value="${options.csrf}" /><input type="hidden" name="lang" value="${lang}" />
      <fieldset ${options.problem ? html`aria-describedby="listed-error"` : ''}>
        <legend>${w.question}</legend>
        ${options.problem ? html`<p class="error" id="listed-error">${options.problem}</p>` : ''}
        ${choice('yes', w.yes)} ${choice('no', w.no)}
      </fieldset>
      <p class="muted">${w.anyTime}</p>
      <p><button type="submit">${w.submit}</button></p>
    </form>`;
  return page({ lang, title: `${w.title} — ${partner.name}`, body });
}
