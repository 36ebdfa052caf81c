import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { brusselsLocal } from '../../domain/brussels-time';
import { leverLabels } from '../../domain/translated-labels';
import { levers } from '../../domain/vocabulary';
import { meetingWorkflowId } from '../../domain/workflow-ids';
import { ApiError } from '../../http/api-error';
import { meetingWhen } from '../../mail/templates/meeting-email';
import { html } from '../html/layout';
import type { AppDeps } from '../../features/deps';
import { cancelMeeting, changeMeeting, meetingChangeSchema } from '../../features/meetings/change-meeting';
import { type MeetingDetail, meetingDetail } from '../../features/meetings/queries';
import { minutesSchema, recordMinutes } from '../../features/meetings/record-minutes';
import { compileParser } from '../../http/validation';
import { temporalUiLinkFor } from '../../temporal/workflow-links';
import { type PageContext, pageContext } from '../html/context';
import { apiErrorText } from '../html/error-text';
import { type FormFields, formOf, listOf, textOf } from '../html/forms';
import { meetingStatusBadge } from './meetings-page';
import {
  dateText,
  notice,
  partnerLink,
  selectField,
  stackedRow,
  staffPage,
  table,
  textArea,
  textField,
} from '../html/view';

type Params = { Params: { id: string }; Querystring: { done?: string } };
const initiativeRows = [1, 2];
const actionRows = [1, 2, 3];
const parseMinutes = compileParser(minutesSchema);
const parseChange = compileParser(meetingChangeSchema);

function render(
  ctx: PageContext,
  deps: AppDeps,
  detail: MeetingDetail,
  message?: { text: string; tone: 'success' | 'error' },
) {
  const { w } = ctx;
  const m = w.meetings;
  const { meeting, invitees } = detail;
  const path = `/staff/meetings/${encodeURIComponent(meeting.id)}`;
  const started = meeting.starts_at.getTime() <= Date.now();
  const partners = [...new Map(invitees.map((i) => [i.partner_id, i.partnerName])).entries()];
  const uiUrl = temporalUiLinkFor(ctx.user, deps.config, meetingWorkflowId(meeting.id));
  const columns = [m.partner, m.invitee, m.answer, m.channel, m.note, m.attended];
  const rows = invitees.map((i) =>
    stackedRow(columns, [
      partnerLink(i.partner_id, i.partnerName),
      html`${i.name} <span class="muted">(${w.partner.roles[i.role] ?? i.role})</span>`,
      i.answer ? (m.answers[i.answer] ?? i.answer) : html`<span class="muted">${m.noAnswer}</span>`,
      i.answer_via ? (m.channels[i.answer_via] ?? i.answer_via) : '',
      i.note ?? '',
      i.attended === null ? '' : i.attended ? '✓' : '—',
    ]),
  );
  const changeForm =
    meeting.status === 'planned' && !started
      ? html`<section class="card" aria-labelledby="change">
            <h2 id="change">${m.change}</h2>
            <form method="post" action="${path}/change" novalidate>
              ${textField({ id: 'startsAt', label: m.startsAt, type: 'datetime-local', value: brusselsLocal(meeting.starts_at.getTime()) })}
              ${textField({ id: 'endsAt', label: m.endsAt, type: 'datetime-local', value: brusselsLocal(meeting.ends_at.getTime()) })}
              ${textField({ id: 'place', label: m.place, value: meeting.place })}
              ${textField({ id: 'onlineUrl', label: m.onlineUrl, type: 'url', value: meeting.online_url ?? '' })}
              <p><button type="submit">${m.changeSubmit}</button></p>
            </form>
          </section>
          <form method="post" action="${path}/cancel"><p><button type="submit" class="secondary">${m.cancelSubmit}</button></p></form>`
      : '';
  const minutesForm =
    meeting.status !== 'cancelled' && started && meeting.minutes === null
      ? html`<section class="card" aria-labelledby="minutes">
          <h2 id="minutes">${m.minutes}</h2>
          <p class="muted">${m.minutesHint}</p>
          <form method="post" action="${path}/minutes" novalidate>
            <fieldset>
              <legend>${m.attended}</legend>
              ${invitees.map((i) => html`<label><input type="checkbox" name="attended" value="${i.id}" /> ${i.name} (${i.partnerName})</label>`)}
            </fieldset>
            ${textArea({ id: 'minutesText', label: m.minutesText, required: true })}
            ${initiativeRows.map(
              (n) => html`<fieldset>
                <legend>${m.initiative(n)}</legend>
                ${textField({ id: `initiative${n}Text`, label: m.initiativeText })}
                ${levers.keys.map((key) => html`<label><input type="checkbox" name="initiative${n}Levers" value="${key}" /> ${leverLabels[ctx.lang][key]}</label>`)}
                <p><strong>${m.proposers}</strong></p>
                ${partners.map(([id, name]) => html`<label><input type="checkbox" name="initiative${n}Partners" value="${id}" /> ${name}</label>`)}
              </fieldset>`,
            )}
            ${actionRows.map(
              (n) => html`<fieldset>
                <legend>${m.action(n)}</legend>
                ${textField({ id: `action${n}Text`, label: m.actionText })}
                ${selectField({ id: `action${n}Owner`, label: m.owner, choices: partners, blank: '' })}
                ${textField({ id: `action${n}Due`, label: m.due, type: 'date' })}
              </fieldset>`,
            )}
            <p><button type="submit">${m.minutesSubmit}</button></p>
          </form>
        </section>`
      : '';
  const recorded =
    meeting.minutes !== null
      ? html`<h2>${m.minutes}</h2>
          <p style="white-space:pre-wrap">${meeting.minutes}</p>
          ${
            detail.initiatives.length
              ? html`<h3>${m.initiatives}</h3>
                <ul>
                  ${detail.initiatives.map((i) => html`<li><a href="/staff/initiatives/${encodeURIComponent(i.id)}">${i.title}</a> <span class="muted">(${i.levers.map((l) => leverLabels[ctx.lang][l]).join(', ')}; ${i.partnerIds.map((p) => partners.find(([id]) => id === p)?.[1] ?? p).join(', ')})</span></li>`)}
                </ul>`
              : ''
          }
          ${
            detail.actions.length
              ? html`<h3>${m.actions}</h3>
                <ul>
                  ${detail.actions.map((a) => html`<li>${a.description} — ${partnerLink(a.owner_partner_id, partners.find(([id]) => id === a.owner_partner_id)?.[1] ?? a.owner_partner_id)}, ${m.due.toLowerCase()} ${dateText(a.due_at, ctx)}</li>`)}
                </ul>`
              : ''
          }`
      : '';
  return staffPage(ctx, {
    title: meeting.title,
    active: 'meetings',
    body: html`<p><a href="/staff/meetings">← ${m.title}</a></p>
      <h1>${meeting.title}</h1>
      <p>${meetingStatusBadge(ctx, meeting.status)}</p>
      ${notice(message?.text, message?.tone)}
      <dl class="facts">
        <dt>${m.when}</dt>
        <dd>${meetingWhen(meeting.starts_at, meeting.ends_at, ctx.lang)}</dd>
        <dt>${m.place}</dt>
        <dd>${meeting.place}${meeting.online_url ? html` — <a href="${meeting.online_url}">${meeting.online_url}</a>` : ''}</dd>
        ${meeting.sector ? html`<dt>${w.common.sector}</dt><dd>${w.sectors[meeting.sector]}</dd>` : ''}
        ${meeting.levers.length ? html`<dt>${m.levers}</dt><dd>${meeting.levers.map((l) => leverLabels[ctx.lang][l]).join(', ')}</dd>` : ''}
      </dl>
      <h2>${m.agenda}</h2>
      <p style="white-space:pre-wrap">${meeting.agenda}</p>
      <h2>${m.invited}</h2>
      ${table(columns, rows, { stack: true })}
      ${recorded} ${changeForm} ${minutesForm} ${uiUrl ? html`<p><a href="${uiUrl}">${m.temporal}</a></p>` : ''}`,
  });
}

/** The minutes form as the API's body, to be checked by its schema: empty initiative and action rows are left out. */
function minutesOf(form: FormFields) {
  return {
    attended: listOf(form, 'attended').map(Number),
    minutes: textOf(form, 'minutesText'),
    initiatives: initiativeRows
      .filter((n) => textOf(form, `initiative${n}Text`))
      .map((n) => ({
        text: textOf(form, `initiative${n}Text`),
        levers: listOf(form, `initiative${n}Levers`),
        partnerIds: listOf(form, `initiative${n}Partners`),
      })),
    actions: actionRows
      .filter((n) => textOf(form, `action${n}Text`))
      .map((n) => ({
        ownerPartnerId: textOf(form, `action${n}Owner`),
        description: textOf(form, `action${n}Text`),
        dueDate: textOf(form, `action${n}Due`),
      })),
  };
}

/** `/staff/meetings/:id`: one meeting with each invitee's answer and channel; change, cancel, record the minutes. */
export function meetingPage(app: FastifyInstance, deps: AppDeps): void {
  const show = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    status = 200,
    message?: { text: string; tone: 'success' | 'error' },
  ) => {
    const ctx = pageContext(request, reply);
    const detail = await meetingDetail(deps.db, request.params.id);
    if (!detail) throw new ApiError(404, 'meeting_not_found', `There is no meeting "${request.params.id}".`);
    const done = {
      planned: ctx.w.meetings.planned,
      changed: ctx.w.meetings.changed,
      cancelled: ctx.w.meetings.cancelledDone,
      minutes: ctx.w.meetings.minutesDone,
    }[request.query.done ?? ''];
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(render(ctx, deps, detail, message ?? (done ? { text: done, tone: 'success' } : undefined)));
  };
  app.get<Params>('/staff/meetings/:id', (request, reply) => show(request, reply));

  const act = (name: string, run: (id: string, form: FormFields) => Promise<unknown>) =>
    app.post<Params>(`/staff/meetings/:id/${name}`, async (request, reply) => {
      try {
        await run(request.params.id, formOf(request));
        return reply.redirect(
          `/staff/meetings/${encodeURIComponent(request.params.id)}?done=${name === 'cancel' ? 'cancelled' : name === 'change' ? 'changed' : 'minutes'}`,
          303,
        );
      } catch (error) {
        if (!(error instanceof ApiError) || error.statusCode === 404) throw error;
        const ctx = pageContext(request, reply);
        return show(request, reply, error.statusCode, { text: apiErrorText(ctx.w, error), tone: 'error' });
      }
    });
  act('change', (id, form) =>
    changeMeeting(
      deps,
      id,
      parseChange({
        startsAt: textOf(form, 'startsAt'),
        endsAt: textOf(form, 'endsAt'),
        ...(textOf(form, 'place') ? { place: textOf(form, 'place') } : {}),
        // Always sent: emptied, it removes the online link.
        onlineUrl: textOf(form, 'onlineUrl'),
      }),
    ),
  );
  act('cancel', (id) => cancelMeeting(deps, id));
  act('minutes', (id, form) => recordMinutes(deps, id, parseMinutes(minutesOf(form))));
}
