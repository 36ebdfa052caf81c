import { startTestSystem, type TestSystem } from '../support/test-system';
import { C, P1, writeMapHistory } from '../support/map-history';

/**
 * The staff map of now is drawn once per data version and kept in the shared cache
 * (features/map/map-drawing-cache.ts): a change the version does not see (a rename) waits for the next
 * drawing, while a new edge or partner shows at the next request, with what waited.
 */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
  await writeMapHistory(system.db);
});
afterAll(() => system?.stop());

const mapNow = async () => {
  const response = await system.staffFetch('/staff/map?lang=en');
  expect(response.status).toBe(200);
  return response.text();
};
const relations = (page: string, text: string) => page.split(text).length - 1;

test('the map of now is drawn once, and drawn again at the next request after a new edge or partner', async () => {
  const first = await mapNow();
  expect(first).toContain('Kaartenhuis Zorg');
  const memberships = relations(first, 'Kaartproject Samen');
  const stored = await system.db.selectFrom('shared_cache').select('key').where('key', 'like', 'map:staff:%').execute();
  expect(stored.map((r) => r.key)).toEqual(['map:staff:en:::']);

  // A rename is not in the version: the drawing already made is shown again, the same page around it.
  await system.db.updateTable('partners').set({ name: 'Kaartenhuis Zorg Hernoemd' }).where('id', '=', C).execute();
  const again = await mapNow();
  expect(again).not.toContain('Kaartenhuis Zorg Hernoemd');
  expect(again).toBe(first);
  expect(again).not.toContain('<!--map-drawing-->');
  expect(again.trimEnd().endsWith('</html>')).toBe(true);
  // The drawing goes out as UTF-8 bytes: its non-ASCII text (the exports' separators) arrives intact.
  expect(again).toContain(' · ');
  expect(again).not.toContain('Â');

  // A new membership is: the next request draws the map again, with the new edge and the new name.
  await system.db
    .insertInto('project_partners')
    .values({ project_id: P1, partner_id: C, status: 'confirmed', answered_at: new Date(), joined_at: new Date() })
    .execute();
  const withEdge = await mapNow();
  expect(withEdge).toContain('Kaartenhuis Zorg Hernoemd');
  expect(relations(withEdge, 'Kaartproject Samen')).toBeGreaterThan(memberships);

  // So does a new partner, not yet placed by the background layout.
  await system.db
    .insertInto('partners')
    .values({
      id: 'cachekaart-welzijn',
      name: 'Cachekaart Welzijn',
      sector: 'care',
      actor_type: 'civil_society',
      language: 'nl',
    })
    .execute();
  expect(await mapNow()).toContain('Cachekaart Welzijn');
});

test('a dated map is drawn from the tables at every request', async () => {
  await system.db.updateTable('partners').set({ name: 'Kaartenhuis Zorg Gedateerd' }).where('id', '=', C).execute();
  const response = await system.staffFetch('/staff/map?lang=en&at=2026-03-31');
  expect(await response.text()).toContain('Kaartenhuis Zorg Gedateerd');
});
