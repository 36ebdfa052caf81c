import { type Kysely, sql } from 'kysely';

// Default indicators, each tied to the levers it measures. Staff may add more rows.
const defaultIndicators = [
  [
    'placements_offered',
    'Aangeboden stage- en (vrijwilligers)werkplaatsen voor inburgeraars',
    'Internship and volunteer places offered to newcomers',
    'Places de stage et de (bénévolat) offertes aux primo-arrivants',
    ['redistribution', 'agency'],
  ],
  [
    'participants_reached',
    'Bereikte deelnemers',
    'Participants reached',
    'Participants atteints',
    ['agency', 'quality_of_life', 'trust'],
  ],
  [
    'staff_trained',
    'Medewerkers opgeleid in antidiscriminatie',
    'Staff trained in anti-discrimination',
    'Collaborateurs formés à la lutte contre les discriminations',
    ['fundamental_rights', 'trust'],
  ],
  ['actions_taken', 'Ondernomen acties', 'Actions taken', 'Actions menées', ['fundamental_rights', 'added_value']],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicators')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('label_nl', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('label_fr', 'text', (c) => c.notNull())
    .addColumn('levers', 'jsonb', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('indicators')
    .values(
      defaultIndicators.map(([key, nl, en, fr, levers], position) => ({
        key,
        label_nl: nl,
        label_en: en,
        label_fr: fr,
        levers: JSON.stringify(levers),
        position,
      })),
    )
    .execute();

  await db.schema
    .createTable('indicator_values')
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull().references('indicators.key'))
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('period_start', 'timestamptz', (c) => c.notNull())
    .addColumn('period_end', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('indicator_values_pk', ['partner_id', 'period', 'indicator'])
    .execute();
  await db.schema
    .createIndex('indicator_values_period')
    .on('indicator_values')
    .columns(['period', 'indicator'])
    .execute();

  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('levers', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('inviting'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('project_partners')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('invited'))
    .addColumn('answered_at', 'timestamptz')
    .addPrimaryKeyConstraint('project_partners_pk', ['project_id', 'partner_id'])
    .execute();
  await db.schema.createIndex('project_partners_partner').on('project_partners').column('partner_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['project_partners', 'projects', 'indicator_values', 'indicators']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
