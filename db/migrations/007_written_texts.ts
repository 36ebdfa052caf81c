import { type Kysely, sql } from 'kysely';

// What people write in their own words (an answer's comment, a report's narrative, a withdrawal's
// reason) is stored here before it would go to a workflow, so Temporal histories never hold it: the
// workflow gets the row's id (db/written-texts.ts). Each row names its partner, for erasure.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('written_texts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
    .addColumn('request_id', 'text', (c) => c.references('requests.id').onDelete('cascade'))
    .addColumn('texts', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('written_texts_partner').on('written_texts').column('partner_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('written_texts').ifExists().execute();
}
