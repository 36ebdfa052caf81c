import { type Kysely, sql } from 'kysely';

/*
 * Reporting periods become calendar periods (domain/reporting-periods.ts). Values stored under a
 * relative label (`p3`, counted from each partner's own start of monitoring) move to the calendar
 * quarter in which their period ended, in Brussels time: the quarter whose figures they were
 * reported with. Two relative periods of one partner that ended in the same quarter add up there
 * (the indicators count what happened in a period). The rows as they were stay in
 * `relative_indicator_values` for audit, and `original_period` names the labels a row came from.
 * Report requests' topics get the calendar label too, keeping theirs as `originalLabel`, so the
 * reporting rate counts per calendar period. The running totals are rebuilt.
 *
 * Quarters, because that is the default (`PACT_REPORT_EVERY=3mo`) every deployment has used.
 */
const quarterOf = (end: string) =>
  sql.raw(`to_char((${end} - interval '1 millisecond') at time zone 'Europe/Brussels', 'YYYY-"Q"Q')`);
const quarterStart = (end: string) =>
  sql.raw(
    `(date_trunc('quarter', (${end} - interval '1 millisecond') at time zone 'Europe/Brussels') at time zone 'Europe/Brussels')`,
  );
const relative = sql.raw(`'^p[0-9]+$'`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table relative_indicator_values as
    select * from indicator_values where period ~ ${relative}`.execute(db);
  await sql`delete from indicator_values where period ~ ${relative}`.execute(db);
  await db.schema.alterTable('indicator_values').addColumn('original_period', 'text').execute();
  await sql`
    insert into indicator_values
      (partner_id, period, indicator, value, request_id, period_start, period_end, submitted_at, original_period)
    select partner_id, ${quarterOf('period_end')}, indicator, sum(value),
           (array_agg(request_id order by period_end desc))[1],
           ${quarterStart('period_end')}, ${quarterStart('period_end')} + interval '3 months',
           max(submitted_at), string_agg(period, '+' order by period_end)
      from relative_indicator_values
     group by partner_id, ${quarterOf('period_end')}, ${quarterStart('period_end')}, indicator`.execute(db);
  await sql`
    update requests
       set topic = jsonb_set(
             jsonb_set(topic, '{period,originalLabel}', topic->'period'->'label'),
             '{period,label}', to_jsonb(${quarterOf(`(topic->'period'->>'end')::timestamptz`)}))
     where kind = 'report' and topic->'period'->>'label' ~ ${relative}`.execute(db);
  await rebuildTotals(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    update requests
       set topic = jsonb_set(topic, '{period,label}', topic->'period'->'originalLabel') #- '{period,originalLabel}'
     where kind = 'report' and topic->'period' ? 'originalLabel'`.execute(db);
  await sql`delete from indicator_values where original_period is not null`.execute(db);
  await db.schema.alterTable('indicator_values').dropColumn('original_period').execute();
  await sql`insert into indicator_values select * from relative_indicator_values`.execute(db);
  await db.schema.dropTable('relative_indicator_values').execute();
  await rebuildTotals(db);
}

// As in 005_indicator_totals.ts; repeated so that a released migration never changes under its name.
async function rebuildTotals(db: Kysely<any>): Promise<void> {
  await sql`delete from indicator_totals`.execute(db);
  await sql`
    insert into indicator_totals (period, indicator, sector, actor_type, total, partners)
    select v.period, v.indicator, p.sector, p.actor_type, sum(v.value::numeric), count(*)
      from indicator_values v join partners p on p.id = v.partner_id
     group by v.period, v.indicator, p.sector, p.actor_type`.execute(db);
}
