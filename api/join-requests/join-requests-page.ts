import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorReference, staffUserOf } from '../../auth/plugin';
import { goalLabels, leverLabels } from '../../domain/translated-labels';
import type { AppDeps } from '../../features/deps';
import {
  approveJoin,
  getJoinRequest,
  joinRequestPage,
  type JoinRequestView,
  rejectJoin,
} from '../../features/joining/review';
import { joinRequestListQuery } from '../../features/joining/schema';
import { joinRequestStatuses } from '../../domain/joining';
import { Type } from 'typebox';
import { ignoredNotice, pageParam, readPageQuery } from '../html/page-query';
import { ApiError } from '../../http/api-error';
import { type PageContext, pageContext } from '../html/context';
import { apiErrorText } from '../html/error-text';
import { formOf, textOf } from '../html/forms';
import { html } from '../html/layout';
import { labelFor } from '../html/label-for';
import {
  badge,
  dateTimeText,
  emptyState,
  notice,
  pager,
  partnerLink,
  selectField,
  stackedRow,
  staffPage,
  table,
  textArea,
} from '../html/view';

type Params = { Params: { id: string } };

/** Join requests per page: they pile up over the years (approved, rejected, expired ones stay listed). */
const joinsPerPage = 50;

/** The list page's parameters: the API's status filter, the page, and the notice after an action. */
const joinRequestsPageQuery = Type.Object(
  {
    ...joinRequestListQuery.properties,
    page: pageParam,
    done: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const statusBadge = (ctx: PageContext, status: JoinRequestView['status']) =>
  badge(
    ctx.w.joinRequests.statuses[status],
    status === 'confirmed'
      ? 'warn'
      : status === 'approved'
        ? 'ok'
        : status === 'pending_confirmation'
          ? 'wait'
          : 'info',
  );

/**
 * `/staff/join-requests`: the joins from the public form, and one of them with what staff decide
 * (approve: the partner and its journey at the intent review; reject with a reason: its data erased).
 * The forms are guarded like every staff form (a session from this origin, auth/plugin.ts).
 */
export function joinRequestPages(app: FastifyInstance, deps: AppDeps): void {
  app.get('/staff/join-requests', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const w = ctx.w.joinRequests;
    const { query, ignored } = readPageQuery(joinRequestsPageQuery, request.query);
    const number = Number(query.page ?? '1');
    const { joins, total } = await joinRequestPage(deps.db, { status: query.status }, { number, size: joinsPerPage });
    const columns = [w.organisation, w.status, w.received, w.referredBy];
    const body = html`<h1>${w.title}</h1>
      ${notice(labelFor(w.done, query.done))}${ignoredNotice(ctx, ignored)}
      <p class="muted">${w.intro}</p>
      <form method="get" action="/staff/join-requests" class="card filters" role="search">
        <div>${selectField({ id: 'status', label: w.status, choices: joinRequestStatuses.map((s) => [s, w.statuses[s]]), value: query.status, blank: ctx.w.common.all })}</div>
        <p><button type="submit">${ctx.w.common.filter}</button> <a href="/staff/join-requests">${ctx.w.common.reset}</a></p>
      </form>
      <p>${w.total(total)}</p>
      ${
        joins.length
          ? table(
              columns,
              joins.map((j) =>
                stackedRow(columns, [
                  html`<a href="/staff/join-requests/${j.id}">${j.name ?? w.erased}</a>`,
                  statusBadge(ctx, j.status),
                  dateTimeText(j.createdAt, ctx),
                  j.referredBy ? partnerLink(j.referredBy.id, j.referredBy.name) : '',
                ]),
              ),
              { stack: true },
            )
          : emptyState(w.none)
      }
      ${pager(ctx, number, Math.max(1, Math.ceil(total / joinsPerPage)))}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(staffPage(ctx, { title: w.title, body, active: 'joinRequests' }));
  });

  async function show(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    extra: { status?: number; error?: string; reason?: string; reasonError?: string } = {},
  ) {
    const ctx = pageContext(request, reply);
    const w = ctx.w.joinRequests;
    const join = uuid.test(request.params.id) ? await getJoinRequest(deps.db, request.params.id) : undefined;
    if (!join) throw new ApiError(404, 'join_request_not_found', 'There is no such join request.');
    const open = join.status === 'confirmed' || join.status === 'pending_confirmation';
    const title = join.name ?? w.erased;
    const body = html`<h1>${title}</h1>
      <p>${statusBadge(ctx, join.status)}</p>
      ${notice(extra.error, 'error')}
      <dl class="facts">
        <dt>${ctx.w.common.actorType}</dt>
        <dd>${join.actorType ? ctx.w.actorTypes[join.actorType] : ''}</dd>
        <dt>${ctx.w.common.sector}</dt>
        <dd>${join.sector ? ctx.w.sectors[join.sector] : ''}</dd>
        <dt>${ctx.w.common.language}</dt>
        <dd>${join.language ? ctx.w.languages[join.language] : ''}</dd>
        <dt>${w.contacts}</dt>
        <dd>${join.contacts.map((c) => html`${c.name} &lt;${c.email}&gt; (${ctx.w.partner.roles[c.role]})<br />`)}</dd>
        <dt>${w.received}</dt>
        <dd>${dateTimeText(join.createdAt, ctx)}</dd>
        <dt>${w.referredBy}</dt>
        <dd>${join.referredBy ? partnerLink(join.referredBy.id, join.referredBy.name) : ''}</dd>
        ${join.partnerId ? html`<dt>${w.partner}</dt><dd>${partnerLink(join.partnerId, join.name ?? join.partnerId)}</dd>` : ''}
        ${join.decidedBy ? html`<dt>${w.decided(join.decidedBy)}</dt><dd>${join.decidedAt ? dateTimeText(join.decidedAt, ctx) : ''}${join.reason ? html`<blockquote>${join.reason}</blockquote>` : ''}</dd>` : ''}
      </dl>
      ${
        join.intent
          ? html`<section class="card" aria-labelledby="intent">
              <h2 id="intent">${w.intent}</h2>
              <h3>${w.levers}</h3>
              <ul>
                ${join.intent.levers.map((l) => html`<li>${leverLabels[ctx.lang][l]}</li>`)}
              </ul>
              <h3>${w.goals}</h3>
              <ul>
                ${join.intent.goals.map((g) => html`<li>${goalLabels[ctx.lang][g]}</li>`)}
              </ul>
              ${join.intent.summary ? html`<h3>${w.summary}</h3><blockquote>${join.intent.summary}</blockquote>` : ''}
            </section>`
          : ''
      }
      ${
        join.status === 'confirmed'
          ? html`<section class="card" aria-labelledby="approve">
              <h2 id="approve">${w.approve}</h2>
              <p class="muted">${w.approveHint}</p>
              <form method="post" action="/staff/join-requests/${join.id}/approve">
                <button type="submit">${w.approve}</button>
              </form>
            </section>`
          : join.status === 'pending_confirmation'
            ? html`<p class="notice">${w.notYetConfirmed}</p>`
            : ''
      }
      ${
        open
          ? html`<section class="card" aria-labelledby="reject">
              <h2 id="reject">${w.reject}</h2>
              <form method="post" action="/staff/join-requests/${join.id}/reject">
                ${textArea({ id: 'reason', label: w.reason, hint: w.rejectHint, value: extra.reason, error: extra.reasonError, required: true })}
                <p><button type="submit">${w.reject}</button></p>
              </form>
            </section>`
          : ''
      }`;
    return reply
      .status(extra.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(staffPage(ctx, { title, body, active: 'joinRequests' }));
  }

  app.get<Params>('/staff/join-requests/:id', (request, reply) => show(request, reply));

  app.post<Params>('/staff/join-requests/:id/approve', async (request, reply) => {
    if (!uuid.test(request.params.id))
      throw new ApiError(404, 'join_request_not_found', 'There is no such join request.');
    const user = staffUserOf(request);
    try {
      const created = await approveJoin(
        { ...deps, log: (error) => request.log.warn({ err: error }, 'could not start journey') },
        request.params.id,
        { staffUserId: user.id, actor: actorReference(user) },
      );
      return reply.redirect(`/staff/partners/${encodeURIComponent(created.id)}`, 303);
    } catch (error) {
      if (!(error instanceof ApiError) || error.statusCode === 404) throw error;
      const ctx = pageContext(request, reply);
      return show(request, reply, { status: error.statusCode, error: joinErrorText(ctx, error) });
    }
  });

  app.post<Params>('/staff/join-requests/:id/reject', async (request, reply) => {
    if (!uuid.test(request.params.id))
      throw new ApiError(404, 'join_request_not_found', 'There is no such join request.');
    const ctx = pageContext(request, reply);
    const reason = textOf(formOf(request), 'reason');
    if (reason.length < 3)
      return show(request, reply, { status: 400, reason, reasonError: ctx.w.joinRequests.reasonRequired });
    try {
      await rejectJoin(deps.db, request.params.id, reason, { actor: actorReference(staffUserOf(request)) });
    } catch (error) {
      if (!(error instanceof ApiError) || error.statusCode === 404) throw error;
      return show(request, reply, { status: error.statusCode, error: joinErrorText(ctx, error) });
    }
    return reply.redirect('/staff/join-requests?done=rejected', 303);
  });
}

/** A refusal in the reader's language where the staff wording has one; else the API's own sentence. */
function joinErrorText(ctx: PageContext, error: ApiError): string {
  if (error.code === 'join_not_confirmed') return ctx.w.joinRequests.notYetConfirmed;
  return apiErrorText(ctx.w, error);
}
