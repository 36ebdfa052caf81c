import type { Kysely } from 'kysely';
import { hasLever } from '../../db/has-lever';
import type { Database, Initiative, ProjectStatus } from '../../db/schema';
import { groupBy } from '../../domain/group-by';
import type { InitiativePartnerRole } from '../../domain/initiatives';
import type { Sector } from '../../domain/vocabulary';
import type { InitiativeFilters } from './schema';

/** Reads of the portfolio for the JSON API, the staff pages and the CSV: once per concept. */

export interface InitiativePartner {
  initiativeId: string;
  id: string;
  name: string;
  sector: Sector;
  role: InitiativePartnerRole;
}

export interface InitiativeProject {
  initiativeId: string;
  id: string;
  title: string;
  status: ProjectStatus;
  closedAt: Date | null;
  evaluation: string | null;
  score: number | null;
  learned: string | null;
}

/** A round an initiative was in, with its place and score once closed. */
export interface InitiativeRound {
  id: string;
  title: string;
  status: string;
  rank: number | null;
  score: number | null;
}

export type PortfolioInitiative = Initiative & {
  partners: InitiativePartner[];
  /** The latest project started from it, if any. */
  project: InitiativeProject | null;
};

/** The prioritisation rounds an initiative was in, newest first, with its rank and score once a round closed. */
export async function initiativeRounds(db: Kysely<Database>, initiativeId: string): Promise<InitiativeRound[]> {
  const rounds = await db
    .selectFrom('round_initiatives')
    .innerJoin('prioritisation_rounds', 'prioritisation_rounds.id', 'round_initiatives.round_id')
    .select(['prioritisation_rounds.id', 'title', 'status', 'result'])
    .where('round_initiatives.initiative_id', '=', initiativeId)
    .orderBy('prioritisation_rounds.closes_at', 'desc')
    .execute();
  return rounds.map((round) => {
    const placed = round.result?.find((r) => r.initiativeId === initiativeId);
    return {
      id: round.id,
      title: round.title,
      status: round.status,
      rank: placed?.rank ?? null,
      score: placed?.score ?? null,
    };
  });
}

/** The portfolio, newest first, with each initiative's partners and project; filtered by lever and status. */
export async function listInitiatives(
  db: Kysely<Database>,
  filters: InitiativeFilters & { ids?: string[] } = {},
): Promise<PortfolioInitiative[]> {
  let chosen = db.selectFrom('initiatives');
  if (filters.status) chosen = chosen.where('status', '=', filters.status);
  if (filters.lever) chosen = chosen.where(hasLever(filters.lever));
  if (filters.ids) {
    if (!filters.ids.length) return [];
    chosen = chosen.where('id', 'in', filters.ids);
  }
  // The three reads at once, the partners and projects through the same filter as a subquery: the
  // process parses one result while Postgres answers the next, rather than waiting for the ids.
  const ids = chosen.select('id');
  const [initiatives, partners, projects] = await Promise.all([
    chosen.selectAll().orderBy('created_at', 'desc').orderBy('id').execute(),
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
  // Grouped once, rather than searched once per initiative (500 initiatives × 1,500 partners).
  const partnersOf = groupBy(partners, (p) => p.initiativeId);
  const projectsOf = groupBy(projects as InitiativeProject[], (p) => p.initiativeId);
  return initiatives.map((initiative) => ({
    ...initiative,
    partners: partnersOf.get(initiative.id) ?? [],
    project: projectsOf.get(initiative.id)?.[0] ?? null, // newest first
  }));
}

export async function initiativeDetail(db: Kysely<Database>, id: string) {
  const [initiative] = await listInitiatives(db, { ids: [id] });
  if (!initiative) return undefined;
  return { ...initiative, rounds: await initiativeRounds(db, id) };
}

/** The JSON API's shape of an initiative. */
export const initiativeJson = (i: PortfolioInitiative) => ({
  id: i.id,
  title: i.title,
  description: i.description,
  kind: i.kind,
  origin: i.origin,
  originRef: i.origin_ref,
  levers: i.levers,
  characteristics: i.characteristics,
  preconditions: i.preconditions,
  status: i.status,
  priorityRank: i.priority_rank,
  createdAt: i.created_at,
  updatedAt: i.updated_at,
  partners: i.partners.map(({ id, name, role }) => ({ id, name, role })),
  project: i.project
    ? {
        id: i.project.id,
        title: i.project.title,
        status: i.project.status,
        closedAt: i.project.closedAt,
        score: i.project.score,
      }
    : null,
});

/** The initiatives a partner proposed or supports (the partner page). */
export function partnerInitiatives(db: Kysely<Database>, partnerId: string) {
  return db
    .selectFrom('initiative_partners')
    .innerJoin('initiatives', 'initiatives.id', 'initiative_partners.initiative_id')
    .select([
      'initiatives.id',
      'initiatives.title',
      'initiatives.status',
      'initiatives.origin',
      'initiative_partners.role',
      'initiative_partners.since',
    ])
    .where('initiative_partners.partner_id', '=', partnerId)
    .orderBy('initiative_partners.since', 'desc')
    .execute();
}
