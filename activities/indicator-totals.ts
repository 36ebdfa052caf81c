import { type Kysely, sql } from 'kysely';
import type { Database, Partner } from '../db/schema';

/** One indicator of a report, with the value stored before it for the same partner and period, if any. */
export interface ReportedValue {
  indicator: string;
  value: number;
  previous: number | undefined;
}

/**
 * What a report changes in the running totals: a new value adds itself and its partner, a corrected
 * one adds the difference. An unchanged value (the same report stored again by a retried activity)
 * changes nothing, so it is left out. Ordered by indicator, so concurrent reports of the same sector
 * and actor type lock their totals rows in the same order and cannot deadlock.
 */
export function changedValues(
  reported: Record<string, number>,
  stored: { indicator: string; value: number }[],
): ReportedValue[] {
  const previous = new Map(stored.map((row) => [row.indicator, row.value]));
  return Object.entries(reported)
    .map(([indicator, value]) => ({ indicator, value, previous: previous.get(indicator) }))
    .filter((v) => v.value !== v.previous)
    .sort((a, b) => (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0));
}

/** Adds a report's changed values to the totals of the partner's sector and actor type, in the caller's transaction. */
export async function addToIndicatorTotals(
  tx: Kysely<Database>,
  partner: Pick<Partner, 'sector' | 'actor_type'>,
  period: string,
  changed: ReportedValue[],
): Promise<void> {
  if (!changed.length) return;
  await tx
    .insertInto('indicator_totals')
    .values(
      changed.map((v) => ({
        period,
        indicator: v.indicator,
        sector: partner.sector,
        actor_type: partner.actor_type,
        // The difference is taken in numeric from the double precision values, the same
        // conversion as the migration's backfill (value::numeric): no float rounding in the total.
        total:
          v.previous === undefined
            ? sql<string>`${v.value}::float8::numeric`
            : sql<string>`${v.value}::float8::numeric - ${v.previous}::float8::numeric`,
        partners: v.previous === undefined ? 1 : 0,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['period', 'indicator', 'sector', 'actor_type']).doUpdateSet({
        total: sql<string>`indicator_totals.total + excluded.total`,
        partners: sql<number>`indicator_totals.partners + excluded.partners`,
      }),
    )
    .execute();
}
