import { type Kysely, sql } from 'kysely';

// The portfolio of common initiatives (issue 24) and partners' consent to be listed publicly (issue 25):
// the tables both features and the pact's map read. Rounds, ballots and the public side add their own.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('initiatives')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    // The meeting or the partner it came from; null when staff added it.
    .addColumn('origin_ref', 'text')
    .addColumn('levers', 'jsonb', (c) => c.notNull())
    .addColumn('characteristics', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('preconditions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed'))
    // Its place in the pact's list of initiatives in order of importance, set when a round closes.
    .addColumn('priority_rank', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('initiatives_status').on('initiatives').column('status').execute();

  await db.schema
    .createTable('initiative_partners')
    .addColumn('initiative_id', 'text', (c) => c.notNull().references('initiatives.id').onDelete('cascade'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('since', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('initiative_partners_pk', ['initiative_id', 'partner_id'])
    .execute();
  await db.schema.createIndex('initiative_partners_partner').on('initiative_partners').column('partner_id').execute();

  await db.schema
    .alterTable('partners')
    .addColumn('public_listing', 'boolean', (c) => c.notNull().defaultTo(false))
    // The partner's invitation link (/pact/join?ref=<code>): not secret, passed on to its network.
    .addColumn('referral_code', 'text', (c) => c.unique())
    // Who mobilised this partner (a join through another partner's invitation link).
    .addColumn('referred_by', 'text', (c) => c.references('partners.id'))
    .execute();
  await db.schema
    .createTable('public_listing_changes')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('listed', 'boolean', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    // A staff account's email, or the partner contact's role; never the contact's address.
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('public_listing_changes_partner')
    .on('public_listing_changes')
    .column('partner_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_listing_changes').execute();
  await db.schema
    .alterTable('partners')
    .dropColumn('public_listing')
    .dropColumn('referral_code')
    .dropColumn('referred_by')
    .execute();
  await db.schema.dropTable('initiative_partners').execute();
  await db.schema.dropTable('initiatives').execute();
}
