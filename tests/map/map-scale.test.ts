import { sectors } from '../../domain/vocabulary';
import { startMapLayout } from '../../worker/map-layout';
import { eventually } from '../support/eventually';
import { readJson } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * A pact of 400 partners, of which three in a project: the worker's background timer places every
 * node; the map draws the three one by one and groups the others per sector with their count, and a
 * sector filter zooms in to each of its partners.
 */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
  const partners = Array.from({ length: 400 }, (_, i) => ({
    id: `kaartschaal-${i}`,
    name: `Kaartschaal ${i}`,
    sector: sectors.keys[i % sectors.keys.length]!,
    actor_type: 'market' as const,
    language: 'nl' as const,
    created_at: '2026-01-05T09:00:00Z',
  }));
  await system.db.insertInto('partners').values(partners).execute();
  await system.db
    .insertInto('projects')
    .values({
      id: 'e4f4c1de-0000-4000-8000-000000000026',
      idempotency_key: 'kaartschaal-project',
      title: 'Kaartschaal Project',
      description: 'Op schaal.',
      levers: JSON.stringify(['redistribution']),
      status: 'running',
      created_at: '2026-01-06T09:00:00Z',
    })
    .execute();
  await system.db
    .insertInto('project_partners')
    .values(
      [0, 1, 2].map((i) => ({
        project_id: 'e4f4c1de-0000-4000-8000-000000000026',
        partner_id: `kaartschaal-${i}`,
        status: 'confirmed' as const,
        answered_at: '2026-01-07T09:00:00Z',
        joined_at: '2026-01-07T09:00:00Z',
      })),
    )
    .execute();
});
afterAll(() => system?.stop());

test('the worker’s timer places every node in the background', async () => {
  const stop = startMapLayout(system.db, 200);
  try {
    await eventually(async () => {
      const { count } = await system.db
        .selectFrom('map_positions')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow();
      // 400 partners and the project; the six levers have their ring, not a stored place.
      expect(Number(count)).toBe(400 + 1);
    }, 30_000);
  } finally {
    await stop();
  }
});

test('above 150 partners those in projects are drawn one by one, the others per sector', async () => {
  const page = await (await system.staffFetch('/staff/map?lang=en')).text();
  expect(page).toContain('More than 150 partners');
  for (const i of [0, 1, 2]) expect(page).toContain(`partner: Kaartschaal ${i}<`);
  expect(page).not.toContain('partner: Kaartschaal 3<');
  // 400 partners over 8 sectors: 50 each; the three in the project (work, education, care) are drawn apart.
  expect(page).toContain('other partners of a sector: work (49 partners)');
  expect(page).toContain('other partners of a sector: media (50 partners)');
  expect((page.match(/class="node partner"/g) ?? []).length).toBe(3);
});

test('a sector filter zooms in to every partner of that sector', async () => {
  const page = await (await system.staffFetch('/staff/map?sector=care&lang=en')).text();
  expect(page).not.toContain('More than 150 partners');
  expect((page.match(/class="node partner"/g) ?? []).length).toBe(50);
  const graph = await readJson(await system.staffFetch('/api/map?sector=care'));
  expect(graph.nodes.filter((n: { kind: string }) => n.kind === 'partner')).toHaveLength(50);
});
