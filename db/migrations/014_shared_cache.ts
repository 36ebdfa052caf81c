import type { Kysely } from 'kysely';

// What is expensive to compute and the same for every API process (a public page's figures, a map's
// layout) is kept here, so each process finds what another computed (db/shared-cache.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shared_cache')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(db.fn('now')))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shared_cache').execute();
}
