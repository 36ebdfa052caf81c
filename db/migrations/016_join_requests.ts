import { type Kysely, sql } from 'kysely';

// Joining the pact from its public form (issue 25, point 5): a join request waits for the address
// to be confirmed (double opt-in) and for staff to approve it; only then is a partner stored.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('join_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending_confirmation'))
    // The form as sent (organisation, contacts, intent): erased when staff reject it, the row deleted when it expires.
    .addColumn('data', 'jsonb')
    // SHA-256 of the confirmation link's token (/j/<token>); null once used.
    .addColumn('confirm_token_hash', 'text', (c) => c.unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    // The invitation code of the partner whose link brought the join (/pact/join?ref=<code>).
    .addColumn('ref_code', 'text')
    .addColumn('confirmed_at', 'timestamptz')
    // The partner the approval made, and who decided (a staff account's email) and why (a rejection's reason).
    .addColumn('partner_id', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('join_requests_status').on('join_requests').columns(['status', 'expires_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('join_requests').execute();
}
