import { type Kysely, sql } from 'kysely';

// A project may start from an initiative of the portfolio, and a running project is closed with an
// outcome (issue 24): a short evaluation, a score from 1 to 5 against its aim, what the network learned.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('projects')
    .addColumn('initiative_id', 'text', (c) => c.references('initiatives.id'))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('evaluation', 'text')
    .addColumn('score', 'integer')
    .addColumn('learned', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  await sql`alter table projects add constraint projects_score_range check (score between 1 and 5)`.execute(db);
  await db.schema.createIndex('projects_initiative').on('projects').column('initiative_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update projects set status = 'running' where status = 'closed'`.execute(db);
  await db.schema
    .alterTable('projects')
    .dropColumn('initiative_id')
    .dropColumn('closed_at')
    .dropColumn('evaluation')
    .dropColumn('score')
    .dropColumn('learned')
    .dropColumn('closed_by')
    .execute();
}
