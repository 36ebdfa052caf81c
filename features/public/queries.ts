import { sql } from 'kysely';
import type { Db } from '../../db/connection';
import { cached } from '../../db/shared-cache';
import { formalisedStages } from '../../domain/public-listing';
import type { ActorType, Language, Lever, Sector } from '../../domain/vocabulary';
import { levers as leverVocabulary } from '../../domain/vocabulary';
import { figureCells, publishCells, type PublicCell, type ReportedValue } from './figures';
import type { HiddenBecause } from './suppression';

/**
 * Everything the public side shows (/pact, its partner and project pages, the feed, the open data),
 * computed once for every API process (db/shared-cache.ts) and only from what is public: partners that
 * are formalised (journey stage prototype or monitoring) AND consented to be listed. No contact, no
 * address, no text a partner wrote; titles of projects, initiatives and meetings only.
 */

export interface PublicPartner {
  id: string;
  name: string;
  actorType: ActorType;
  sector: Sector;
  levers: Lever[];
  /** When the partnership was formalised (the director's countersignature), ISO. */
  formalisedAt: string | null;
  projects: { id: string; title: string }[];
}

export interface PublicProject {
  id: string;
  title: string;
  levers: Lever[];
  startedAt: string;
  /** When staff closed it with its outcome (issue 24), ISO; null while it runs. */
  closedAt: string | null;
  /** Only the consenting partners; how many others take part is never said. */
  partners: { id: string; name: string }[];
}

export interface PublicInitiative {
  id: string;
  title: string;
  levers: Lever[];
  rank: number;
}

export interface PublicPeriod {
  period: string;
  start: string;
  end: string;
  cells: PublicCell[];
}

export interface PublicIndicator {
  key: string;
  labels: Record<Language, string>;
}

export interface PublicMeeting {
  id: string;
  title: string;
  heldAt: string;
}

/** A prioritisation round whose result set the list of initiatives in order of importance. */
export interface PublicRound {
  id: string;
  title: string;
  closedAt: string;
}

export interface PublicSnapshot {
  generatedAt: string;
  minPartners: number;
  partners: PublicPartner[];
  projects: PublicProject[];
  initiatives: PublicInitiative[];
  indicators: PublicIndicator[];
  /** Closed periods only, most recent first; an open period's figures still change with every report. */
  periods: PublicPeriod[];
  meetings: PublicMeeting[];
  rounds: PublicRound[];
}

/** A withdrawal takes a partner off every output within this long, even without a new change row. */
export const publicCacheMaxAgeMs = 30_000;

const snapshotKey = 'public:snapshot';

/** The snapshot this process last read, with the shared row it came from: reused while that row is unchanged. */
let lastRead: { version: string; computedAt: string; snapshot: PublicSnapshot } | undefined;

/**
 * The snapshot, from the cache shared by every API process. Its version is the last consent change
 * and the number of listed partners, so a withdrawal recorded in `public_listing_changes` (or a flag
 * turned off) shows at the next request; anything else shows within `publicCacheMaxAgeMs`. Each
 * request asks Postgres for the row's version and time; a process parses the (large) value again only
 * when the shared row changed.
 */
export async function publicSnapshot(db: Db, minPartners: number): Promise<PublicSnapshot> {
  const { rows } = await sql<{
    last: string;
    listed: string;
    cachedVersion: string | null;
    computedAt: string | null;
    ageMs: number | null;
  }>`
    select coalesce((select max(id) from public_listing_changes), 0) as last,
           (select count(*) from partners where public_listing) as listed,
           c.version as "cachedVersion", c.computed_at::text as "computedAt",
           extract(epoch from now() - c.computed_at) * 1000 as "ageMs"
      from (select 1) one left join shared_cache c on c.key = ${snapshotKey}`.execute(db);
  const row = rows[0]!;
  const version = `2:${row.last}:${row.listed}:${minPartners}`;
  if (
    lastRead &&
    row.cachedVersion === version &&
    lastRead.version === version &&
    lastRead.computedAt === row.computedAt &&
    Number(row.ageMs) < publicCacheMaxAgeMs
  )
    return lastRead.snapshot;
  const snapshot = await cached(db, snapshotKey, { version, maxAgeMs: publicCacheMaxAgeMs }, () =>
    computeSnapshot(db, minPartners),
  );
  const stored = await db
    .selectFrom('shared_cache')
    .select(['version', sql<string>`computed_at::text`.as('computedAt')])
    .where('key', '=', snapshotKey)
    .executeTakeFirst();
  if (stored?.version === version) lastRead = { version, computedAt: stored.computedAt, snapshot };
  return snapshot;
}

/** Partners that are formalised and consented, now. */
function publicPartnerRows(db: Db) {
  return db
    .selectFrom('partners')
    .innerJoin('journeys', 'journeys.partner_id', 'partners.id')
    .where('partners.public_listing', '=', true)
    .where('journeys.stage', 'in', [...formalisedStages])
    .select([
      'partners.id',
      'partners.name',
      'partners.actor_type as actorType',
      'partners.sector',
      'journeys.formalised_at as formalisedAt',
    ]);
}

/** Each public partner's levers: those of its last answered intent. */
async function partnerLevers(db: Db): Promise<Map<string, Lever[]>> {
  const rows = await db
    .selectFrom('requests')
    .innerJoin('partners', 'partners.id', 'requests.partner_id')
    .innerJoin('journeys', 'journeys.partner_id', 'requests.partner_id')
    .where('partners.public_listing', '=', true)
    .where('journeys.stage', 'in', [...formalisedStages])
    .where('requests.kind', '=', 'intent')
    .where('requests.status', '=', 'answered')
    .select(['requests.partner_id', sql<unknown>`requests.answer -> 'levers'`.as('levers')])
    .distinctOn('requests.partner_id')
    .orderBy('requests.partner_id')
    .orderBy('requests.answered_at', 'desc')
    .execute();
  return new Map(
    rows.map((row) => [
      row.partner_id,
      Array.isArray(row.levers) ? leverVocabulary.keys.filter((l) => (row.levers as unknown[]).includes(l)) : [],
    ]),
  );
}

async function computeSnapshot(db: Db, minPartners: number): Promise<PublicSnapshot> {
  const partnerRows = await publicPartnerRows(db).orderBy('partners.name').execute();
  const publicIds = new Set(partnerRows.map((p) => p.id));
  const levers = await partnerLevers(db);

  const projectRows = await db
    .selectFrom('projects')
    .select(['id', 'title', 'levers', 'created_at', 'closed_at'])
    .where('status', 'in', ['running', 'closed'])
    .orderBy('created_at')
    .execute();
  const memberships = await db
    .selectFrom('project_partners')
    .select(['project_id', 'partner_id'])
    .where('status', '=', 'confirmed')
    .execute();
  const names = new Map(partnerRows.map((p) => [p.id, p.name]));
  const membersOf = new Map<string, string[]>();
  for (const m of memberships)
    if (publicIds.has(m.partner_id))
      membersOf.set(m.project_id, [...(membersOf.get(m.project_id) ?? []), m.partner_id]);
  const projects: PublicProject[] = projectRows
    .map((project) => ({
      id: project.id,
      title: project.title,
      levers: project.levers,
      startedAt: project.created_at.toISOString(),
      closedAt: project.closed_at ? project.closed_at.toISOString() : null,
      partners: (membersOf.get(project.id) ?? [])
        .map((id) => ({ id, name: names.get(id)! }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }))
    // A project is public once a consenting partner takes part: a title alone could name the others.
    .filter((project) => project.partners.length > 0);
  const projectsOf = new Map<string, { id: string; title: string }[]>();
  for (const project of projects)
    for (const member of project.partners)
      projectsOf.set(member.id, [...(projectsOf.get(member.id) ?? []), { id: project.id, title: project.title }]);

  const partners: PublicPartner[] = partnerRows.map((p) => ({
    id: p.id,
    name: p.name,
    actorType: p.actorType,
    sector: p.sector,
    levers: levers.get(p.id) ?? [],
    formalisedAt: p.formalisedAt ? p.formalisedAt.toISOString() : null,
    projects: projectsOf.get(p.id) ?? [],
  }));

  const initiatives = (
    await db
      .selectFrom('initiatives')
      .select(['id', 'title', 'levers', 'priority_rank'])
      .where('priority_rank', 'is not', null)
      .orderBy('priority_rank')
      .execute()
  ).map((i) => ({ id: i.id, title: i.title, levers: i.levers, rank: i.priority_rank! }));

  const indicators = (
    await db.selectFrom('indicators').select(['key', 'label_nl', 'label_en', 'label_fr']).orderBy('position').execute()
  ).map((i) => ({ key: i.key, labels: { nl: i.label_nl, en: i.label_en, fr: i.label_fr } }));

  const meetings = (
    await db
      .selectFrom('meetings')
      .select(['id', 'title', 'starts_at'])
      .where((eb) =>
        eb.or([eb('status', '=', 'held'), eb.and([eb('status', '=', 'planned'), eb('ends_at', '<', new Date())])]),
      )
      .orderBy('starts_at', 'desc')
      .limit(50)
      .execute()
  ).map((m) => ({ id: m.id, title: m.title, heldAt: m.starts_at.toISOString() }));

  const rounds = (
    await db
      .selectFrom('prioritisation_rounds')
      .select(['id', 'title', 'closed_at'])
      .where('status', '=', 'closed')
      .orderBy('closed_at', 'desc')
      .limit(50)
      .execute()
  ).map((r) => ({ id: r.id, title: r.title, closedAt: (r.closed_at ?? new Date()).toISOString() }));

  return {
    generatedAt: new Date().toISOString(),
    minPartners,
    partners,
    projects,
    initiatives,
    indicators,
    periods: await publicPeriods(db, publicIds, levers, minPartners),
    meetings,
    rounds,
  };
}

/**
 * The figures of every closed period: a period whose end has passed and whose report requests are all
 * answered or expired. The first time a closed period is published its cells are frozen
 * (`public_figures`); later publications take the frozen cells and only hide more: a cell any of whose
 * partners is no longer public, and then the secondary cells that hiding it calls for.
 */
async function publicPeriods(
  db: Db,
  publicIds: ReadonlySet<string>,
  levers: ReadonlyMap<string, Lever[]>,
  minPartners: number,
): Promise<PublicPeriod[]> {
  const closed = await db
    .selectFrom('indicator_values')
    .select(['period', sql<Date>`min(period_start)`.as('start'), sql<Date>`max(period_end)`.as('end')])
    .groupBy('period')
    .having(sql<boolean>`max(period_end) <= now()`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('requests')
            .select('requests.id')
            .where('requests.kind', '=', 'report')
            .where('requests.status', '=', 'pending')
            .where(sql<boolean>`requests.topic -> 'period' ->> 'label' = indicator_values.period`),
        ),
      ),
    )
    .execute();
  const frozen = new Map((await db.selectFrom('public_figures').selectAll().execute()).map((row) => [row.period, row]));
  for (const period of closed.filter((p) => !frozen.has(p.period))) {
    const values = await db
      .selectFrom('indicator_values')
      .innerJoin('partners', 'partners.id', 'indicator_values.partner_id')
      .select([
        'indicator_values.partner_id',
        'partners.sector',
        'indicator_values.indicator',
        'indicator_values.value',
      ])
      .where('indicator_values.period', '=', period.period)
      .execute();
    const reported: ReportedValue[] = values
      .filter((v) => publicIds.has(v.partner_id))
      .map((v) => ({
        partnerId: v.partner_id,
        sector: v.sector,
        levers: levers.get(v.partner_id) ?? [],
        indicator: v.indicator,
        value: Number(v.value),
      }));
    const cells = figureCells(reported);
    const hidden = Object.fromEntries(
      publishCells(cells, minPartners)
        .filter((c) => c.suppressed)
        .map((c) => [`${c.dimension}:${c.group ?? ''}|${c.indicator}`, 'small' as HiddenBecause]),
    );
    await db
      .insertInto('public_figures')
      .values({
        period: period.period,
        period_start: period.start,
        period_end: period.end,
        cells: JSON.stringify(cells),
        hidden,
      })
      .onConflict((oc) => oc.column('period').doNothing())
      .execute();
  }
  const rows = await db.selectFrom('public_figures').selectAll().orderBy('period_end', 'desc').execute();
  return rows.map((row) => {
    const forceHidden = new Map<string, HiddenBecause>(Object.entries(row.hidden));
    for (const cell of row.cells)
      if (cell.partners.some((id) => !publicIds.has(id))) forceHidden.set(cell.key, 'withdrawn');
    return {
      period: row.period,
      start: row.period_start.toISOString(),
      end: row.period_end.toISOString(),
      cells: publishCells(row.cells, minPartners, forceHidden),
    };
  });
}
