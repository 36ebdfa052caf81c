import { sql } from 'kysely';
import type { Db } from '../../db/connection';

/** Reads the monitoring read model (indicator totals and values, report requests) for the JSON API and the staff pages. */

export const summaryGroupings = ['lever', 'sector', 'actorType'] as const;
export type SummaryGrouping = (typeof summaryGroupings)[number];

/**
 * Indicator totals per group (lever, sector or actor type) and period, for the learning
 * network. An indicator tied to two levers counts under both. Read from the running totals
 * storeReport keeps (indicator_totals), so the cost does not grow with the number of values.
 */
export async function monitoringSummary(db: Db, groupBy: SummaryGrouping, period?: string) {
  const rows = await db
    .selectFrom('indicator_totals')
    .select([
      'indicator_totals.period',
      'indicator_totals.indicator',
      'indicator_totals.sector',
      'indicator_totals.actor_type',
      'indicator_totals.total',
      'indicator_totals.partners',
    ])
    .$if(groupBy === 'lever', (qb) =>
      qb.innerJoin('indicators', 'indicators.key', 'indicator_totals.indicator').select('indicators.levers'),
    )
    .$if(!!period, (qb) => qb.where('indicator_totals.period', '=', period!))
    .execute();

  const groups = new Map<
    string,
    { group: string; period: string; indicator: string; total: number; partners: number }
  >();
  for (const row of rows) {
    const keys = groupBy === 'lever' ? row.levers! : [groupBy === 'sector' ? row.sector : row.actor_type];
    for (const group of keys) {
      const id = `${group}|${row.period}|${row.indicator}`;
      const entry = groups.get(id) ?? { group, period: row.period, indicator: row.indicator, total: 0, partners: 0 };
      entry.total += Number(row.total);
      entry.partners += Number(row.partners);
      groups.set(id, entry);
    }
  }
  return [...groups.values()].sort(
    (a, b) =>
      a.period.localeCompare(b.period) || a.group.localeCompare(b.group) || a.indicator.localeCompare(b.indicator),
  );
}

/** Every reported value, one line per partner, period and indicator. */
export function reportedValues(db: Db) {
  return db
    .selectFrom('indicator_values')
    .innerJoin('partners', 'partners.id', 'indicator_values.partner_id')
    .select([
      'partners.id as partnerId',
      'partners.name as partnerName',
      'partners.sector',
      'partners.actor_type as actorType',
      'indicator_values.period',
      'indicator_values.period_start as periodStart',
      'indicator_values.period_end as periodEnd',
      'indicator_values.indicator',
      'indicator_values.value',
      'indicator_values.submitted_at as submittedAt',
    ])
    .orderBy('partners.name')
    .orderBy('indicator_values.period_start')
    .orderBy('indicator_values.indicator')
    .execute();
}

/**
 * How partners report, per period (in calendar order), from the report requests: answered by the due date = on
 * time, answered after it = late, expired = missing, still pending = open. Read from the requests_reporting_rates
 * index alone (migration 029).
 */
export async function reportingRates(db: Db) {
  const rows = await db
    .selectFrom('requests')
    .select(({ fn }) => [
      'report_period as period',
      fn.min('report_period_start').as('position'),
      sql<string>`count(*) filter (where status = 'answered' and answered_at <= due_at)`.as('onTime'),
      sql<string>`count(*) filter (where status = 'answered' and answered_at > due_at)`.as('late'),
      sql<string>`count(*) filter (where status = 'expired')`.as('missing'),
      sql<string>`count(*) filter (where status = 'pending')`.as('open'),
    ])
    .where('kind', '=', 'report')
    .groupBy('report_period')
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    period: r.period!,
    onTime: Number(r.onTime),
    late: Number(r.late),
    missing: Number(r.missing),
    open: Number(r.open),
  }));
}

/** The indicators partners can set targets for and report on now, with their labels in each language. */
export function activeIndicators(db: Db) {
  return db
    .selectFrom('indicators')
    .select(['key', 'label_nl', 'label_en', 'label_fr'])
    .where('active', '=', true)
    .orderBy('position')
    .execute();
}

/** The indicators with their labels, in their order. */
export function indicatorLabels(db: Db) {
  return db.selectFrom('indicators').select(['key', 'label_nl', 'label_en']).orderBy('position').execute();
}
