import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { roundWorkflowId } from '../../domain/workflow-ids';
import { ApiError } from '../../http/api-error';
import { roundClosing } from '../../mail/templates/ballot-email';
import type { AppDeps } from '../../features/deps';
import { closeRoundNow } from '../../features/rounds/close-round';
import { type RoundBallotPage, roundBallotPage } from '../../features/rounds/queries';
import { ballotChannels, ballotStatuses } from '../../domain/prioritisation';
import { temporalUiLinkFor } from '../../temporal/workflow-links';
import { html, type Html } from '../html/layout';
import { type PageContext, pageContext } from '../html/context';
import { apiErrorText } from '../html/error-text';
import { labelFor } from '../html/label-for';
import { ignoredNotice, readPageQuery } from '../html/page-query';
import {
  dateTimeText,
  notice,
  pager,
  partnerLink,
  selectField,
  stackedRow,
  staffPage,
  table,
  textField,
} from '../html/view';
import { roundStatusBadge } from './rounds-page';

type Params = { Params: { id: string } };

/** Ballots shown on one page of a round: a round asks every formalised partner, thousands of them. */
const ballotsPerPage = 50;

/** The page's parameters: the notice after an action, the page of ballots, and its filters. */
const roundPageQuery = Type.Object(
  {
    done: Type.Optional(Type.String()),
    page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' })),
    status: Type.Optional(Type.Enum(ballotStatuses, { type: 'string' })),
    partner: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
type RoundPageQuery = Static<typeof roundPageQuery>;

/** How many ballots the round has per status, the answered ones per channel: "voted 6 (by the link 4 · by email 2)". */
function ballotTotals(ctx: PageContext, totals: RoundBallotPage['totals']): Html {
  const r = ctx.w.rounds;
  const parts = ballotStatuses.flatMap((status) => {
    const of = totals.filter((t) => t.status === status);
    const count = of.reduce((sum, t) => sum + t.count, 0);
    if (!count) return [];
    const channels = ballotChannels
      .flatMap((via) => of.filter((t) => t.via === via))
      .map((t) => `${labelFor(r.channels, t.via!) ?? t.via} ${t.count}`)
      .join(' · ');
    return [
      html`<li>${labelFor(r.ballotStatuses, status) ?? status}: <strong>${count}</strong>${channels ? ` (${channels})` : ''}</li>`,
    ];
  });
  return html`<ul>
    ${parts}
  </ul>`;
}

/** The filters over the ballots: status, part of a partner's name. */
function ballotFilters(ctx: PageContext, path: string, query: RoundPageQuery): Html {
  const r = ctx.w.rounds;
  return html`<form method="get" action="${path}" class="card filters" role="search">
    <div>${selectField({ id: 'status', label: r.byBallotStatus, choices: ballotStatuses.map((s) => [s, labelFor(r.ballotStatuses, s) ?? s]), value: query.status, blank: ctx.w.common.all })}</div>
    <div>${textField({ id: 'partner', label: r.byPartnerName, type: 'search', value: query.partner })}</div>
    <p><button type="submit">${ctx.w.common.filter}</button> <a href="${path}">${ctx.w.common.reset}</a></p>
  </form>`;
}

function render(
  ctx: PageContext,
  deps: AppDeps,
  detail: RoundBallotPage,
  query: RoundPageQuery,
  ignored: Html,
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
  const filtered = Boolean(query.status || query.partner);
  const number = Number(query.page ?? '1');
  const pages = Math.max(1, Math.ceil(detail.matched / ballotsPerPage));
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
      ${notice(message?.text, message?.tone)}${ignored}
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
      <h2 id="ballots">${r.ballots}</h2>
      <p>${r.ballotsTotal(detail.all)}</p>
      ${ballotTotals(ctx, detail.totals)} ${ballotFilters(ctx, path, query)}
      ${filtered ? html`<p role="status">${r.ballotsMatched(detail.matched)}</p>` : ''}
      ${ballotRows.length ? table(ballotColumns, ballotRows, { stack: true }) : html`<p>${r.noBallots}</p>`}
      ${pager(ctx, number, pages)}
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

/**
 * `/staff/prioritisation-rounds/:id`: one round with its ballots counted per status and channel, a page of
 * ballots with each one's status and channel (`?page=`, filtered by `?status=` and `?partner=`), the result,
 * and closing it early.
 */
export function roundPage(app: FastifyInstance, deps: AppDeps): void {
  const show = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    status = 200,
    message?: { text: string; tone: 'success' | 'error' },
  ) => {
    const ctx = pageContext(request, reply);
    const { query, ignored } = readPageQuery(roundPageQuery, request.query);
    const filters = { status: query.status, partner: query.partner?.trim() || undefined };
    const number = Number(query.page ?? '1');
    const detail = await roundBallotPage(deps.db, request.params.id, filters, { number, size: ballotsPerPage });
    if (!detail) throw new ApiError(404, 'round_not_found', `There is no prioritisation round "${request.params.id}".`);
    const done = { opened: ctx.w.rounds.opened, closed: ctx.w.rounds.closed }[query.done ?? ''];
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(
        render(
          ctx,
          deps,
          detail,
          query,
          ignoredNotice(ctx, ignored),
          message ?? (done ? { text: done, tone: 'success' } : undefined),
        ),
      );
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
