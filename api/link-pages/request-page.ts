import { initiativeKinds, intentInitiativesOf } from '../../domain/initiatives';
import type { FieldProblem } from '../../domain/field-problem';
import type { RequestTopic } from '../../domain/request-topics';
import { goalLabels, leverLabels } from '../../domain/translated-labels';
import { levers, pactGoals, type Language } from '../../domain/vocabulary';
import { formatDate } from '../../mail/templates/layout';
import { html, type Html, page } from '../html/layout';
import { languageLinks } from '../html/language-picker';
import { pageWording, type PageWording } from './request-page-wording';

export interface RequestView {
  partnerName: string;
  recipientName: string;
  topic: RequestTopic;
  dueAt: Date;
}

/** The title of what a request asks, in the reader's language. */
export function requestTitle(topic: RequestTopic, w: PageWording): string {
  if (topic.kind === 'signoff') return w.titles[topic.subject];
  if (topic.kind === 'report') return w.titles.report(topic.period.label);
  return w.titles[topic.kind];
}

/**
 * The page behind a partner link: what is asked, and the form to answer it. Plain HTML that
 * works without JavaScript; every control has a label; errors stand next to their field.
 */
export function renderRequestPage(options: {
  view: RequestView;
  lang: Language;
  action: string;
  csrf: string;
  values?: Record<string, unknown>;
  problems?: FieldProblem[];
  /** For an intent: the indicators a target may be set for, labelled in the reader's language. */
  indicators?: { key: string; label: string }[];
}): string {
  const { view, lang } = options;
  const w = pageWording[lang];
  const values = options.values ?? {};
  const errorFor = (field: string) => {
    const problem = options.problems?.find((p) => p.field === field || p.field.startsWith(`${field}.`));
    return problem && html`<p class="error" id="${field}-error">${problem.message}</p>`;
  };
  const title = requestTitle(view.topic, w);
  const body = html` ${languageLinks(lang)}
    <h1>${title}: ${view.partnerName}</h1>
    <p class="muted">${w.askedOf(view.recipientName)}. ${w.due(formatDate(view.dueAt, lang))}</p>
    ${options.problems?.length ? html`<p class="error" role="alert">${w.fixErrors}</p>` : ''}
    ${context(view.topic, lang, w)}
    <form method="post" action="${options.action}" novalidate>
      <input type="hidden" name="csrf" value="${options.csrf}" /><input type="hidden" name="lang" value="${lang}" />
      ${fields(view.topic, lang, w, values, errorFor, options.indicators ?? [])}
      <p><button type="submit">${w.submit}</button></p>
    </form>`;
  return page({ lang, title: `${title} — ${view.partnerName}`, body });
}

function context(topic: RequestTopic, lang: Language, w: PageWording): Html {
  switch (topic.kind) {
    case 'intent':
      return topic.reviewerComment
        ? html`<div class="notice">
            <strong>${w.reviewerComment}</strong>
            <blockquote>${topic.reviewerComment}</blockquote>
          </div>`
        : html``;
    case 'signoff':
      if (topic.subject === 'intent_review') {
        const intent = topic.intent;
        return html`<div class="card">
          <h2>${w.levers}</h2>
          <ul>
            ${intent.levers.map((l) => html`<li>${leverLabels[lang][l]}</li>`)}
          </ul>
          <h2>${w.goals}</h2>
          <ul>
            ${intent.goals.map((g) => html`<li>${goalLabels[lang][g]}</li>`)}
          </ul>
          <h2>${w.summary}</h2>
          <blockquote>${intent.summary}</blockquote>
          ${
            Object.keys(intent.targets ?? {}).length
              ? html`<h2>${w.targets}</h2>
                  <ul>
                    ${Object.entries(intent.targets ?? {}).map(([k, v]) => html`<li>${k}: ${v}</li>`)}
                  </ul>`
              : ''
          }
        </div>`;
      }
      return html`<div class="card"><blockquote>${topic.commitment.text}</blockquote></div>`;
    case 'project':
      return html`<div class="card">
        <h2>${topic.project.title}</h2>
        <p>${topic.project.description}</p>
        <ul>
          ${topic.project.levers.map((l) => html`<li>${leverLabels[lang][l]}</li>`)}
        </ul>
      </div>`;
    case 'report':
      return html`<p>${w.periodDates(formatDate(topic.period.start, lang), formatDate(topic.period.end, lang))}</p>`;
    case 'action':
      return topic.action
        ? html`<div class="card">
            <blockquote>${topic.action.description}</blockquote>
            <p>${w.actionAgreed(topic.action.meetingTitle, formatDate(topic.action.dueAt, lang))}</p>
          </div>`
        : html``;
  }
}

/** How many practices or initiatives the intent page offers rows for (the JSON answer takes up to five). */
const initiativeRows = [0, 1, 2];

/** Optional practices and initiatives the partner names (issue 24); a row without a title is none. */
function initiativeFields(w: PageWording, given: unknown, errorFor: (field: string) => Html | undefined): Html {
  // As the form sent them back, or a returned intent's (stored as JSON text with what the partner wrote).
  const rows = (Array.isArray(given) ? given : intentInitiativesOf(given)) as Record<string, unknown>[];
  const value = (n: number, name: string) => (typeof rows[n]?.[name] === 'string' ? (rows[n]![name] as string) : '');
  return html`<fieldset aria-describedby="initiatives-hint">
    <legend>${w.initiatives.legend}</legend>
    <p class="muted" id="initiatives-hint">${w.initiatives.hint}</p>
    ${errorFor('initiatives')}
    ${initiativeRows.map(
      (
        n,
      ) => html`<label for="initiative${n}Title">${w.initiatives.title(n + 1)}</label>${errorFor(`initiatives.${n}.title`)}
        <input type="text" id="initiative${n}Title" name="initiative${n}Title" maxlength="200" value="${value(n, 'title')}" />
        <label for="initiative${n}Kind">${w.initiatives.kind}</label>
        <select id="initiative${n}Kind" name="initiative${n}Kind">
          ${initiativeKinds.map((k) => html`<option value="${k}" ${value(n, 'kind') === k ? html` selected` : ''}>${w.initiatives.kinds[k]}</option>`)}
        </select>
        <label for="initiative${n}Description">${w.initiatives.description}</label>${errorFor(`initiatives.${n}.description`)}
        <textarea id="initiative${n}Description" name="initiative${n}Description" maxlength="1000">
${value(n, 'description')}</textarea
        >`,
    )}
  </fieldset>`;
}

/** Optional targets per indicator (streefcijfers): empty fields set none. */
function targetFields(
  indicators: { key: string; label: string }[],
  w: PageWording,
  targets: Record<string, unknown>,
  errorFor: (field: string) => Html | undefined,
): Html {
  if (!indicators.length) return html``;
  return html`<fieldset aria-describedby="targets-hint">
    <legend>${w.targets}</legend>
    <p class="muted" id="targets-hint">${w.targetsHint}</p>
    ${errorFor('targets')}
    ${indicators.map(
      (indicator) =>
        html`<label for="target_${indicator.key}">${indicator.label}</label>${errorFor(`targets.${indicator.key}`)}
          <input
            type="number"
            min="0"
            step="any"
            inputmode="decimal"
            id="target_${indicator.key}"
            name="target_${indicator.key}"
            value="${targets[indicator.key] === undefined ? '' : String(targets[indicator.key])}"
          />`,
    )}
  </fieldset>`;
}

function fields(
  topic: RequestTopic,
  lang: Language,
  w: PageWording,
  values: Record<string, unknown>,
  errorFor: (field: string) => Html | undefined,
  indicators: { key: string; label: string }[],
): Html {
  const checked = (field: string, key: string) => ((values[field] as string[] | undefined) ?? []).includes(key);
  const text = (field: string) => (typeof values[field] === 'string' ? (values[field] as string) : '');
  const numbers = (field: string) => (values[field] ?? {}) as Record<string, unknown>;
  const comment = (required: boolean) =>
    html`<label for="comment">${w.comment}</label>
      <p class="muted" id="comment-hint">${required ? w.commentHint : ''}</p>
      ${errorFor('comment')}
      <textarea id="comment" name="comment" aria-describedby="comment-hint">${text('comment')}</textarea>`;
  const decisionChoice = (labels: Record<string, string>) =>
    html`<fieldset${errorFor('decision') ? html` aria-describedby="decision-error"` : ''}>
      <legend>${w.decision}</legend>
      ${errorFor('decision')}
      ${Object.entries(labels).map(([value, label]) => html`<label><input type="radio" name="decision" value="${value}" ${values.decision === value ? html` checked` : ''} /> ${label}</label>`)}
    </fieldset>`;

  switch (topic.kind) {
    case 'intent': {
      const previous = topic.previous;
      const leverValues = values.levers
        ? checked
        : (_: string, key: string) => previous?.levers.includes(key as never) ?? false;
      const goalValues = values.goals
        ? checked
        : (_: string, key: string) => previous?.goals.includes(key as never) ?? false;
      return html`<fieldset>
          <legend>${w.levers}</legend>
          ${errorFor('levers')}
          ${levers.keys.map((key) => html`<label><input type="checkbox" name="levers" value="${key}" ${leverValues('levers', key) ? html` checked` : ''} /> ${leverLabels[lang][key]}</label>`)}
        </fieldset>
        <fieldset>
          <legend>${w.goals}</legend>
          ${errorFor('goals')}
          ${pactGoals.keys.map((key) => html`<label><input type="checkbox" name="goals" value="${key}" ${goalValues('goals', key) ? html` checked` : ''} /> ${goalLabels[lang][key]}</label>`)}
        </fieldset>
        <label for="summary">${w.summary}</label>
        <p class="muted" id="summary-hint">${w.summaryHint}</p>
        ${errorFor('summary')}
        <textarea id="summary" name="summary" aria-describedby="summary-hint">
${text('summary') || previous?.summary}</textarea>
        ${targetFields(indicators, w, values.targets ? numbers('targets') : (previous?.targets ?? {}), errorFor)}
        ${initiativeFields(w, values.initiatives ?? previous?.initiatives, errorFor)}`;
    }
    case 'signoff':
      return html`${decisionChoice(topic.subject === 'intent_review' ? w.decisions : w.signDecisions)}${comment(true)}${
        topic.subject === 'commitment_signature'
          ? publicListingQuestion(w, values.publicListing === true, errorFor)
          : ''
      }`;
    case 'project':
      return html`${decisionChoice(w.projectDecisions)}${comment(false)}`;
    case 'report':
      return html`<fieldset>
          <legend>${w.values}</legend>
          ${errorFor('values')}
          ${topic.indicators.map(
            (indicator) =>
              html`<label for="value_${indicator.key}">${indicator.label}</label>${errorFor(`values.${indicator.key}`)}
                <input
                  type="number"
                  min="0"
                  step="any"
                  inputmode="decimal"
                  id="value_${indicator.key}"
                  name="value_${indicator.key}"
                  value="${numbers('values')[indicator.key] ?? ''}"
                />`,
          )}
        </fieldset>
        <label for="narrative">${w.narrative}</label
        ><textarea id="narrative" name="narrative">${text('narrative')}</textarea>`;
    case 'action':
      return html`<fieldset aria-describedby="done-error">
          <legend>${w.titles.action}</legend>
          ${errorFor('done')}
          <label><input type="checkbox" name="done" value="yes" ${values.done ? html` checked` : ''} /> ${w.actionDone}</label>
        </fieldset>
        ${comment(false)}`;
  }
}

/**
 * The signatory's separate question beside the signature: may the partner be listed publicly? Unticked
 * unless they ticked it (docs/privacy.md, Consent to be listed).
 */
function publicListingQuestion(w: PageWording, checked: boolean, errorFor: (field: string) => Html | undefined): Html {
  return html`<fieldset aria-describedby="publicListing-hint">
    <legend>${w.publicListing.legend}</legend>
    <p class="muted" id="publicListing-hint">${w.publicListing.hint}</p>
    ${errorFor('publicListing')}
    <label><input type="checkbox" name="publicListing" value="yes" ${checked ? html` checked` : ''} /> ${w.publicListing.label}</label>
  </fieldset>`;
}

/** A page with one message: the outcome, or why the link no longer works. */
export function renderMessagePage(options: {
  lang: Language;
  title: string;
  message: string;
  tone: 'success' | 'notice';
  contact?: string;
}): string {
  return page({
    lang: options.lang,
    title: options.title,
    body: html`<h1>${options.title}</h1>
      <p class="${options.tone}" role="status">${options.message}</p>
      ${options.contact ? html`<p>${options.contact}</p>` : ''}`,
  });
}
