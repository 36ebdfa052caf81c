import { type Kysely, sql } from 'kysely';

// Follow-up meetings (docs/meetings.md): what staff wrote about a meeting lives here, not in the
// meeting workflow's payloads; invitees keep one current answer each (an RSVP may change).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('sector', 'text')
    .addColumn('levers', 'jsonb', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('online_url', 'text')
    .addColumn('agenda', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('minutes', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('meetings_starts_at').on('meetings').column('starts_at').execute();

  await db.schema
    .createTable('meeting_invitees')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('reply_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('answer', 'text')
    .addColumn('answer_via', 'text')
    .addColumn('answer_texts_id', 'text')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('calendar_sequence', 'integer')
    .addColumn('calendar_dtstamp', 'timestamptz')
    .addColumn('attended', 'boolean')
    .addUniqueConstraint('meeting_invitees_once', ['meeting_id', 'contact_id'])
    .execute();
  await db.schema.createIndex('meeting_invitees_partner').on('meeting_invitees').column('partner_id').execute();

  await db.schema
    .createTable('meeting_initiatives')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('levers', 'jsonb', (c) => c.notNull())
    .addColumn('partner_ids', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('meeting_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('owner_partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // An invitation's calendar part (METHOD:REQUEST or CANCEL), recorded with the email.
  await db.schema.alterTable('email_outbox').addColumn('calendar_method', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('email_outbox').dropColumn('calendar_method').execute();
  for (const table of ['meeting_actions', 'meeting_initiatives', 'meeting_invitees', 'meetings'])
    await db.schema.dropTable(table).execute();
}
