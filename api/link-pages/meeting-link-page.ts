import { rsvpAnswers, type RsvpAnswer } from '../../domain/meetings';
import type { Language } from '../../domain/vocabulary';
import { answerWord, meetingWhen } from '../../mail/templates/meeting-email';
import type { FoundInvitee } from '../../features/meetings/find-invitee';
import { html, page } from '../html/layout';
import { languageLinks } from '../html/language-picker';
import { meetingPageWording } from './meeting-page-wording';

/** The page behind an invitation's link: the meeting, the current answer, and the form to (re)answer. */
export function renderMeetingPage(options: {
  invitee: FoundInvitee;
  lang: Language;
  action: string;
  csrf: string;
  problem?: string;
  message?: { text: string; tone: 'success' | 'notice' };
}): string {
  const { invitee, lang } = options;
  const w = meetingPageWording[lang];
  const open = invitee.status === 'planned' && invitee.starts_at.getTime() > Date.now();
  const answer = (a: RsvpAnswer) =>
    html`<label><input type="radio" name="answer" value="${a}" ${invitee.answer === a ? html`checked` : ''} />
      ${answerWord(a, lang)}</label>`;
  const body = html`${languageLinks(lang)}
    <h1>${w.title}: ${invitee.title}</h1>
    <p class="muted">${w.invited(invitee.name, invitee.partnerName)}</p>
    ${options.message ? html`<p class="${options.message.tone}" role="status">${options.message.text}</p>` : ''}
    <dl class="card">
      <dt>${w.when}</dt><dd>${meetingWhen(invitee.starts_at, invitee.ends_at, lang)}</dd>
      <dt>${w.where}</dt><dd>${invitee.place}</dd>
      ${invitee.online_url ? html`<dt>${w.online}</dt><dd>${invitee.online_url}</dd>` : ''}
      <dt>${w.agenda}</dt><dd><blockquote>${invitee.agenda}</blockquote></dd>
    </dl>
    ${invitee.answer ? html`<p>${w.current(answerWord(invitee.answer, lang))}</p>` : ''}
    ${
      open
        ? html`<form method="post" action="${options.action}" novalidate>
          <input type="hidden" name="csrf" value="${options.csrf}" /><input type="hidden" name="lang" value="${lang}" />
          <fieldset ${options.problem ? html`aria-describedby="answer-error"` : ''}>
            <legend>${w.question}</legend>
            ${options.problem ? html`<p class="error" id="answer-error">${options.problem}</p>` : ''}
            ${rsvpAnswers.map(answer)}
          </fieldset>
          <label for="note">${w.note}</label><textarea id="note" name="note" maxlength="2000"></textarea>
          <p class="muted">${w.changeMind}</p>
          <p><button type="submit">${w.submit}</button></p>
        </form>`
        : ''
    }`;
  return page({ lang, title: `${w.title} — ${invitee.title}`, body });
}
