import { type Kysely, sql } from 'kysely';

// Prioritisation rounds (issue 24, docs/prioritisation.md): a round over some initiatives, the
// numbers the ballot email lists them by, and one ballot per invited partner whose last ranking counts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('prioritisation_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'timestamptz', (c) => c.notNull())
    .addColumn('max_ranked', 'integer', (c) => c.notNull())
    .addColumn('prioritise_top', 'integer', (c) => c.notNull())
    // The invitee choice as staff made it (all formalised partners, a sector, an actor type, a stage, a list).
    .addColumn('invitees', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    // The Borda count, in rank order: [{initiativeId, score, rank, firstPlaces, supporters}].
    .addColumn('result', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('round_initiatives')
    .addColumn('round_id', 'text', (c) => c.notNull().references('prioritisation_rounds.id').onDelete('cascade'))
    .addColumn('initiative_id', 'text', (c) => c.notNull().references('initiatives.id'))
    // Its number in the ballot email (1…n), which a reply "3, 1, 5" names.
    .addColumn('number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_initiatives_pk', ['round_id', 'initiative_id'])
    .addUniqueConstraint('round_initiatives_number', ['round_id', 'number'])
    .execute();
  await db.schema.createIndex('round_initiatives_initiative').on('round_initiatives').column('initiative_id').execute();

  await db.schema
    .createTable('ballots')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('prioritisation_rounds.id').onDelete('cascade'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    // The partner's coordinator, who gets the ballot.
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('reply_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_generation', 'integer', (c) => c.notNull().defaultTo(0))
    // Initiative ids, first choice first; null until answered.
    .addColumn('ranking', 'jsonb')
    .addColumn('answer_via', 'text')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('ballots_once', ['round_id', 'partner_id'])
    .execute();
  await db.schema.createIndex('ballots_partner').on('ballots').column('partner_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['ballots', 'round_initiatives', 'prioritisation_rounds'])
    await db.schema.dropTable(table).execute();
}
