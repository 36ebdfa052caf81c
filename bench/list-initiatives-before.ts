/**
 * The portfolio's listing as it was before issue 28 (features/initiatives/queries.ts, `listInitiatives`):
 * the same three reads, then each initiative's partners and project searched through all of them in the
 * process. Kept only as the baseline bench/portfolio-page.ts measures the grouping by id against, in the
 * same run; nothing else calls it.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema';
import type { InitiativeProject, PortfolioInitiative } from '../features/initiatives/queries';
import type { InitiativeFilters } from '../features/initiatives/schema';

export async function listInitiativesBefore(
  db: Kysely<Database>,
  filters: InitiativeFilters & { ids?: string[] } = {},
): Promise<PortfolioInitiative[]> {
  let query = db.selectFrom('initiatives').selectAll().orderBy('created_at', 'desc').orderBy('id');
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.lever) query = query.where(sql<boolean>`levers @> ${JSON.stringify([filters.lever])}::jsonb`);
  if (filters.ids) {
    if (!filters.ids.length) return [];
    query = query.where('id', 'in', filters.ids);
  }
  const initiatives = await query.execute();
  if (!initiatives.length) return [];
  const ids = initiatives.map((i) => i.id);
  const [partners, projects] = await Promise.all([
    db
      .selectFrom('initiative_partners')
      .innerJoin('partners', 'partners.id', 'initiative_partners.partner_id')
      .select([
        'initiative_partners.initiative_id as initiativeId',
        'partners.id',
        'partners.name',
        'partners.sector',
        'initiative_partners.role',
      ])
      .where('initiative_partners.initiative_id', 'in', ids)
      .orderBy('initiative_partners.role')
      .orderBy('partners.name')
      .execute(),
    db
      .selectFrom('projects')
      .select([
        'initiative_id as initiativeId',
        'id',
        'title',
        'status',
        'closed_at as closedAt',
        'evaluation',
        'score',
        'learned',
      ])
      .where('initiative_id', 'in', ids)
      .orderBy('created_at', 'desc')
      .execute(),
  ]);
  return initiatives.map((initiative) => ({
    ...initiative,
    partners: partners.filter((p) => p.initiativeId === initiative.id),
    project: (projects.find((p) => p.initiativeId === initiative.id) as InitiativeProject | undefined) ?? null,
  }));
}
