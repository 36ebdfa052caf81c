import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { brusselsLocal } from '../../domain/brussels-time';
import { journeyStages } from '../../domain/journey';
import { leverLabels } from '../../domain/translated-labels';
import { levers } from '../../domain/vocabulary';
import { ApiError } from '../../http/api-error';
import { meetingWhen } from '../../mail/templates/meeting-email';
import { html, type Html } from '../html/layout';
import type { AppDeps } from '../../features/deps';
import { meetingSchema, planMeeting } from '../../features/meetings/plan-meeting';
import { compileParser } from '../../http/validation';
import { meetingList } from '../../features/meetings/queries';
import { Type } from 'typebox';
import { ignoredNotice, readPageQuery } from '../html/page-query';
import { type PageContext, pageContext } from '../html/context';
import { formRefusal } from '../html/form-refusal';
import { formOf, listOf, textOf } from '../html/forms';
import { inviteeChoiceOfForm, partnerPick, partnerPicker, resolveTypedPartner } from '../html/invitee-choice-form';
import { badge, choicesOf, emptyState, notice, selectField, staffPage, table, textArea, textField } from '../html/view';
import { labelFor } from '../html/label-for';

type PlanForm = Record<string, string | string[] | undefined>;
const parseMeeting = compileParser(meetingSchema);

export const meetingStatusBadge = (ctx: PageContext, status: string): Html =>
  badge(
    labelFor(ctx.w.meetings.statuses, status) ?? status,
    status === 'planned' ? 'wait' : status === 'held' ? 'ok' : 'warn',
  );

function render(
  ctx: PageContext,
  data: {
    meetings: Awaited<ReturnType<typeof meetingList>>;
    pick: Awaited<ReturnType<typeof partnerPick>>;
  },
  form: PlanForm = {},
  errors: Record<string, string> = {},
  error?: string,
  ignored: Html = html``,
) {
  const { w } = ctx;
  const m = w.meetings;
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
  const checked = (name: string, key: string) => ([form[name]].flat().includes(key) ? html` checked` : '');
  const rows = data.meetings.map(
    (meeting) => html`<tr>
      <td><a href="/staff/meetings/${encodeURIComponent(meeting.id)}">${meeting.title}</a></td>
      <td>${meetingWhen(meeting.starts_at, meeting.ends_at, ctx.lang)}</td>
      <td>${meeting.sector ? w.sectors[meeting.sector] : ''}</td>
      <td>${meetingStatusBadge(ctx, meeting.status)}</td>
      <td class="num">${meeting.invited}</td>
      <td>${meeting.answers.yes} / ${meeting.answers.no} / ${meeting.answers.maybe} / ${meeting.answers.none}</td>
    </tr>`,
  );
  const tomorrow = brusselsLocal(Date.now() + 7 * 86_400_000).slice(0, 10);
  return staffPage(ctx, {
    title: m.title,
    active: 'meetings',
    body: html`<h1>${m.title}</h1>
      ${notice(error, 'error')}${ignored}
      ${
        rows.length
          ? table(
              [m.meetingTitle, m.when, w.common.sector, m.status, { text: m.invited, num: true }, m.answersCol],
              rows,
            )
          : emptyState(m.empty)
      }
      <section class="card" aria-labelledby="plan">
        <h2 id="plan">${m.plan}</h2>
        <form method="post" action="/staff/meetings" novalidate>
          <input type="hidden" name="idempotencyKey" value="${text('idempotencyKey') ?? randomUUID()}" />
          ${textField({ id: 'title', label: m.meetingTitle, value: text('title'), error: errors.title, required: true })}
          ${selectField({ id: 'sector', label: m.sector, choices: choicesOf(w.sectors), value: text('sector'), blank: m.any, error: errors.sector })}
          <fieldset>
            <legend>${m.levers}</legend>
            ${levers.keys.map((key) => html`<label><input type="checkbox" name="levers" value="${key}" ${checked('levers', key)} /> ${leverLabels[ctx.lang][key]}</label>`)}
          </fieldset>
          ${textField({ id: 'startsAt', label: m.startsAt, type: 'datetime-local', value: text('startsAt') ?? `${tomorrow}T14:00`, error: errors.startsAt, required: true })}
          ${textField({ id: 'endsAt', label: m.endsAt, type: 'datetime-local', value: text('endsAt') ?? `${tomorrow}T16:00`, error: errors.endsAt, required: true })}
          ${textField({ id: 'place', label: m.place, value: text('place'), error: errors.place, required: true })}
          ${textField({ id: 'onlineUrl', label: m.onlineUrl, type: 'url', value: text('onlineUrl'), error: errors.onlineUrl })}
          ${textArea({ id: 'agenda', label: m.agenda, value: text('agenda'), error: errors.agenda, required: true })}
          <fieldset aria-describedby="invitees-hint${errors.invitees ? ' invitees-error' : ''}">
            <legend>${m.invitees}</legend>
            <p class="muted" id="invitees-hint">${m.inviteesHint}</p>
            ${errors.invitees ? html`<p class="error" id="invitees-error">${errors.invitees}</p>` : ''}
            ${selectField({ id: 'inviteSector', label: m.bySector, choices: choicesOf(w.sectors), value: text('inviteSector'), blank: m.any })}
            ${selectField({ id: 'inviteActorType', label: m.byActorType, choices: choicesOf(w.actorTypes), value: text('inviteActorType'), blank: m.any })}
            ${selectField({ id: 'inviteStage', label: m.byStage, choices: journeyStages.map((s) => [s, w.stages[s]]), value: text('inviteStage'), blank: m.any })}
            ${partnerPicker(ctx, data.pick)}
            <label><input type="checkbox" name="signatories" value="yes" ${checked('signatories', 'yes')} /> ${m.signatories}</label>
          </fieldset>
          <p><button type="submit">${m.submit}</button></p>
        </form>
      </section>`,
  });
}

/** `/staff/meetings`: every meeting with its answers, and the form that plans one through the same code as POST /api/meetings. */
/** The page's one parameter: the invitees a suggested cluster of the map fills in, comma-separated. */
const meetingsPageQuery = Type.Object({ partnerIds: Type.Optional(Type.String()) }, { additionalProperties: false });

export function meetingsPage(app: FastifyInstance, deps: AppDeps): void {
  const load = async (form: PlanForm, unresolved?: Parameters<typeof partnerPick>[2]) => {
    const [meetings, pick] = await Promise.all([meetingList(deps.db), partnerPick(deps.db, form, unresolved)]);
    return { meetings, pick };
  };
  const send = (reply: FastifyReply, status: number, page: string) =>
    reply.status(status).type('text/html; charset=utf-8').send(page);

  // `?partnerIds=a,b,c` (the map's suggested cluster) fills in the invitees of the planning form.
  app.get('/staff/meetings', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { query, ignored } = readPageQuery(meetingsPageQuery, request.query);
    const partnerIds = (query.partnerIds ?? '').split(',').filter(Boolean);
    const form = partnerIds.length ? { partnerIds } : {};
    return send(reply, 200, render(ctx, await load(form), form, {}, undefined, ignoredNotice(ctx, ignored)));
  });

  app.post('/staff/meetings', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { form, unresolved } = await resolveTypedPartner(deps.db, ctx, formOf(request));
    if (unresolved)
      return send(reply, 400, render(ctx, await load(form, unresolved), form, {}, ctx.w.common.fixErrors));
    const optional = (name: string) => textOf(form, name) || undefined;
    try {
      const body = parseMeeting({
        title: textOf(form, 'title'),
        ...(optional('sector') ? { sector: optional('sector') } : {}),
        levers: listOf(form, 'levers'),
        startsAt: textOf(form, 'startsAt'),
        endsAt: textOf(form, 'endsAt'),
        place: textOf(form, 'place'),
        ...(optional('onlineUrl') ? { onlineUrl: optional('onlineUrl') } : {}),
        agenda: textOf(form, 'agenda'),
        // Made when the form was shown: the same form sent twice plans one meeting.
        ...(optional('idempotencyKey') ? { idempotencyKey: optional('idempotencyKey') } : {}),
        invitees: {
          ...inviteeChoiceOfForm(form),
          ...(textOf(form, 'signatories') === 'yes' ? { signatories: true } : {}),
        },
      });
      const planned = await planMeeting(deps, body);
      return reply.redirect(`/staff/meetings/${encodeURIComponent(planned.id)}?done=planned`, 303);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const { errors, message } = formRefusal(ctx.w, error, {
        exists: { code: 'meeting_exists', text: ctx.w.meetings.exists },
      });
      return send(reply, error.statusCode, render(ctx, await load(form), form, errors, message));
    }
  });
}
