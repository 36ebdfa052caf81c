import type { RankingIssue } from '../../domain/prioritisation';
import type { Language } from '../../domain/vocabulary';
import { roundClosing } from '../../mail/templates/ballot-email';
import { ballotOpen, type FoundBallot } from '../../features/rounds/find-ballot';
import { html, page } from '../html/layout';
import { languageLinks } from '../html/language-picker';
import { ballotPageWording } from './ballot-page-wording';

/**
 * The page behind a ballot's link: the round's initiatives numbered as in the email, the current
 * ranking, and N select boxes (1st choice, 2nd choice…) to (re)rank them. No JavaScript needed.
 */
export function renderBallotPage(options: {
  ballot: FoundBallot;
  lang: Language;
  action: string;
  csrf: string;
  /** What the form asked for, shown again after a refusal. */
  chosen?: string[];
  issues?: RankingIssue[];
  message?: { text: string; tone: 'success' | 'notice' };
}): string {
  const { ballot, lang } = options;
  const w = ballotPageWording[lang];
  const open = ballotOpen(ballot);
  const titleOf = new Map(ballot.initiatives.map((i) => [i.id, `${i.number}. ${i.title}`]));
  const currentOf = new Map(ballot.initiatives.map((i) => [i.id, `${i.title} (${i.number})`]));
  const chosen = options.chosen ?? ballot.ranking ?? [];
  const problems = (options.issues ?? []).map((issue) =>
    w.issues[issue.kind](
      issue.kind === 'too_many'
        ? String(issue.max)
        : 'ids' in issue
          ? issue.ids.map((id) => titleOf.get(id) ?? id).join(', ')
          : '',
    ),
  );
  const places = Array.from({ length: Math.min(ballot.max_ranked, ballot.initiatives.length) }, (_, i) => i + 1);
  const select = (place: number) =>
    html`<p><label for="choice${place}">${w.choice(place)}</label>
      <select id="choice${place}" name="choice${place}">
        <option value="">${w.none}</option>
        ${ballot.initiatives.map(
          (i) =>
            html`<option value="${i.id}" ${chosen[place - 1] === i.id ? html`selected` : ''}>${i.number}. ${i.title}</option>`,
        )}
      </select></p>`;
  const body = html`${languageLinks(lang)}
    <h1>${w.title}: ${ballot.title}</h1>
    <p class="muted">${w.for(ballot.name, ballot.partnerName)}</p>
    ${options.message ? html`<p class="${options.message.tone}" role="status">${options.message.text}</p>` : ''}
    <p>${open ? w.closes(roundClosing(ballot.closes_at, lang)) : w.closed}</p>
    <h2>${w.initiatives}</h2>
    <ol>${ballot.initiatives.map((i) => html`<li value="${i.number}">${i.title}</li>`)}</ol>
    ${
      ballot.ranking?.length
        ? html`<h2>${w.current}</h2><ol>${ballot.ranking.map((id) => html`<li>${currentOf.get(id) ?? id}</li>`)}</ol>`
        : ''
    }
    ${
      open
        ? html`<form method="post" action="${options.action}" novalidate>
          <input type="hidden" name="csrf" value="${options.csrf}" /><input type="hidden" name="lang" value="${lang}" />
          <fieldset ${problems.length ? html`aria-describedby="ranking-error"` : ''}>
            <legend>${w.question(ballot.max_ranked)}</legend>
            ${
              problems.length
                ? html`<div class="error" id="ranking-error"><p>${w.invalid}</p><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>`
                : ''
            }
            ${places.map(select)}
          </fieldset>
          <p class="muted">${w.changeMind}</p>
          <p><button type="submit">${w.submit}</button></p>
        </form>`
        : ''
    }`;
  return page({ lang, title: `${w.title} — ${ballot.title}`, body });
}
