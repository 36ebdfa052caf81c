import { writtenDate } from '../../domain/written-dates';
import { requestName } from '../../domain/request-names';
import { formatDate } from '../../mail/templates/layout';
import { html, Html, page } from './layout';
import { type PageContext, withQuery } from './context';
import { mapStyles, staffStyles } from './styles';
import { labelFor } from './label-for';

export type NavKey =
  | 'dashboard'
  | 'partners'
  | 'onboard'
  | 'import'
  | 'joinRequests'
  | 'initiatives'
  | 'projects'
  | 'meetings'
  | 'monitoring'
  | 'learning'
  | 'rounds'
  | 'lexicon'
  | 'map';
const navPaths: Record<NavKey, string> = {
  dashboard: '/staff',
  partners: '/staff/partners',
  onboard: '/staff/partners/new',
  import: '/staff/imports/new',
  joinRequests: '/staff/join-requests',
  initiatives: '/staff/initiatives',
  projects: '/staff/projects',
  meetings: '/staff/meetings',
  rounds: '/staff/prioritisation-rounds',
  monitoring: '/staff/monitoring',
  learning: '/staff/learning',
  lexicon: '/staff/lexicon',
  map: '/staff/map',
};

/** A staff page: the shared layout with the staff menu, the language switch and the sign-out button. */
export function staffPage(ctx: PageContext, options: { title: string; body: Html; active?: NavKey }): string {
  const { w } = ctx;
  const menu = ctx.user
    ? html`<nav aria-label="${w.nav.label}">
        <ul>
          ${(Object.keys(navPaths) as NavKey[]).map(
            (key) =>
              html`<li>
                <a href="${navPaths[key]}" ${key === options.active ? html` aria-current="page"` : ''}>${w.nav[key]}</a>
              </li>`,
          )}
        </ul>
      </nav>`
    : '';
  const other = w.languageSwitch.otherLang;
  const header = html`<a class="skip" href="#content">${w.skipToContent}</a
    ><strong><a href="/staff">Integratiepact</a></strong
    >${menu}
    <div class="who">
      <a href="${withQuery(ctx.path, { lang: other })}" lang="${other}" hreflang="${other}"
        >${w.languageSwitch.other}</a
      >
      ${
        ctx.user
          ? html`<span>${w.signedInAs(ctx.user.name)}</span>
              <form method="post" action="/auth/logout">
                <input type="hidden" name="next" value="/staff/login?signedOut=1" /><button type="submit">
                  ${w.signOut}
                </button>
              </form>`
          : ''
      }
    </div>`;
  const body = html`<div id="content" tabindex="-1">${options.body}</div>`;
  // Staff pages hold no tokens, and a browser sends `Origin: null` with a form post from a
  // no-referrer page, which the same-origin check of staff sessions refuses: so these pages send
  // their origin to themselves.
  return page({
    lang: ctx.lang,
    title: `${options.title} — ${w.siteName}`,
    header,
    body,
    referrer: 'same-origin',
    extraStyles: staffStyles + mapStyles,
  });
}

/** A date as read in Belgium (28 november 2026), in Brussels time, machine-readable too. */
export function dateText(date: Date | string, ctx: PageContext): Html {
  return html`<time datetime="${new Date(date).toISOString()}">${formatDate(date, ctx.lang)}</time>`;
}

/** Date and time in Brussels: 28 november 2026 om 14:05. */
export function dateTimeText(date: Date | string, ctx: PageContext): Html {
  return html`<time datetime="${new Date(date).toISOString()}">${writtenDate('dateTime', date, ctx.lang)}</time>`;
}

export type Tone = 'info' | 'ok' | 'wait' | 'warn';
export const badge = (text: string, tone: Tone = 'info'): Html => html`<span class="badge ${tone}">${text}</span>`;

export function stageBadge(ctx: PageContext, stage: string): Html {
  const tone: Tone = stage === 'completed' ? 'ok' : stage === 'withdrawn' || stage === 'lapsed' ? 'warn' : 'info';
  return badge(labelFor(ctx.w.stages, stage) ?? stage, tone);
}

export function statusBadge(ctx: PageContext, status: string): Html {
  return status === 'none'
    ? html``
    : badge(labelFor(ctx.w.statuses, status) ?? status, status === 'waiting_staff' ? 'wait' : 'info');
}

export const overdueBadge = (ctx: PageContext, overdue: boolean): Html =>
  overdue ? badge(ctx.w.common.overdue, 'warn') : html``;

/** A message at the top of a page: what just happened, or why nothing did. */
export function notice(message: string | undefined, tone: 'success' | 'error' | 'notice' = 'success'): Html {
  if (!message) return html``;
  return tone === 'error'
    ? // After a refused form the focus moves here, so a keyboard or screen reader user starts at what to fix.
      html`<p class="error" role="alert" tabindex="-1" autofocus>${message}</p>`
    : html`<p class="${tone}" role="status">${message}</p>`;
}

export function emptyState(message: string, link?: { href: string; text?: string }, extra?: Html): Html {
  const linked = !link
    ? message
    : link.text
      ? html`${message} <a href="${link.href}">${link.text}</a>`
      : html`<a href="${link.href}">${message}</a>`;
  return html`<div class="empty">${linked}${extra ?? ''}</div>`;
}

/** An error next to its field, referenced by the field's aria-describedby. */
export const fieldError = (id: string, message: string | undefined): Html =>
  message ? html`<p class="error" id="${id}-error">${message}</p>` : html``;
/** A visible mark for a required field (the `required` attribute tells assistive technology). */
const requiredMark = (required: boolean | undefined) =>
  required ? html`<span class="required" aria-hidden="true"> *</span>` : '';
const describedBy = (id: string, error: string | undefined, hint?: string) => {
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
};

export function textField(options: {
  id: string;
  name?: string;
  label: string;
  value?: string;
  type?: string;
  error?: string;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
}): Html {
  const { id, error, hint } = options;
  return html`<label for="${id}">${options.label}${requiredMark(options.required)}</label
    >${hint ? html`<p class="muted" id="${id}-hint">${hint}</p>` : ''}${fieldError(id, error)}
    <input
      type="${options.type ?? 'text'}"
      id="${id}"
      name="${options.name ?? id}"
      value="${options.value ?? ''}"
      ${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}${options.required ? html` required` : ''}${error ? html` aria-invalid="true"` : ''}${describedBy(id, error, hint)}
    />`;
}

export function textArea(options: {
  id: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  required?: boolean;
}): Html {
  const { id, error, hint } = options;
  return html`<label for="${id}">${options.label}${requiredMark(options.required)}</label
    >${hint ? html`<p class="muted" id="${id}-hint">${hint}</p>` : ''}${fieldError(id, error)}
    <textarea
      id="${id}"
      name="${id}"
      ${options.required ? html` required` : ''}${error ? html` aria-invalid="true"` : ''}${describedBy(id, error, hint)}
    >
${options.value ?? ''}</textarea>`;
}

/** A labelled select; `blank` adds a first option with an empty value ("Alle", say). */
export function selectField(options: {
  id: string;
  label: string;
  choices: [value: string, label: string][];
  value?: string;
  blank?: string;
  error?: string;
  required?: boolean;
}): Html {
  const { id, error } = options;
  return html`<label for="${id}">${options.label}${requiredMark(options.required)}</label>${fieldError(id, error)}<select
      id="${id}"
      name="${id}"
      ${options.required ? html` required` : ''}${error ? html` aria-invalid="true"` : ''}${describedBy(id, error)}
    >
      ${options.blank !== undefined ? html`<option value="">${options.blank}</option>` : ''}${options.choices.map(([value, label]) => html`<option value="${value}" ${value === options.value ? html` selected` : ''}>${label}</option>`)}
    </select>`;
}

/** Choices of a vocabulary, labelled in the reader's language. */
export const choicesOf = (labels: Record<string, string>): [string, string][] => Object.entries(labels);

type Column = string | { text: string; num?: boolean };

/**
 * A row whose cells carry their column's name, so a `stack` table shows each row as a card on a
 * phone (styles.ts) instead of scrolling sideways.
 */
export function stackedRow(columns: Column[], cells: (Html | string)[]): Html {
  return html`<tr>
    ${cells.map((cell, i) => {
      const column = columns[i] ?? '';
      const { text, num } = typeof column === 'string' ? { text: column, num: false } : column;
      return html`<td data-label="${text}"${num ? html` class="num"` : ''}>${cell}</td>`;
    })}
  </tr>`;
}

/** A table that scrolls sideways on a phone instead of squeezing its columns; `stack` rows become cards there. */
export function table(headers: Column[], rows: Html[], options: { stack?: boolean } = {}): Html {
  const head = headers.map((h) =>
    typeof h === 'string'
      ? html`<th scope="col">${h}</th>`
      : html`<th scope="col" ${h.num ? html` class="num"` : ''}>${h.text}</th>`,
  );
  // A wide table scrolls inside its frame; the frame takes the keyboard focus so it can be scrolled without a mouse.
  return html`<div class="table-wrap" tabindex="0">
    <table${options.stack ? html` class="stack"` : ''}>
      <thead>
        <tr>
          ${head}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

/**
 * Previous and next links around "page n of m" for a list shown a page at a time; the links keep the
 * page's filters (its query) and change only `page`. Nothing when everything fits on one page.
 */
export function pager(ctx: PageContext, number: number, pages: number): Html {
  const { common } = ctx.w;
  const to = (page: number) => withQuery(ctx.path, { page, lang: undefined });
  if (pages <= 1) return html``;
  return html`<nav class="pager" aria-label="${common.pagination}">
    ${number > 1 ? html`<a href="${to(number - 1)}" rel="prev">← ${common.previous}</a>` : html`<span></span>`}
    <span>${common.page(number, pages)}</span>
    ${number < pages ? html`<a href="${to(number + 1)}" rel="next">${common.next} →</a>` : html`<span></span>`}
  </nav>`;
}

/** A link to a partner's page. */
export const partnerLink = (id: string, name: string): Html =>
  html`<a href="/staff/partners/${encodeURIComponent(id)}">${name}</a>`;

/** Words for what a request asks (domain/request-names.ts): the kind, or for a sign-off what is signed, for a report its period. */
export function requestWords(ctx: PageContext, kind: string, topic?: unknown): string {
  const words = { kinds: ctx.w.requestKinds, signoffSubjects: ctx.w.signoffSubjects };
  const known = <K extends string>(names: Record<K, string>, key?: string): key is K =>
    key !== undefined && Object.hasOwn(names, key);
  if (!known(words.kinds, kind)) return kind;
  const about = (topic ?? {}) as { subject?: string; period?: { label: string } };
  const subject = known(words.signoffSubjects, about.subject) ? about.subject : undefined;
  return requestName({ kind, subject, period: about.period }, words);
}
