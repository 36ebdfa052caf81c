import { type Kysely, sql } from 'kysely';

// The rate limits' counters (db/request-limiter.ts, auth/rate-limit.ts), here rather than in each API
// process's memory, so that N processes behind a load balancer allow what one would (issue 27).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    // A hash of the limit's scope and its client key (an address, an account at an address): no
    // address or email in plain sight (db/rate-limit-rows.ts).
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('resets_at', 'timestamptz', (c) => c.notNull())
    // Whether the last attempt was refused (the sign-in limit counts nothing then).
    .addColumn('refused', 'boolean', (c) => c.notNull().defaultTo(sql`false`))
    .execute();
  // The sweep deletes the expired rows by this.
  await db.schema.createIndex('rate_limits_resets_at').on('rate_limits').column('resets_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
