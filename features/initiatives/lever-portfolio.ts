import { type Kysely, sql } from 'kysely';
import { hasLever } from '../../db/has-lever';
import type { Database } from '../../db/schema';
import type { InitiativeKind, InitiativeStatus } from '../../domain/initiatives';
import { levers, type Lever } from '../../domain/vocabulary';

/**
 * The staff portfolio page's reads: how many initiatives each lever has per status, and a lever's
 * newest initiatives with their partners counted and their latest project. Never the whole portfolio
 * with every partner (500 initiatives were most of the page); an initiative's own page lists its partners.
 */

export interface InitiativeLine {
  id: string;
  title: string;
  kind: InitiativeKind;
  status: InitiativeStatus;
  partners: number;
  /** The latest project started from it, if any. */
  project: { id: string; title: string } | null;
}

type Db = Kysely<Database>;
type Page = { number: number; size: number };

const ofLever = (db: Db, lever: Lever, status?: InitiativeStatus) => {
  const query = db.selectFrom('initiatives').where(hasLever(lever));
  return status ? query.where('status', '=', status) : query;
};

/** Initiatives per lever and status, over the whole portfolio or one status. */
export async function portfolioCounts(db: Db, status?: InitiativeStatus) {
  let query = db
    .selectFrom(
      sql<{
        lever: Lever;
        status: InitiativeStatus;
      }>`(select jsonb_array_elements_text(levers) as lever, status from initiatives)`.as('l'),
    )
    .select(({ fn }) => ['lever', 'status', fn.countAll<string>().as('n')])
    .groupBy(['lever', 'status']);
  if (status) query = query.where('status', '=', status);
  return (await query.execute()).map((c) => ({ lever: c.lever, status: c.status, count: Number(c.n) }));
}

/** The partner counts and latest projects of the initiatives shown: two reads over their ids. */
async function lines(
  db: Db,
  initiatives: { id: string; title: string; kind: InitiativeKind; status: InitiativeStatus }[],
): Promise<InitiativeLine[]> {
  if (!initiatives.length) return [];
  const ids = [...new Set(initiatives.map((i) => i.id))];
  const [partners, projects] = await Promise.all([
    db
      .selectFrom('initiative_partners')
      .select(({ fn }) => ['initiative_id', fn.countAll<string>().as('n')])
      .where('initiative_id', 'in', ids)
      .groupBy('initiative_id')
      .execute(),
    db
      .selectFrom('projects')
      .distinctOn('initiative_id')
      .select(['initiative_id', 'id', 'title'])
      .where('initiative_id', 'in', ids)
      .orderBy('initiative_id')
      .orderBy('created_at', 'desc')
      .execute(),
  ]);
  const partnersOf = new Map(partners.map((p) => [p.initiative_id, Number(p.n)]));
  const projectOf = new Map(projects.map((p) => [p.initiative_id, { id: p.id, title: p.title }]));
  return initiatives.map((i) => ({ ...i, partners: partnersOf.get(i.id) ?? 0, project: projectOf.get(i.id) ?? null }));
}

const newestOf = (db: Db, lever: Lever, status: InitiativeStatus | undefined, page: Page) =>
  ofLever(db, lever, status)
    .select(['id', 'title', 'kind', 'status'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(page.size)
    .offset((page.number - 1) * page.size)
    .execute();

/** A lever's initiatives (of one status, if given), newest first: one page of them. */
export async function leverInitiatives(db: Db, lever: Lever, status: InitiativeStatus | undefined, page: Page) {
  return lines(db, await newestOf(db, lever, status, page));
}

/** Every lever's newest `newest` initiatives (of one status, if given), read in one go. */
export async function newestPerLever(
  db: Db,
  status: InitiativeStatus | undefined,
  newest: number,
): Promise<Map<Lever, InitiativeLine[]>> {
  const perLever = await Promise.all(levers.keys.map((l) => newestOf(db, l, status, { number: 1, size: newest })));
  const byId = new Map((await lines(db, perLever.flat())).map((line) => [line.id, line]));
  return new Map(levers.keys.map((lever, i) => [lever, perLever[i]!.map((row) => byId.get(row.id)!)]));
}
