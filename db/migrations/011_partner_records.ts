import type { Kysely } from 'kysely';

// Partners change over the years (README, "Keeping a partner's record true"):
// - a link replaced by a newer one (a request re-sent, or re-addressed to a new contact) is
//   remembered by its hash only, so opening it answers 410 ("replaced") instead of "unknown";
// - a staff member responsible for each partner: escalations and nudges go to them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('revoked_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('revoked_at', 'timestamptz', (c) => c.notNull().defaultTo(db.fn('now')))
    .execute();
  await db.schema
    .alterTable('partners')
    .addColumn('responsible_user_id', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('partners_responsible').on('partners').column('responsible_user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('partners_responsible').ifExists().execute();
  await db.schema.alterTable('partners').dropColumn('responsible_user_id').execute();
  await db.schema.dropTable('revoked_links').execute();
}
