import { type Kysely, sql } from 'kysely';

// A CSV import of partners (features/partners/start-import.ts) kept in Postgres rather than in one API
// process's memory, so any API process shows its progress and a restart loses nothing; the
// `partnerImport` workflow onboards its lines. Each line keeps the uploaded row (`record`: people's
// names and addresses, protected like `contacts`) only until the import ends or the partner it names
// is erased, and its result for good (organisation names, ids and statuses: no personal data).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('partner_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The staff account that uploaded it (0: the bootstrap token, which has no row): whose partners they become.
    .addColumn('imported_by', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('running'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('partner_import_lines')
    .addColumn('import_id', 'text', (c) => c.notNull().references('partner_imports.id').onDelete('cascade'))
    .addColumn('line', 'integer', (c) => c.notNull())
    // The partner the line names (the slug of its name, '' if none): erasure finds the line by it.
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('record', 'jsonb')
    .addColumn('status', 'text')
    .addColumn('result_partner_id', 'text')
    .addColumn('error', 'text')
    .addColumn('columns', 'jsonb')
    .addColumn('done_at', 'timestamptz')
    .addPrimaryKeyConstraint('partner_import_lines_pkey', ['import_id', 'line'])
    .execute();
  await db.schema
    .createIndex('partner_import_lines_stored')
    .on('partner_import_lines')
    .column('partner_id')
    .where(sql.ref('record'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('partner_import_lines').ifExists().execute();
  await db.schema.dropTable('partner_imports').ifExists().execute();
}
