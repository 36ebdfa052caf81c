import { cached, forgetCached } from '../../db/shared-cache';
import { createDb, type Db } from '../../db/connection';
import { migrateToLatest } from '../../db/migrator';
import { createTestDatabaseUrl } from '../support/test-database';

/**
 * The cache every API process shares (db/shared-cache.ts): two connections stand for two processes,
 * as they would behind a load balancer.
 */
let first: Db;
let second: Db;
beforeAll(async () => {
  const url = await createTestDatabaseUrl('shared_cache');
  [first, second] = [createDb(url, { maxConnections: 2 }), createDb(url, { maxConnections: 2 })];
  await migrateToLatest(first);
});
afterAll(async () => {
  await second?.destroy();
  await first?.destroy();
});

test('what one process computed, another reads, until the version changes', async () => {
  let computed = 0;
  const figures = (version: string, db: Db) =>
    cached(db, 'public/figures', { version }, async () => ({ partners: [1, 2, 3], run: ++computed }));

  expect(await figures('v1', first)).toEqual({ partners: [1, 2, 3], run: 1 });
  expect(await figures('v1', second)).toEqual({ partners: [1, 2, 3], run: 1 });
  expect(computed).toBe(1);

  expect(await figures('v2', second)).toEqual({ partners: [1, 2, 3], run: 2 });
  expect(await figures('v2', first)).toEqual({ partners: [1, 2, 3], run: 2 });
  expect(computed).toBe(2);
});

test('an entry older than its maximum age is computed again; forgetting drops it', async () => {
  let computed = 0;
  const layout = (maxAgeMs?: number) =>
    cached(first, 'map/layout', { version: 'same', maxAgeMs }, async () => ++computed);
  expect(await layout()).toBe(1);
  expect(await layout(60_000)).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await layout(10)).toBe(2);

  await forgetCached(first, 'map/');
  expect(await layout()).toBe(3);
  // A prefix is a prefix, not a pattern: `_` and `%` match only themselves.
  await cached(first, 'mapXlayout', { version: 'same' }, async () => 'kept');
  await forgetCached(first, 'map_');
  expect(await cached(first, 'mapXlayout', { version: 'same' }, async () => 'recomputed')).toBe('kept');
});
