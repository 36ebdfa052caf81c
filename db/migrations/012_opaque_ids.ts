import { type Kysely, sql } from 'kysely';

// New meetings and projects get opaque ids (a title could name a person, and a meeting's id its
// first day): what stops planning one twice is now an idempotency key, unique per table. Rows from
// before keep their id, which was that rule (`<title>-<day>`, `<title>`), as their key.
// A meeting link gets a generation, bumped when the invitee's address is corrected (security/meeting-tokens.ts).
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['meetings', 'projects']) {
    await db.schema.alterTable(table).addColumn('idempotency_key', 'text').execute();
    await db
      .updateTable(table)
      .set({ idempotency_key: sql.ref('id') })
      .execute();
    await db.schema
      .alterTable(table)
      .alterColumn('idempotency_key', (c) => c.setNotNull())
      .execute();
    await db.schema.createIndex(`${table}_idempotency_key`).on(table).column('idempotency_key').unique().execute();
  }
  await db.schema
    .alterTable('meeting_invitees')
    .addColumn('token_generation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meeting_invitees').dropColumn('token_generation').execute();
  for (const table of ['meetings', 'projects']) {
    await db.schema.dropIndex(`${table}_idempotency_key`).execute();
    await db.schema.alterTable(table).dropColumn('idempotency_key').execute();
  }
}
