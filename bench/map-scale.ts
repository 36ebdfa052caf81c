/**
 * The map at 10,000 partners and 1,000 projects (issue 26): the background layout's time and memory
 * (cold: every node new; warm: nothing new), and the staff map's read and drawing on the cached layout.
 * `node --import tsx bench/map-scale.ts` against DATABASE_ADMIN_URL (default: the local Postgres, trust).
 */
import { randomBytes } from 'node:crypto';
import { Migrator } from 'kysely';
import { Client } from 'pg';
import { mapSvg } from '../api/map/map-svg';
import { nl } from '../api/html/wording-nl';
import { createDb } from '../db/connection';
import { refreshMapLayout } from '../db/map/layout';
import { migrations } from '../db/migrations';
import { staffMapView } from '../features/map/map-view';
import { partnerCount, projectCount, seedMapScale } from './map-seed';

const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main() {
  const name = `bench_map_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const db = createDb(Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString());
  try {
    const migrated = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
    if (migrated.error) throw migrated.error;
    const { memberships } = await seedMapScale(db);

    const time = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
      const before = process.memoryUsage().heapUsed;
      const started = performance.now();
      const result = await run();
      const ms = performance.now() - started;
      console.log(
        `${what}: ${ms.toFixed(0)} ms, heap +${((process.memoryUsage().heapUsed - before) / 2 ** 20).toFixed(0)} MiB`,
      );
      return result;
    };
    console.log(`${partnerCount} partners, ${projectCount} projects, ${memberships} memberships`);
    console.log(await time('layout, cold (every node placed)', () => refreshMapLayout(db)));
    console.log(await time('layout, warm (nothing new)', () => refreshMapLayout(db)));
    for (const run of [1, 2, 3]) {
      const view = await time(`staff map view #${run} (read, group, place)`, () => staffMapView(db, {}));
      await time(`  SVG of ${view.nodes.length} nodes, ${view.edges.length} edges`, async () =>
        mapSvg(view, nl.map, { title: 't', description: 'd', leverLabel: (k) => k }),
      );
    }
  } finally {
    await db.destroy();
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
  }
}

void main();
