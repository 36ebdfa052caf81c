import { type Kysely, sql } from 'kysely';

// What people write in their own words when they answer (a comment, a report's narrative) is
// stored here before the answer goes to its workflow, so Temporal histories never hold it
// (db/answer-texts.ts). `closeRequest` joins it back into `requests.answer`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('answer_texts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('texts', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('answer_texts').ifExists().execute();
}
