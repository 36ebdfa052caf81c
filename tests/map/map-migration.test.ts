import { type Kysely, Migrator } from 'kysely';
import type { Db } from '../../db/connection';
import { migrations } from '../../db/migrations';
import { createTestDatabase } from '../support/test-database';

/**
 * 022_map on stored data: a confirmed part in a project begins when it was confirmed (its answer's
 * time), and a part in a project cancelled since ends at the project's last change; invitations that
 * were declined, expired or left out never began.
 */
let db: Db;
beforeAll(async () => {
  db = await createTestDatabase('map_migration');
});
afterAll(() => db?.destroy());

test('project parts get their begin and end from what was recorded before', async () => {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const before = Object.keys(migrations)[Object.keys(migrations).indexOf('022_map') - 1]!;
  expect((await migrator.migrateTo(before)).error).toBeUndefined();
  const old = db as unknown as Kysely<any>;
  await old
    .insertInto('partners')
    .values(
      ['kaart-een', 'kaart-twee', 'kaart-drie'].map((id) => ({
        id,
        name: id,
        actor_type: 'market',
        sector: 'work',
        language: 'nl',
      })),
    )
    .execute();
  const project = (id: string, status: string, updated_at: string) => ({
    id,
    idempotency_key: id,
    title: id,
    description: 'd',
    levers: JSON.stringify(['agency']),
    status,
    updated_at,
  });
  await old
    .insertInto('projects')
    .values([
      project('loopt', 'running', '2026-02-01T10:00:00Z'),
      project('geschrapt', 'cancelled', '2026-03-01T10:00:00Z'),
    ])
    .execute();
  const part = (project_id: string, partner_id: string, status: string, answered_at: string | null) => ({
    project_id,
    partner_id,
    status,
    answered_at,
  });
  await old
    .insertInto('project_partners')
    .values([
      part('loopt', 'kaart-een', 'confirmed', '2026-01-15T09:00:00Z'),
      part('loopt', 'kaart-twee', 'declined', '2026-01-16T09:00:00Z'),
      part('loopt', 'kaart-drie', 'invited', null),
      part('geschrapt', 'kaart-een', 'confirmed', '2026-02-10T09:00:00Z'),
      part('geschrapt', 'kaart-twee', 'expired', '2026-02-20T09:00:00Z'),
    ])
    .execute();

  expect((await migrator.migrateTo('022_map')).error).toBeUndefined();
  const rows = await db
    .selectFrom('project_partners')
    .select(['project_id', 'partner_id', 'joined_at', 'left_at'])
    .orderBy('project_id')
    .orderBy('partner_id')
    .execute();
  const iso = (d: Date | null) => d && d.toISOString();
  expect(rows.map((r) => [r.project_id, r.partner_id, iso(r.joined_at), iso(r.left_at)])).toEqual([
    ['geschrapt', 'kaart-een', '2026-02-10T09:00:00.000Z', '2026-03-01T10:00:00.000Z'],
    ['geschrapt', 'kaart-twee', null, null],
    ['loopt', 'kaart-drie', null, null],
    ['loopt', 'kaart-een', '2026-01-15T09:00:00.000Z', null],
    ['loopt', 'kaart-twee', null, null],
  ]);
  expect(await db.selectFrom('map_positions').selectAll().execute()).toEqual([]);
});
