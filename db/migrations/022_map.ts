import { type Kysely, sql } from 'kysely';

// The pact's map (issue 26): when a partner's part in a project began and ended, and the map's layout,
// kept where every API process reads it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('project_partners')
    // When the partner confirmed its part; null while invited, and for those who declined or let it expire.
    .addColumn('joined_at', 'timestamptz')
    // When its part ended: the project was cancelled, or the partner was left out after confirming.
    .addColumn('left_at', 'timestamptz')
    .execute();
  // From what was recorded before: a confirmation's time is its answer's; a cancelled project's end is its last change.
  await sql`update project_partners set joined_at = answered_at where status = 'confirmed' and answered_at is not null`.execute(
    db,
  );
  await sql`update project_partners pp set left_at = p.updated_at from projects p
            where p.id = pp.project_id and p.status = 'cancelled' and pp.joined_at is not null`.execute(db);

  // One position per node of the map (`partner:<id>`, `project:<id>`, `lever:<key>`, …): a node once
  // placed keeps its place, so the map of one date compares with another's by eye.
  await db.schema
    .createTable('map_positions')
    .addColumn('node_id', 'text', (c) => c.primaryKey())
    .addColumn('x', 'double precision', (c) => c.notNull())
    .addColumn('y', 'double precision', (c) => c.notNull())
    .addColumn('placed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('map_positions').execute();
  await db.schema.alterTable('project_partners').dropColumn('joined_at').dropColumn('left_at').execute();
}
