import { type Kysely, sql } from 'kysely';

// Running totals of the reported indicator values per period, indicator, sector and actor type,
// kept by storeReport (activities/monitoring.ts) in the same transaction as the values. The
// monitoring summary reads these few hundred rows instead of aggregating every value on each
// request (docs/benchmarks.md, "Monitoring summary").
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator_totals')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull().references('indicators.key'))
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    // numeric, not double precision: a total lives for years of corrections (adding the difference),
    // and float rounding would drift away from the sum of the values.
    .addColumn('total', 'numeric', (c) => c.notNull())
    // How many values (one per partner, period and indicator) make up the total: its partners.
    .addColumn('partners', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_totals_pk', ['period', 'indicator', 'sector', 'actor_type'])
    .execute();
  await fillIndicatorTotals(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('indicator_totals').ifExists().execute();
}

/**
 * Fills an empty `indicator_totals` from every stored value, so a database upgraded with data in
 * it starts with the right totals. Exported for bench/staff-reads.ts, which seeds values in bulk:
 * it lives here, not in shared code, so this released migration never changes under its name.
 * `value::numeric` is the same conversion storeReport uses for its differences.
 */
export async function fillIndicatorTotals(db: Kysely<any>): Promise<void> {
  await sql`
    insert into indicator_totals (period, indicator, sector, actor_type, total, partners)
    select v.period, v.indicator, p.sector, p.actor_type, sum(v.value::numeric), count(*)
      from indicator_values v join partners p on p.id = v.partner_id
     group by v.period, v.indicator, p.sector, p.actor_type`.execute(db);
}
