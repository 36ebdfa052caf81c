import { sql } from 'kysely';
import type { Db } from '../../db/connection';

/**
 * How partners report, per period (in calendar order), from the report requests: answered by the due date = on
 * time, answered after it = late, expired = missing, still pending = open.
 */
export async function reportingRates(db: Db) {
  const period = sql<string>`topic->'period'->>'label'`;
  const rows = await db
    .selectFrom('requests')
    .select([
      period.as('period'),
      sql<string>`min(topic->'period'->>'start')`.as('position'),
      sql<string>`count(*) filter (where status = 'answered' and answered_at <= due_at)`.as('onTime'),
      sql<string>`count(*) filter (where status = 'answered' and answered_at > due_at)`.as('late'),
      sql<string>`count(*) filter (where status = 'expired')`.as('missing'),
      sql<string>`count(*) filter (where status = 'pending')`.as('open'),
    ])
    .where('kind', '=', 'report')
    .groupBy(period)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    period: r.period,
    onTime: Number(r.onTime),
    late: Number(r.late),
    missing: Number(r.missing),
    open: Number(r.open),
  }));
}

/** The indicators with their labels, in their order. */
export function indicatorLabels(db: Db) {
  return db.selectFrom('indicators').select(['key', 'label_nl', 'label_en']).orderBy('position').execute();
}
