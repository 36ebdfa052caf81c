import type { FastifyInstance } from 'fastify';
import { characteristicLabels, characteristics, preconditionLabels, preconditions } from '../../domain/initiatives';
import { leverLabels } from '../../domain/translated-labels';
import { levers, sectors } from '../../domain/vocabulary';
import type { AppDeps } from '../../features/deps';
import {
  type LearningFigures,
  type LearningGrouping,
  learningFigures,
  learningGroupings,
  learningOutcomes,
  type LearningOutcome,
} from '../../features/initiatives/learning';
import { html, type Html } from '../html/layout';
import { type PageContext, pageContext } from '../html/context';
import { emptyState, notice, selectField, staffPage, table } from '../html/view';

function outcomeTable(
  ctx: PageContext,
  figures: LearningFigures,
  outcome: LearningOutcome,
  groupBy: LearningGrouping,
): Html {
  const w = ctx.w.learning;
  const groups: [string, string][] =
    groupBy === 'lever'
      ? levers.keys.map((l) => [l, leverLabels[ctx.lang][l]])
      : sectors.keys.map((s) => [s, ctx.w.sectors[s]]);
  const count = (kind: string, key: string, group: string) =>
    figures.rows.find(
      (r) => r.outcome === outcome && r.groupBy === groupBy && r.group === group && r.kind === kind && r.key === key,
    )?.initiatives ?? 0;
  const total = (group: string) =>
    figures.totals.find((t) => t.outcome === outcome && t.groupBy === groupBy && t.group === group)?.initiatives ?? 0;
  const row = (label: Html | string, cells: number[]) =>
    html`<tr><th scope="row">${label}</th>${cells.map((n) => html`<td class="num">${n}</td>`)}</tr>`;
  const lang = ctx.lang;
  return table(
    ['', ...groups.map(([, label]) => ({ text: label, num: true }))],
    [
      row(
        html`<strong>${w.initiatives}</strong>`,
        groups.map(([g]) => total(g)),
      ),
      ...characteristics.map((c) =>
        row(
          `${w.characteristic}: ${characteristicLabels[lang][c]}`,
          groups.map(([g]) => count('characteristic', c, g)),
        ),
      ),
      ...preconditions.map((p) =>
        row(
          `${w.precondition}: ${preconditionLabels[lang][p]}`,
          groups.map(([g]) => count('precondition', p, g)),
        ),
      ),
    ],
  );
}

/** `/staff/learning`: what the portfolio teaches, per lever or per sector; the same figures as the JSON and CSV. */
export function learningPage(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: { groupBy?: string } }>('/staff/learning', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const w = ctx.w.learning;
    const asked = request.query?.groupBy;
    const known = (learningGroupings as readonly string[]).includes(asked ?? '');
    const groupBy: LearningGrouping = known ? (asked as LearningGrouping) : 'lever';
    const figures = await learningFigures(deps.db);
    const body = html`<h1>${w.title}</h1>
      <p>${w.intro}</p>
      ${notice(asked && !known ? w.unknownGrouping(asked) : undefined, 'notice')}
      <form method="get" action="/staff/learning" class="filters">
        ${selectField({ id: 'groupBy', label: w.groupBy, choices: learningGroupings.map((g) => [g, w.groupings[g]]), value: groupBy })}
        <p><button type="submit">${w.show}</button> <a href="/api/initiatives/learning.csv">${w.csv}</a></p>
      </form>
      ${learningOutcomes.map(
        (outcome) => html`<section aria-labelledby="outcome-${outcome}">
          <h2 id="outcome-${outcome}">${w.outcomes[outcome]}: ${w.initiativesCount(figures.outcomes[outcome])}</h2>
          ${figures.outcomes[outcome] ? outcomeTable(ctx, figures, outcome, groupBy) : emptyState(w.none)}
        </section>`,
      )}`;
    return reply.type('text/html; charset=utf-8').send(staffPage(ctx, { title: w.title, active: 'learning', body }));
  });
}
