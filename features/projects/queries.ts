import type { Db } from '../../db/connection';
import { groupBy } from '../../domain/group-by';

/** Reads the projects' read model for the JSON API and the staff pages. */

/** The portfolio: every project with its partners, their answer and their journey's stage. */
export async function projectPortfolio(db: Db, projectId?: string) {
  let projects = db.selectFrom('projects').selectAll().orderBy('created_at', 'desc');
  let partners = db
    .selectFrom('project_partners')
    .innerJoin('partners', 'partners.id', 'project_partners.partner_id')
    .innerJoin('journeys', 'journeys.partner_id', 'partners.id')
    .select([
      'project_partners.project_id as projectId',
      'partners.id',
      'partners.name',
      'project_partners.status',
      'journeys.stage',
    ])
    .orderBy('partners.name');
  if (projectId) {
    projects = projects.where('id', '=', projectId);
    partners = partners.where('project_partners.project_id', '=', projectId);
  }
  const [projectRows, partnerRows] = await Promise.all([projects.execute(), partners.execute()]);
  // Grouped once, not searched once per project: 1,000 projects × 10,000 rows was most of the page.
  const partnersOf = groupBy(partnerRows, (pp) => pp.projectId);
  return projectRows.map((p) => ({ ...p, partners: partnersOf.get(p.id) ?? [] }));
}

export type PortfolioProject = Awaited<ReturnType<typeof projectPortfolio>>[number];

/**
 * Partners waiting for a prototype project, whom a new project would invite first: the first `shown` by
 * name, and how many wait in all (the others are found by the form's name search).
 */
export async function projectCandidates(db: Db, shown: number) {
  const waiting = db
    .selectFrom('partners')
    .innerJoin('journeys', 'journeys.partner_id', 'partners.id')
    .where('journeys.stage', '=', 'prototype');
  const [first, all] = await Promise.all([
    waiting.select(['partners.id', 'partners.name']).orderBy('partners.name').limit(shown).execute(),
    waiting.select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { first, waiting: Number(all.n) };
}
