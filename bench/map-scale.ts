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
import { sectors, levers } from '../domain/vocabulary';
import { staffMapView } from '../features/map/map-view';

const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const [partnerCount, projectCount] = [10_000, 1_000];

async function main() {
  const name = `bench_map_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const db = createDb(Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString());
  try {
    const migrated = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
    if (migrated.error) throw migrated.error;
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();
    const partners = Array.from({ length: partnerCount }, (_, i) => ({
      id: `p${i}`,
      name: `Partner ${i}`,
      sector: sectors.keys[i % sectors.keys.length]!,
      actor_type: 'market' as const,
      language: 'nl' as const,
      created_at: day(i % 5000),
    }));
    for (let i = 0; i < partners.length; i += 2000)
      await db
        .insertInto('partners')
        .values(partners.slice(i, i + 2000))
        .execute();
    const projects = Array.from({ length: projectCount }, (_, i) => ({
      id: `project-${i}`,
      idempotency_key: `project-${i}`,
      title: `Project ${i}`,
      description: '',
      levers: JSON.stringify([levers.keys[i % levers.keys.length]]),
      status: 'running' as const,
      created_at: day(5000 + i),
    }));
    await db.insertInto('projects').values(projects).execute();
    // Four partners per project, 4,000 partners in projects.
    const parts = projects.flatMap((p, i) =>
      [0, 1, 2, 3].map((k) => ({
        project_id: p.id,
        partner_id: `p${(i * 4 + k) % partnerCount}`,
        status: 'confirmed' as const,
        answered_at: day(6000 + i),
        joined_at: day(6000 + i),
      })),
    );
    for (let i = 0; i < parts.length; i += 2000)
      await db
        .insertInto('project_partners')
        .values(parts.slice(i, i + 2000))
        .execute();

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
    console.log(`${partnerCount} partners, ${projectCount} projects, ${parts.length} memberships`);
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
