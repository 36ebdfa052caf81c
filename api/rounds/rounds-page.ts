import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { brusselsLocal } from '../../domain/brussels-time';
import { journeyStages } from '../../domain/journey';
import { ApiError } from '../../http/api-error';
import { compileParser } from '../../http/validation';
import { roundClosing } from '../../mail/templates/ballot-email';
import type { AppDeps } from '../../features/deps';
import { openRound, roundSchema } from '../../features/rounds/open-round';
import { latestClosedRound, roundCandidates, roundList } from '../../features/rounds/queries';
import { html, type Html } from '../html/layout';
import { type PageContext, pageContext } from '../html/context';
import { formRefusal } from '../html/form-refusal';
import { formOf, listOf, textOf } from '../html/forms';
import { inviteeChoiceOfForm, partnerPick, partnerPicker, resolveTypedPartner } from '../html/invitee-choice-form';
import { labelFor } from '../html/label-for';
import { badge, choicesOf, emptyState, notice, selectField, staffPage, table, textField } from '../html/view';

type OpenForm = Record<string, string | string[] | undefined>;
const parseRound = compileParser(roundSchema);

export const roundStatusBadge = (ctx: PageContext, status: string): Html =>
  badge(labelFor(ctx.w.rounds.statuses, status) ?? status, status === 'open' ? 'wait' : 'ok');

interface Data {
  rounds: Awaited<ReturnType<typeof roundList>>;
  initiatives: Awaited<ReturnType<typeof roundCandidates>>;
  pick: Awaited<ReturnType<typeof partnerPick>>;
  latest: Awaited<ReturnType<typeof latestClosedRound>>;
}

function render(
  ctx: PageContext,
  data: Data,
  form: OpenForm = {},
  errors: Record<string, string> = {},
  error?: string,
) {
  const { w } = ctx;
  const r = w.rounds;
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
  const checked = (name: string, key: string) => ([form[name]].flat().includes(key) ? html` checked` : '');
  const rows = data.rounds.map(
    (round) => html`<tr>
      <td><a href="/staff/prioritisation-rounds/${encodeURIComponent(round.id)}">${round.title}</a></td>
      <td>${roundClosing(round.closed_at ?? round.closes_at, ctx.lang)}</td>
      <td>${roundStatusBadge(ctx, round.status)}</td>
      <td class="num">${round.answered} / ${round.ballots}</td>
    </tr>`,
  );
  const inWeek = brusselsLocal(Date.now() + 14 * 86_400_000).slice(0, 10);
  return staffPage(ctx, {
    title: r.title,
    active: 'rounds',
    body: html`<h1>${r.title}</h1>
      ${notice(error, 'error')}
      ${
        rows.length
          ? table([r.roundTitle, r.closesAt, r.status, { text: r.answeredCol, num: true }], rows)
          : emptyState(r.empty)
      }
      ${
        data.latest
          ? html`<section class="card" aria-labelledby="latest">
              <h2 id="latest">${r.latest}: <a href="/staff/prioritisation-rounds/${encodeURIComponent(data.latest.round.id)}">${data.latest.round.title}</a></h2>
              <ol>
                ${data.latest.result.map((place) => html`<li>${place.title} <span class="muted">(${place.score})</span>${place.rank <= data.latest!.round.prioritise_top ? html` <span class="badge ok">${r.prioritised}</span>` : ''}</li>`)}
              </ol>
            </section>`
          : ''
      }
      <section class="card" aria-labelledby="open">
        <h2 id="open">${r.open}</h2>
        <form method="post" action="/staff/prioritisation-rounds" novalidate>
          <input type="hidden" name="idempotencyKey" value="${text('idempotencyKey') ?? randomUUID()}" />
          ${textField({ id: 'title', label: r.roundTitle, value: text('title'), error: errors.title, required: true })}
          <fieldset ${errors.initiativeIds ? html`aria-describedby="initiativeIds-error"` : ''}>
            <legend>${r.initiatives}</legend>
            ${errors.initiativeIds ? html`<p class="error" id="initiativeIds-error">${errors.initiativeIds}</p>` : ''}
            ${data.initiatives.length ? '' : html`<p class="muted">${r.noInitiatives}</p>`}
            ${data.initiatives.map((i) => html`<label><input type="checkbox" name="initiativeIds" value="${i.id}" ${checked('initiativeIds', i.id)} /> ${i.title}</label>`)}
          </fieldset>
          ${textField({ id: 'closesAt', label: r.closesAt, type: 'datetime-local', value: text('closesAt') ?? `${inWeek}T17:00`, error: errors.closesAt, required: true })}
          ${textField({ id: 'maxRanked', label: r.maxRanked, type: 'number', value: text('maxRanked') ?? '3', error: errors.maxRanked, required: true })}
          ${textField({ id: 'prioritiseTop', label: r.prioritiseTop, type: 'number', value: text('prioritiseTop') ?? '3', error: errors.prioritiseTop, required: true })}
          <fieldset aria-describedby="invitees-hint${errors.invitees ? ' invitees-error' : ''}">
            <legend>${r.invitees}</legend>
            <p class="muted" id="invitees-hint">${r.inviteesHint}</p>
            ${errors.invitees ? html`<p class="error" id="invitees-error">${errors.invitees}</p>` : ''}
            ${selectField({ id: 'inviteSector', label: r.bySector, choices: choicesOf(w.sectors), value: text('inviteSector'), blank: r.any })}
            ${selectField({ id: 'inviteActorType', label: r.byActorType, choices: choicesOf(w.actorTypes), value: text('inviteActorType'), blank: r.any })}
            ${selectField({ id: 'inviteStage', label: r.byStage, choices: journeyStages.map((s) => [s, w.stages[s]]), value: text('inviteStage'), blank: r.any })}
            ${partnerPicker(ctx, data.pick)}
          </fieldset>
          <p><button type="submit">${r.submit}</button></p>
        </form>
      </section>`,
  });
}

/** A whole number typed in a form, or the text itself for the schema to refuse. */
const wholeNumber = (text: string): number | string => (/^\d{1,4}$/.test(text) ? Number(text) : text);

/** `/staff/prioritisation-rounds`: every round, and the form that opens one through the same code as the JSON API. */
export function roundsPage(app: FastifyInstance, deps: AppDeps): void {
  const load = async (form: OpenForm = {}, unresolved?: Parameters<typeof partnerPick>[2]): Promise<Data> => {
    const [rounds, initiatives, pick, latest] = await Promise.all([
      roundList(deps.db),
      roundCandidates(deps.db),
      partnerPick(deps.db, form, unresolved),
      latestClosedRound(deps.db),
    ]);
    return { rounds, initiatives, pick, latest };
  };
  const send = (reply: FastifyReply, status: number, page: string) =>
    reply.status(status).type('text/html; charset=utf-8').send(page);

  app.get('/staff/prioritisation-rounds', async (request, reply) =>
    send(reply, 200, render(pageContext(request, reply), await load())),
  );

  app.post('/staff/prioritisation-rounds', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { form, unresolved } = await resolveTypedPartner(deps.db, ctx, formOf(request));
    if (unresolved)
      return send(reply, 400, render(ctx, await load(form, unresolved), form, {}, ctx.w.common.fixErrors));
    const optional = (name: string) => textOf(form, name) || undefined;
    try {
      const body = parseRound({
        title: textOf(form, 'title'),
        initiativeIds: listOf(form, 'initiativeIds'),
        closesAt: textOf(form, 'closesAt'),
        maxRanked: wholeNumber(textOf(form, 'maxRanked')),
        prioritiseTop: wholeNumber(textOf(form, 'prioritiseTop')),
        ...(optional('idempotencyKey') ? { idempotencyKey: optional('idempotencyKey') } : {}),
        invitees: inviteeChoiceOfForm(form),
      });
      const opened = await openRound(deps, body);
      return reply.redirect(`/staff/prioritisation-rounds/${encodeURIComponent(opened.id)}?done=opened`, 303);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const { errors, message } = formRefusal(ctx.w, error, {
        exists: { code: 'round_exists', text: ctx.w.rounds.exists },
      });
      return send(reply, error.statusCode, render(ctx, await load(form), form, errors, message));
    }
  });
}
