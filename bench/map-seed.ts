/**
 * The map's benchmark data at scale, written straight into a fresh database (bulk inserts: the scale
 * is the point, not the journeys): 10,000 partners with their journeys, 1,000 running projects with
 * four partners each. bench/map-scale.ts (the layout) and bench/map-page.ts (the page) share it.
 */
import type { Db } from '../db/connection';
import { journeyStages } from '../domain/journey';
import { levers, sectors } from '../domain/vocabulary';

export const [partnerCount, projectCount] = [10_000, 1_000];

/**
 * Seeds `db` and says how many project memberships it wrote. `size`: more partners or projects than
 * the map's benchmarks use (bench/worker-memory-scale.ts seeds 100,000 partners).
 */
export async function seedMapScale(
  db: Db,
  size: { partners: number; projects: number } = { partners: partnerCount, projects: projectCount },
): Promise<{ memberships: number }> {
  const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();
  const partners = Array.from({ length: size.partners }, (_, i) => ({
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
  const projects = Array.from({ length: size.projects }, (_, i) => ({
    id: `project-${i}`,
    idempotency_key: `project-${i}`,
    title: `Project ${i}`,
    description: '',
    levers: JSON.stringify([levers.keys[i % levers.keys.length]]),
    status: 'running' as const,
    created_at: day(5000 + i),
  }));
  const running = journeyStages.slice(0, 4);
  const journeys = partners.map((p, i) => ({
    partner_id: p.id,
    workflow_id: `journey-${p.id}`,
    stage: running[i % running.length]!,
    status: 'waiting_partner' as const,
    updated_at: p.created_at,
  }));
  for (let i = 0; i < journeys.length; i += 2000)
    await db
      .insertInto('journeys')
      .values(journeys.slice(i, i + 2000))
      .execute();
  await db.insertInto('projects').values(projects).execute();
  // Four partners per project, 4,000 partners in projects.
  const parts = projects.flatMap((p, i) =>
    [0, 1, 2, 3].map((k) => ({
      project_id: p.id,
      partner_id: `p${(i * 4 + k) % size.partners}`,
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

  return { memberships: parts.length };
}
