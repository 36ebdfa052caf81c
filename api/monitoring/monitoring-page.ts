import type { FastifyInstance } from 'fastify';
import { parsePeriodLabel, periodBegun } from '../../domain/reporting-periods';
import { monitoringPageQuerySchema } from '../../features/monitoring/schema';
import { ignoredNotice, readPageQuery } from '../html/page-query';
import { leverLabels } from '../../domain/translated-labels';
import { formatDate } from '../../mail/templates/layout';
import { html, type Html } from '../html/layout';
import {
  indicatorLabels,
  monitoringSummary,
  reportingRates,
  type SummaryGrouping,
  summaryGroupings,
} from '../../features/monitoring/queries';
import type { AppDeps } from '../../features/deps';
import { barChart, legend, lineChart } from '../html/charts';
import { type PageContext, pageContext } from '../html/context';
import { emptyState, notice, selectField, staffPage, table } from '../html/view';
import { labelFor } from '../html/label-for';

type Summary = Awaited<ReturnType<typeof monitoringSummary>>;

/** `/staff/monitoring`: indicator values per lever (or sector, actor type) and period, the reporting rate, and the CSV. */
export function monitoringPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/staff/monitoring', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { query, ignored } = readPageQuery(monitoringPageQuerySchema, request.query);
    // A period that is none of the label's forms is ignored too; one that has not begun is refused below.
    const asked = query.period !== undefined && parsePeriodLabel(query.period) ? query.period : undefined;
    if (query.period !== undefined && asked === undefined) ignored.push('period');
    const groupBy: SummaryGrouping = query.groupBy ?? 'lever';
    // Per sector each value counts once (a value tied to two levers counts under both), so the line sums that grouping.
    const [grouped, bySector, rates, indicators] = await Promise.all([
      monitoringSummary(deps.db, groupBy),
      groupBy === 'sector' ? undefined : monitoringSummary(deps.db, 'sector'),
      reportingRates(deps.db),
      indicatorLabels(deps.db),
    ]);
    const periods = [...new Set(grouped.map((r) => r.period))].sort((a, b) =>
      a.localeCompare(b, undefined, { numeric: true }),
    );
    const indicatorNames = Object.fromEntries(
      indicators.map((i) => [i.key, ctx.lang === 'en' ? i.label_en : i.label_nl]),
    );
    const period = asked !== undefined && periods.includes(asked) ? asked : periods.at(-1);
    // Asked for a period that has not begun: the page says so (400) and shows the latest one.
    const begun = asked === undefined ? undefined : periodBegun(asked, Date.now());
    const refused =
      begun?.kind === 'not_begun' ? ctx.w.monitoring.notBegun(asked!, formatDate(begun.begins, ctx.lang)) : undefined;
    // An indicator that is none of the pact's is ignored too: the chart shows the first one.
    const known = indicators.some((i) => i.key === query.indicator);
    if (query.indicator !== undefined && !known) ignored.push('indicator');
    const indicator = known ? query.indicator! : indicators[0]?.key;
    const body = html`<h1>${ctx.w.monitoring.title}</h1>
      ${notice(refused, 'error')} ${ignoredNotice(ctx, ignored)}
      <p><a href="/api/reports.csv" download>${ctx.w.monitoring.export}</a></p>
      ${period && indicator ? values(ctx, { grouped, bySector: bySector ?? grouped, periods, period, indicator, indicatorNames, groupBy }) : emptyState(ctx.w.monitoring.empty)}
      ${reportingRate(ctx, rates)}`;
    return reply
      .status(refused ? 400 : 200)
      .type('text/html; charset=utf-8')
      .send(staffPage(ctx, { title: ctx.w.monitoring.title, active: 'monitoring', body }));
  });
}

interface ValuesView {
  grouped: Summary;
  bySector: Summary;
  periods: string[];
  period: string;
  indicator: string;
  indicatorNames: Record<string, string>;
  groupBy: SummaryGrouping;
}

function values(ctx: PageContext, v: ValuesView): Html {
  const { w } = ctx;
  const groupLabel = (group: string) =>
    (v.groupBy === 'lever'
      ? labelFor(leverLabels[ctx.lang], group)
      : v.groupBy === 'sector'
        ? labelFor(w.sectors, group)
        : labelFor(w.actorTypes, group)) ?? group;
  const bars = v.grouped.filter((r) => r.period === v.period && r.indicator === v.indicator);
  const line = v.periods.map((period) => ({
    label: period,
    value: v.bySector
      .filter((r) => r.period === period && r.indicator === v.indicator)
      .reduce((sum, r) => sum + r.total, 0),
  }));
  const name = v.indicatorNames[v.indicator] ?? v.indicator;
  const barsTitle = w.monitoring.bars(name, v.period, w.monitoring.groupings[v.groupBy]);
  return html`<form method="get" action="/staff/monitoring" class="card filters">
      <div>
        ${selectField({ id: 'indicator', label: w.monitoring.indicator, choices: Object.entries(v.indicatorNames), value: v.indicator })}
      </div>
      <div>
        ${selectField({ id: 'period', label: w.monitoring.period, choices: v.periods.map((p) => [p, p]), value: v.period })}
      </div>
      <div>
        ${selectField({ id: 'groupBy', label: w.monitoring.groupBy, choices: summaryGroupings.map((g) => [g, w.monitoring.groupings[g]]), value: v.groupBy })}
      </div>
      <p><button type="submit">${w.monitoring.show}</button></p>
    </form>
    <figure>
      <figcaption>${barsTitle}</figcaption>
      ${barChart(
        'values-chart',
        barsTitle,
        bars.map((r) => ({ label: groupLabel(r.group), segments: [{ name, value: r.total, colour: '#1d4f91' }] })),
      )}
      <details>
        <summary>${w.monitoring.table}</summary>
        ${table(
          [w.monitoring.group, { text: w.monitoring.total, num: true }, { text: w.monitoring.partners, num: true }],
          bars.map(
            (r) =>
              html`<tr>
                <td>${groupLabel(r.group)}</td>
                <td class="num">${r.total}</td>
                <td class="num">${r.partners}</td>
              </tr>`,
          ),
        )}
      </details>
    </figure>
    <figure>
      <figcaption>${w.monitoring.line(name)}</figcaption>
      ${lineChart('trend-chart', w.monitoring.line(name), line)}
      <details>
        <summary>${w.monitoring.table}</summary>
        ${table(
          [w.monitoring.period, { text: w.monitoring.total, num: true }],
          line.map(
            (p) =>
              html`<tr>
                <td>${p.label}</td>
                <td class="num">${p.value}</td>
              </tr>`,
          ),
        )}
      </details>
    </figure>`;
}

function reportingRate(ctx: PageContext, rates: Awaited<ReturnType<typeof reportingRates>>): Html {
  const { w } = ctx;
  const kinds = [
    { key: 'onTime', name: w.monitoring.onTime, colour: '#2b8a3e' },
    { key: 'late', name: w.monitoring.late, colour: '#c77700' },
    { key: 'missing', name: w.monitoring.missing, colour: '#a4161a' },
    { key: 'open', name: w.monitoring.open, colour: '#8a94a3' },
  ] as const;
  if (!rates.length)
    return html`<h2>${w.monitoring.rate}</h2>
      <p class="muted">${w.monitoring.rateEmpty}</p>`;
  return html`<figure>
    <figcaption><h2 style="margin:0">${w.monitoring.rate}</h2></figcaption>
    ${barChart(
      'rate-chart',
      w.monitoring.rate,
      rates.map((r) => ({
        label: r.period,
        segments: kinds.map((k) => ({ name: k.name, value: r[k.key], colour: k.colour })),
      })),
    )}${legend(kinds)}
    ${table(
      [w.monitoring.period, ...kinds.map((k) => ({ text: k.name, num: true }))],
      rates.map(
        (r) =>
          html`<tr>
            <td>${r.period}</td>
            ${kinds.map((k) => html`<td class="num">${r[k.key]}</td>`)}
          </tr>`,
      ),
    )}
  </figure>`;
}
