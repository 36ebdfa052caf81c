import { type Kysely, sql } from 'kysely';

// The pact's lexicon, its common language (issue 25, point 4): terms staff keep in nl/en/fr, each change a new
// version, so earlier versions stay readable. Nothing is seeded: staff write the terms.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lexicon_terms')
    // Opaque (a uuid); the slug is the term's anchor on /pact/lexicon and does not change.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('lexicon_versions')
    .addColumn('term_id', 'text', (c) => c.notNull().references('lexicon_terms.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('label_nl', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('label_fr', 'text', (c) => c.notNull())
    .addColumn('definition_nl', 'text', (c) => c.notNull())
    .addColumn('definition_en', 'text', (c) => c.notNull())
    .addColumn('definition_fr', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('related_term_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('lexicon_versions_pk', ['term_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('lexicon_versions').execute();
  await db.schema.dropTable('lexicon_terms').execute();
}
