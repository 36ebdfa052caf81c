import { goalLabels, leverLabels } from '../../domain/translated-labels';
import { actorTypes, languages, levers, pactGoals, sectors, type Language } from '../../domain/vocabulary';
import { html, type Html, page } from '../html/layout';
import { languageLinks } from '../html/language-picker';
import { joinPageWording } from './join-page-wording';

/** The join form's fields as posted (`application/x-www-form-urlencoded`). */
export interface JoinFormValues {
  name?: string;
  actorType?: string;
  sector?: string;
  language?: string;
  coordinatorName?: string;
  coordinatorEmail?: string;
  signatoryName?: string;
  signatoryEmail?: string;
  levers?: string[];
  goals?: string[];
  summary?: string;
}
export type JoinFormField = keyof JoinFormValues;

/**
 * The public join form (`/pact/join`): plain HTML that works without JavaScript and on a phone,
 * every control labelled, errors next to their field, in the reader's language (nl/en/fr).
 */
export function renderJoinPage(options: {
  lang: Language;
  csrf: string;
  ref?: string;
  referrerName?: string;
  values?: JoinFormValues;
  problems?: Partial<Record<JoinFormField, string>>;
  formProblem?: string;
}): string {
  const { lang } = options;
  const w = joinPageWording[lang];
  const values = options.values ?? {};
  const problems = options.problems ?? {};
  const invalid = (field: JoinFormField) =>
    problems[field] ? html` aria-invalid="true" aria-describedby="${field}-error"` : '';
  const errorFor = (field: JoinFormField): Html | '' =>
    problems[field] ? html`<p class="error" id="${field}-error">${problems[field]}</p>` : '';
  const text = (field: JoinFormField, label: string, type: 'text' | 'email', autocomplete: string) =>
    html`<label for="${field}">${label}</label>${errorFor(field)}
      <input type="${type}" id="${field}" name="${field}" autocomplete="${autocomplete}" value="${(values[field] as string | undefined) ?? ''}"${invalid(field)} />`;
  const select = (field: 'actorType' | 'sector' | 'language', label: string, choices: [string, string][]) =>
    html`<label for="${field}">${label}</label>${errorFor(field)}
      <select id="${field}" name="${field}"${invalid(field)}>
        <option value="">${w.choose}</option>
        ${choices.map(([key, text]) => html`<option value="${key}"${values[field] === key ? html` selected` : ''}>${text}</option>`)}
      </select>`;
  const checkboxes = (field: 'levers' | 'goals', legend: string, choices: [string, string][]) =>
    html`<fieldset${problems[field] ? html` aria-describedby="${field}-error"` : ''}>
      <legend>${legend}</legend>
      ${errorFor(field)}
      ${choices.map(([key, text]) => html`<label><input type="checkbox" name="${field}" value="${key}"${(values[field] ?? []).includes(key) ? html` checked` : ''} /> ${text}</label>`)}
    </fieldset>`;
  const anyProblem = Object.keys(problems).length > 0 || options.formProblem;

  const body = html`${languageLinks(lang)}
    <h1>${w.title}</h1>
    <p>${w.intro}</p>
    ${options.referrerName ? html`<p class="notice">${w.referredBy(options.referrerName)}</p>` : ''}
    ${options.formProblem ? html`<p class="error" role="alert">${options.formProblem}</p>` : ''}
    ${anyProblem && !options.formProblem ? html`<p class="error" role="alert">${w.fixErrors}</p>` : ''}
    <form method="post" action="/pact/join" novalidate>
      <input type="hidden" name="csrf" value="${options.csrf}" />
      <input type="hidden" name="lang" value="${lang}" />
      ${options.ref ? html`<input type="hidden" name="ref" value="${options.ref}" />` : ''}
      <div class="hp" aria-hidden="true">
        <label for="website">${w.honeypot}</label>
        <input type="text" id="website" name="website" tabindex="-1" autocomplete="off" value="" />
      </div>
      <fieldset>
        <legend>${w.organisation}</legend>
        ${text('name', w.name, 'text', 'organization')}
        ${select(
          'actorType',
          w.actorType,
          actorTypes.keys.map((k) => [k, w.actorTypes[k]]),
        )}
        ${select(
          'sector',
          w.sector,
          sectors.keys.map((k) => [k, w.sectors[k]]),
        )}
        ${select(
          'language',
          w.language,
          languages.keys.map((k) => [k, w.languages[k]]),
        )}
      </fieldset>
      <fieldset aria-describedby="coordinator-hint">
        <legend>${w.coordinator}</legend>
        <p class="muted" id="coordinator-hint">${w.coordinatorHint}</p>
        ${text('coordinatorName', w.personName, 'text', 'name')} ${text('coordinatorEmail', w.email, 'email', 'email')}
      </fieldset>
      <fieldset aria-describedby="signatory-hint">
        <legend>${w.signatory}</legend>
        <p class="muted" id="signatory-hint">${w.signatoryHint}</p>
        ${text('signatoryName', w.personName, 'text', 'off')} ${text('signatoryEmail', w.email, 'email', 'off')}
      </fieldset>
      <h2>${w.intent}</h2>
      <p class="muted">${w.intentHint}</p>
      ${checkboxes(
        'levers',
        w.levers,
        levers.keys.map((k) => [k, leverLabels[lang][k]]),
      )}
      ${checkboxes(
        'goals',
        w.goals,
        pactGoals.keys.map((k) => [k, goalLabels[lang][k]]),
      )}
      <label for="summary">${w.summary}</label>
      <p class="muted" id="summary-hint">${w.summaryHint}</p>
      ${errorFor('summary')}
      <textarea id="summary" name="summary" aria-describedby="summary-hint${problems.summary ? ' summary-error' : ''}"${problems.summary ? html` aria-invalid="true"` : ''}>
${values.summary ?? ''}</textarea
      >
      <p class="muted">${w.privacy}</p>
      <p><button type="submit">${w.submit}</button></p>
    </form>`;
  return page({
    lang,
    title: w.title,
    body,
    referrer: 'same-origin',
    extraStyles: '.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}',
  });
}

/** The confirmation link's page: one button that confirms (a mail scanner's GET confirms nothing). */
export function renderConfirmJoinPage(options: {
  lang: Language;
  organisation: string;
  action: string;
  csrf: string;
}): string {
  const w = joinPageWording[options.lang];
  return page({
    lang: options.lang,
    title: w.confirmTitle,
    body: html`${languageLinks(options.lang)}
      <h1>${w.confirmTitle}</h1>
      <p>${w.confirmText(options.organisation)}</p>
      <form method="post" action="${options.action}">
        <input type="hidden" name="csrf" value="${options.csrf}" />
        <input type="hidden" name="lang" value="${options.lang}" />
        <p><button type="submit">${w.confirmButton}</button></p>
      </form>`,
  });
}
