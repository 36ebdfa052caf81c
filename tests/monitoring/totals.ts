import { type Kysely, sql } from 'kysely';
import type { ReportingPeriod } from '../../domain/request-topics';

export interface TotalRow {
  period: string;
  indicator: string;
  sector: string;
  actor_type: string;
  total: number;
  partners: number;
}

const order = sql.raw('order by period, indicator, sector, actor_type');

/** The running totals as stored, with numbers for numbers. */
export async function storedTotals(db: Kysely<any>): Promise<TotalRow[]> {
  const { rows } =
    await sql<TotalRow>`select period, indicator, sector, actor_type, total, partners from indicator_totals ${order}`.execute(
      db,
    );
  return rows.map((r) => ({ ...r, total: Number(r.total), partners: Number(r.partners) }));
}

/** What the totals must be: the aggregate over every stored value, as the summary used to compute it. */
export async function totalsFromEveryValue(db: Kysely<any>): Promise<TotalRow[]> {
  const { rows } = await sql<TotalRow>`
    select v.period, v.indicator, p.sector, p.actor_type, sum(v.value) as total, count(*) as partners
      from indicator_values v join partners p on p.id = v.partner_id
     group by v.period, v.indicator, p.sector, p.actor_type ${order}`.execute(db);
  return rows.map((r) => ({ ...r, total: Number(r.total), partners: Number(r.partners) }));
}

/** A quarterly reporting period, as the journey hands it to storeReport. */
export function quarter(label: string, index: number): ReportingPeriod {
  const start = new Date(Date.UTC(2025, 3 * index, 1));
  const end = new Date(Date.UTC(2025, 3 * index + 3, 1));
  return { label, index, start: start.toISOString(), end: end.toISOString() };
}
