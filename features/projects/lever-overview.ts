import { sql } from 'kysely';
import type { Db } from '../../db/connection';
import { hasLever } from '../../db/has-lever';
import type { ProjectPartnerStatus } from '../../db/schema';
import { levers, type Lever } from '../../domain/vocabulary';

/**
 * The staff projects page's reads: per lever the newest projects with how many partners answered what,
 * never every membership (at 10,000 partners in 1,000 projects, listing each was most of the page);
 * a project's own page lists its partners.
 */

/** How many of a project's invited partners are in each status: "8 taking part · 2 invited". */
export type PartnerCounts = Partial<Record<ProjectPartnerStatus, number>>;

export interface ProjectLine {
  id: string;
  title: string;
  status: string;
  partners: PartnerCounts;
}

const projectsWithLever = (db: Db, lever: Lever) => db.selectFrom('projects').where(hasLever(lever));

/** The projects' partner counts, per project and status, in one grouped read over the primary key. */
async function withPartnerCounts(
  db: Db,
  projects: { id: string; title: string; status: string }[],
): Promise<ProjectLine[]> {
  if (!projects.length) return [];
  const counts = await db
    .selectFrom('project_partners')
    .select(({ fn }) => ['project_id', 'status', fn.countAll<string>().as('n')])
    .where(
      'project_id',
      'in',
      projects.map((p) => p.id),
    )
    .groupBy(['project_id', 'status'])
    .execute();
  const of = new Map<string, PartnerCounts>();
  for (const c of counts) of.set(c.project_id, { ...of.get(c.project_id), [c.status]: Number(c.n) });
  return projects.map((p) => ({ id: p.id, title: p.title, status: p.status, partners: of.get(p.id) ?? {} }));
}

const newestOf = (db: Db, lever: Lever, page: { number: number; size: number }) =>
  projectsWithLever(db, lever)
    .select(['id', 'title', 'status'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(page.size)
    .offset((page.number - 1) * page.size)
    .execute();

/** A lever's projects, newest first, one page of them, and how many it has in all. */
export async function leverProjects(db: Db, lever: Lever, page: { number: number; size: number }) {
  const [rows, total] = await Promise.all([
    newestOf(db, lever, page),
    projectsWithLever(db, lever)
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { lever, projects: await withPartnerCounts(db, rows), total: Number(total.n) };
}

export type LeverProjects = Awaited<ReturnType<typeof leverProjects>>;

/** Every lever with its newest `newest` projects and its number of projects: the page's overview. */
export async function leverOverview(db: Db, newest: number): Promise<LeverProjects[]> {
  const [perLever, totals] = await Promise.all([
    Promise.all(levers.keys.map((lever) => newestOf(db, lever, { number: 1, size: newest }))),
    db
      .selectFrom(sql<{ lever: Lever }>`(select jsonb_array_elements_text(levers) as lever from projects)`.as('l'))
      .select(({ fn }) => ['lever', fn.countAll<string>().as('n')])
      .groupBy('lever')
      .execute(),
  ]);
  // One count read for every project shown, whichever levers it is shown under.
  const lines = new Map((await withPartnerCounts(db, perLever.flat())).map((line) => [line.id, line]));
  return levers.keys.map((lever, i) => ({
    lever,
    projects: perLever[i]!.map((p) => lines.get(p.id)!),
    total: Number(totals.find((t) => t.lever === lever)?.n ?? 0),
  }));
}
