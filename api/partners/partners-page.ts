import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { journeyStages, journeyStatuses } from '../../domain/journey';
import { partnerPageQuerySchema } from '../../features/partners/schema';
import { html, type Html } from '../html/layout';
import { ignoredNotice, readPageQuery } from '../html/page-query';
import { listUsers } from '../../auth/users';
import { isActiveStaff } from '../../db/staff-accounts';
import type { AppDeps } from '../../features/deps';
import { type PageContext, pageContext } from '../html/context';
import { type PartnerFilters, searchPartners } from '../../features/partners/queries';
import {
  choicesOf,
  dateText,
  emptyState,
  overdueBadge,
  pager,
  partnerLink,
  selectField,
  stackedRow,
  staffPage,
  stageBadge,
  statusBadge,
  table,
  textField,
} from '../html/view';

type Query = Static<typeof partnerPageQuerySchema>;
const pageSize = 50;

/** The responsible staff member asked for: `me` (who is signed in) or an account id. */
const responsibleOf = (value: string | undefined, ctx: PageContext): number | undefined =>
  value === 'me' ? ctx.user?.id : value === undefined ? undefined : Number(value);

/** The filters the page's schema admits; anything else in the URL is ignored with a notice (api/html/page-query.ts). */
function filtersOf(query: Query, ctx: PageContext): PartnerFilters {
  return {
    stage: query.stage,
    status: query.status,
    sector: query.sector,
    actorType: query.actorType,
    overdue: query.overdue === '1',
    q: query.q?.trim() || undefined,
    responsibleUserId: responsibleOf(query.responsible, ctx),
  };
}

/** `/staff/partners`: every partner, filtered and searched, fifty to a page. */
export function partnersPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/staff/partners', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { query, ignored } = readPageQuery(partnerPageQuerySchema, request.query);
    const filters = filtersOf(query, ctx);
    const number = Math.min(100_000, Number(query.page ?? '1'));
    const [found, users] = await Promise.all([
      searchPartners(deps.db, filters, { number, size: pageSize }),
      listUsers(deps.db),
    ]);
    const responsible = {
      value: filters.responsibleUserId === undefined ? undefined : query.responsible,
      choices: [
        ['me', ctx.w.partners.me],
        ...users.filter(isActiveStaff).map((u): [string, string] => [String(u.id), u.name]),
      ] as [string, string][],
    };
    return reply.type('text/html; charset=utf-8').send(
      staffPage(ctx, {
        title: ctx.w.partners.title,
        active: 'partners',
        body: render(ctx, filters, responsible, found, number, ignoredNotice(ctx, ignored)),
      }),
    );
  });
}

function render(
  ctx: PageContext,
  filters: PartnerFilters,
  responsible: { value?: string; choices: [string, string][] },
  found: Awaited<ReturnType<typeof searchPartners>>,
  number: number,
  ignored: Html,
) {
  const { w } = ctx;
  const filtered = Object.values(filters).some((value) => value !== undefined && value !== false);
  if (found.total === 0 && !filtered)
    return html`<h1>${w.partners.title}</h1>
      ${ignored} ${emptyState(w.partners.empty, { href: '/staff/partners/new' })}`;
  const pages = Math.max(1, Math.ceil(found.total / pageSize));
  const columns = [
    w.common.partner,
    w.common.stage,
    w.common.status,
    w.common.sector,
    w.common.actorType,
    w.partners.updated,
  ];
  const rows = found.rows.map((p) =>
    stackedRow(columns, [
      partnerLink(p.id, p.name),
      stageBadge(ctx, p.stage),
      html`${statusBadge(ctx, p.status)} ${overdueBadge(ctx, Boolean(p.overdue))}`,
      w.sectors[p.sector] ?? p.sector,
      w.actorTypes[p.actorType] ?? p.actorType,
      dateText(p.updatedAt, ctx),
    ]),
  );
  return html`<h1>${w.partners.title}</h1>
    ${ignored}
    <form method="get" action="/staff/partners" class="card filters" role="search">
      <div>${textField({ id: 'q', label: w.partners.search, type: 'search', value: filters.q })}</div>
      <div>
        ${selectField({ id: 'stage', label: w.common.stage, choices: journeyStages.map((s) => [s, w.stages[s]]), value: filters.stage, blank: w.common.all })}
      </div>
      <div>
        ${selectField({ id: 'status', label: w.common.status, choices: journeyStatuses.filter((s) => s !== 'none').map((s) => [s, w.statuses[s]]), value: filters.status, blank: w.common.all })}
      </div>
      <div>
        ${selectField({ id: 'sector', label: w.common.sector, choices: choicesOf(w.sectors), value: filters.sector, blank: w.common.all })}
      </div>
      <div>
        ${selectField({ id: 'actorType', label: w.common.actorType, choices: choicesOf(w.actorTypes), value: filters.actorType, blank: w.common.all })}
      </div>
      <div>
        ${selectField({ id: 'responsible', label: w.partners.responsible, choices: responsible.choices, value: responsible.value, blank: w.common.all })}
      </div>
      <div>
        <label class="inline"
          ><input type="checkbox" id="overdue" name="overdue" value="1" ${filters.overdue ? html` checked` : ''} />
          ${w.partners.overdueOnly}</label
        >
      </div>
      <p><button type="submit">${w.common.filter}</button> <a href="/staff/partners">${w.common.reset}</a></p>
    </form>
    <p role="status">${w.partners.found(found.total)}</p>
    ${found.rows.length ? table(columns, rows, { stack: true }) : html`<p>${w.partners.none}</p>`}
    ${pager(ctx, number, pages)}`;
}
