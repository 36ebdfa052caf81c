import { type Kysely, sql } from 'kysely';

// The public figures of each closed period as first published (issue 25, docs/privacy.md): later
// publications only hide more of these cells, when a partner withdraws its consent.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_figures')
    .addColumn('period', 'text', (c) => c.primaryKey())
    .addColumn('period_start', 'timestamptz', (c) => c.notNull())
    .addColumn('period_end', 'timestamptz', (c) => c.notNull())
    // Each cell's key, value and the distinct partners it covers (ids only).
    .addColumn('cells', 'jsonb', (c) => c.notNull())
    // The keys hidden in the first publication, with why: they stay hidden.
    .addColumn('hidden', 'jsonb', (c) => c.notNull())
    .addColumn('frozen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_figures').execute();
}
