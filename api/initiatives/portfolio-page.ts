import type { FastifyInstance } from 'fastify';
import { initiativeStatuses } from '../../domain/initiatives';
import { leverLabels } from '../../domain/translated-labels';
import { levers } from '../../domain/vocabulary';
import type { AppDeps } from '../../features/deps';
import {
  type InitiativeLine,
  leverInitiatives,
  newestPerLever,
  portfolioCounts,
} from '../../features/initiatives/lever-portfolio';
import type { InitiativeFilters } from '../../features/initiatives/schema';
import { html, type Html } from '../html/layout';
import { type PageContext, pageContext, withQuery } from '../html/context';
import { labelFor } from '../html/label-for';
import { badge, emptyState, notice, pager, selectField, stackedRow, staffPage, table, type Tone } from '../html/view';

const statusTone: Record<string, Tone> = {
  proposed: 'info',
  prioritised: 'wait',
  in_project: 'ok',
  done: 'ok',
  parked: 'warn',
};

export const initiativeStatusBadge = (ctx: PageContext, status: string): Html =>
  badge(labelFor(ctx.w.initiatives.statuses, status) ?? status, statusTone[status] ?? 'info');

export const initiativeLink = (id: string, title: string): Html =>
  html`<a href="/staff/initiatives/${encodeURIComponent(id)}">${title}</a>`;

/** Initiatives per lever on the overview, and per page of one lever's list (`?lever=&page=`). */
const newestShown = 10;
const initiativesPerPage = 25;

/**
 * The page's filters from its query: the known ones with a known value; anything else is ignored,
 * each with a notice saying so (the JSON API refuses them instead).
 */
function readFilters(ctx: PageContext, query: Record<string, string | undefined>) {
  const filters: InitiativeFilters & { page?: number } = {};
  const notices: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (name === 'lang' || value === undefined || value === '') continue;
    if (name === 'lever') {
      if ((levers.keys as string[]).includes(value)) filters.lever = value as InitiativeFilters['lever'];
      else notices.push(ctx.w.initiatives.badFilter(name));
    } else if (name === 'status') {
      if ((initiativeStatuses as readonly string[]).includes(value))
        filters.status = value as InitiativeFilters['status'];
      else notices.push(ctx.w.initiatives.badFilter(name));
    } else if (name === 'page') {
      if (/^[1-9][0-9]{0,5}$/.test(value)) filters.page = Number(value);
      else notices.push(ctx.w.initiatives.badFilter(name));
    } else if (name !== 'done') notices.push(ctx.w.initiatives.unknownFilter(name));
  }
  return { filters, notices };
}

function portfolioTable(ctx: PageContext, initiatives: InitiativeLine[]): Html {
  const w = ctx.w.initiatives;
  const columns = [w.initiativeTitle, w.kind, w.status, w.partners, w.project];
  return table(
    columns,
    initiatives.map((i) =>
      stackedRow(columns, [
        initiativeLink(i.id, i.title),
        w.kinds[i.kind],
        initiativeStatusBadge(ctx, i.status),
        String(i.partners),
        i.project ? html`<a href="/staff/projects/${encodeURIComponent(i.project.id)}">${i.project.title}</a>` : '',
      ]),
    ),
    { stack: true },
  );
}

/**
 * `/staff/initiatives`: the portfolio counted by lever and status, each lever's newest initiatives with a link
 * to all of them (`?lever=`, a page at a time), filterable by lever and status.
 */
export function portfolioPage(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: Record<string, string | undefined> }>('/staff/initiatives', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const w = ctx.w.initiatives;
    const { filters, notices } = readFilters(ctx, request.query ?? {});
    const number = filters.page ?? 1;
    const [counted, shown] = await Promise.all([
      portfolioCounts(deps.db, filters.status),
      filters.lever
        ? leverInitiatives(deps.db, filters.lever, filters.status, { number, size: initiativesPerPage }).then(
            (page) => new Map([[filters.lever!, page]]),
          )
        : newestPerLever(deps.db, filters.status, newestShown),
    ]);
    const count = (lever: string, status?: string) =>
      counted.filter((c) => c.lever === lever && (!status || c.status === status)).reduce((sum, c) => sum + c.count, 0);
    const shownLevers = filters.lever ? [filters.lever] : levers.keys;
    const counts = table(
      [w.lever, ...initiativeStatuses.map((s) => ({ text: w.statuses[s], num: true }))],
      shownLevers.map(
        (lever) => html`<tr>
          <th scope="row">${leverLabels[ctx.lang][lever]}</th>
          ${initiativeStatuses.map((s) => html`<td class="num">${count(lever, s)}</td>`)}
        </tr>`,
      ),
    );
    const sections = shownLevers.map((lever) => {
      const initiatives = shown.get(lever) ?? [];
      const total = count(lever);
      const all = withQuery('/staff/initiatives', { lever, status: filters.status, lang: undefined });
      return initiatives.length
        ? html`<section aria-labelledby="lever-${lever}">
            <h3 id="lever-${lever}">${leverLabels[ctx.lang][lever]}</h3>
            ${portfolioTable(ctx, initiatives)}
            ${
              filters.lever
                ? pager(ctx, number, Math.max(1, Math.ceil(total / initiativesPerPage)))
                : total > initiatives.length
                  ? html`<p><a href="${all}">${w.allOfLever(total)}</a></p>`
                  : ''
            }
          </section>`
        : '';
    });
    const anyFilter = filters.lever !== undefined || filters.status !== undefined;
    const body = html`<h1>${w.title}</h1>
      <p>${w.intro}</p>
      ${notice(request.query?.done === 'added' ? w.added : undefined)}
      ${notices.map((n) => notice(n, 'notice'))}
      <p class="actions">
        <a class="button" href="/staff/initiatives/new">${w.add}</a>
        <a href="/api/initiatives.csv">${w.csv}</a>
        <a href="/staff/learning">${w.learning}</a>
      </p>
      <form method="get" action="/staff/initiatives" class="filters">
        ${selectField({ id: 'lever', label: w.lever, choices: levers.keys.map((l) => [l, leverLabels[ctx.lang][l]]), value: filters.lever, blank: w.anyLever })}
        ${selectField({ id: 'status', label: w.status, choices: initiativeStatuses.map((s) => [s, w.statuses[s]]), value: filters.status, blank: w.anyStatus })}
        <p><button type="submit">${w.show}</button> ${anyFilter ? html`<a href="/staff/initiatives">${ctx.w.common.reset}</a>` : ''}</p>
      </form>
      ${
        shownLevers.some((lever) => count(lever) > 0)
          ? html`<h2>${w.byLeverAndStatus}</h2>
              ${counts} ${sections}`
          : anyFilter
            ? emptyState(w.noneForFilter)
            : emptyState(w.empty, { href: '/staff/initiatives/new', text: w.add })
      }`;
    return reply.type('text/html; charset=utf-8').send(staffPage(ctx, { title: w.title, active: 'initiatives', body }));
  });
}
