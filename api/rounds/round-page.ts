import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roundWorkflowId } from '../../domain/workflow-ids';
import { ApiError } from '../../http/api-error';
import { roundClosing } from '../../mail/templates/ballot-email';
import type { AppDeps } from '../../features/deps';
import { closeRoundNow } from '../../features/rounds/close-round';
import { type RoundDetail, roundDetail } from '../../features/rounds/queries';
import { temporalUiLinkFor } from '../../temporal/workflow-links';
import { html } from '../html/layout';
import { type PageContext, pageContext } from '../html/context';
import { apiErrorText } from '../html/error-text';
import { labelFor } from '../html/label-for';
import { dateTimeText, notice, partnerLink, stackedRow, staffPage, table } from '../html/view';
import { roundStatusBadge } from './rounds-page';

type Params = { Params: { id: string }; Querystring: { done?: string } };

function render(
  ctx: PageContext,
  deps: AppDeps,
  detail: RoundDetail,
  message?: { text: string; tone: 'success' | 'error' },
) {
  const { w } = ctx;
  const r = w.rounds;
  const { round, initiatives, ballots } = detail;
  const path = `/staff/prioritisation-rounds/${encodeURIComponent(round.id)}`;
  const numbered = new Map(initiatives.map((i) => [i.id, `${i.number}. ${i.title}`]));
  const uiUrl = temporalUiLinkFor(ctx.user, deps.config, roundWorkflowId(round.id));
  const ballotColumns = [r.partner, r.status, r.channel, r.answeredAt, r.ranking];
  const ballotRows = ballots.map((b) =>
    stackedRow(ballotColumns, [
      partnerLink(b.partner_id, b.partnerName),
      labelFor(r.ballotStatuses, b.status) ?? b.status,
      b.answer_via ? (labelFor(r.channels, b.answer_via) ?? b.answer_via) : '',
      b.answered_at ? dateTimeText(b.answered_at, ctx) : '',
      b.ranking ? b.ranking.map((id) => numbered.get(id) ?? id).join(' · ') : '',
    ]),
  );
  const resultColumns = [
    { text: r.rank, num: true },
    r.initiative,
    { text: r.score, num: true },
    { text: r.firstPlaces, num: true },
    { text: r.supporters, num: true },
  ];
  const resultRows = (round.result ?? []).map((place) =>
    stackedRow(resultColumns, [
      String(place.rank),
      html`${numbered.get(place.initiativeId) ?? place.initiativeId}${place.rank <= round.prioritise_top ? html` <span class="badge ok">${r.prioritised}</span>` : ''}`,
      String(place.score),
      String(place.firstPlaces),
      String(place.supporters),
    ]),
  );
  return staffPage(ctx, {
    title: round.title,
    active: 'rounds',
    body: html`<p><a href="/staff/prioritisation-rounds">← ${r.title}</a></p>
      <h1>${round.title}</h1>
      <p>${roundStatusBadge(ctx, round.status)}</p>
      ${notice(message?.text, message?.tone)}
      <dl class="facts">
        <dt>${round.closed_at ? r.closedAt : r.closesAt}</dt>
        <dd>${roundClosing(round.closed_at ?? round.closes_at, ctx.lang)}</dd>
        <dt>N</dt>
        <dd>${round.max_ranked}</dd>
        <dt>K</dt>
        <dd>${round.prioritise_top}</dd>
      </dl>
      <h2>${r.initiatives}</h2>
      <ol>${initiatives.map((i) => html`<li value="${i.number}">${i.title}</li>`)}</ol>
      <h2>${r.result}</h2>
      <p class="muted">${r.resultHint(round.max_ranked)}</p>
      ${resultRows.length ? table(resultColumns, resultRows, { stack: true }) : html`<p>${r.noResult}</p>`}
      <h2>${r.ballots}</h2>
      ${table(ballotColumns, ballotRows, { stack: true })}
      ${
        round.status === 'open'
          ? html`<form method="post" action="${path}/close">
              <p class="muted">${r.closeHint}</p>
              <p><button type="submit" class="secondary">${r.close}</button></p>
            </form>`
          : ''
      }
      ${uiUrl ? html`<p><a href="${uiUrl}">${r.temporal}</a></p>` : ''}`,
  });
}

/** `/staff/prioritisation-rounds/:id`: one round with each ballot's status and channel, the result, and closing it early. */
export function roundPage(app: FastifyInstance, deps: AppDeps): void {
  const show = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    status = 200,
    message?: { text: string; tone: 'success' | 'error' },
  ) => {
    const ctx = pageContext(request, reply);
    const detail = await roundDetail(deps.db, request.params.id);
    if (!detail) throw new ApiError(404, 'round_not_found', `There is no prioritisation round "${request.params.id}".`);
    const done = { opened: ctx.w.rounds.opened, closed: ctx.w.rounds.closed }[request.query.done ?? ''];
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(render(ctx, deps, detail, message ?? (done ? { text: done, tone: 'success' } : undefined)));
  };
  app.get<Params>('/staff/prioritisation-rounds/:id', (request, reply) => show(request, reply));
  app.post<Params>('/staff/prioritisation-rounds/:id/close', async (request, reply) => {
    try {
      await closeRoundNow(deps, request.params.id);
      return reply.redirect(`/staff/prioritisation-rounds/${encodeURIComponent(request.params.id)}?done=closed`, 303);
    } catch (error) {
      if (!(error instanceof ApiError) || error.statusCode === 404) throw error;
      const ctx = pageContext(request, reply);
      return show(request, reply, error.statusCode, { text: apiErrorText(ctx.w, error), tone: 'error' });
    }
  });
}
