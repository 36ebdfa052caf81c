import { type Kysely, sql } from 'kysely';

// The partner's personal consent link (/c/<token>, issue 25) and, on each change of consent that an
// answer gave, the request it came from: recorded once however often the activity is retried.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consent_links')
    .addColumn('partner_id', 'text', (c) => c.primaryKey().references('partners.id'))
    // The random part the link's token is derived from with the token secret (security/consent-tokens.ts).
    .addColumn('nonce', 'text', (c) => c.notNull())
    // SHA-256 of the token: how a link is found; the token itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .alterTable('public_listing_changes')
    .addColumn('request_id', 'text', (c) => c.unique())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('public_listing_changes').dropColumn('request_id').execute();
  await db.schema.dropTable('consent_links').execute();
}
