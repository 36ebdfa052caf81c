import { roundWorkflowId } from '../../domain/workflow-ids';
import type { Db } from '../../db/connection';
import { numberedInitiatives } from '../../db/round-initiatives';
import { ballotTurnout } from '../../db/round-turnout';
export { latestClosedRound } from '../../db/round-initiatives';
import type { PrioritisationRound } from '../../db/schema';
import { partnerNameHolds } from '../../db/name-search';
import type { BallotStatus } from '../../domain/prioritisation';

/**
 * Every round, newest first, with how many ballots were sent and answered: a closed round's as kept at
 * its close, an open round's counted now (db/round-turnout.ts).
 */
export async function roundList(db: Db) {
  const open = ballotTurnout(db)
    .where('round_id', 'in', db.selectFrom('prioritisation_rounds').select('id').where('ballots_sent', 'is', null))
    .as('counts');
  return db
    .selectFrom('prioritisation_rounds')
    .leftJoin(open, 'counts.round_id', 'prioritisation_rounds.id')
    .select(({ fn, val }) => [
      'prioritisation_rounds.id',
      'prioritisation_rounds.title',
      'prioritisation_rounds.status',
      'prioritisation_rounds.closes_at',
      'prioritisation_rounds.closed_at',
      'prioritisation_rounds.max_ranked',
      'prioritisation_rounds.prioritise_top',
      'prioritisation_rounds.created_at',
      fn.coalesce('prioritisation_rounds.ballots_sent', 'counts.sent', val(0)).as('ballots'),
      fn.coalesce('prioritisation_rounds.ballots_answered', 'counts.answered', val(0)).as('answered'),
    ])
    .orderBy('prioritisation_rounds.created_at', 'desc')
    .execute();
}

/** A round and its initiatives as numbered: what its page and its JSON both start from. */
async function roundWithInitiatives(db: Db, id: string) {
  const round = await db.selectFrom('prioritisation_rounds').selectAll().where('id', '=', id).executeTakeFirst();
  if (!round) return undefined;
  return { round, initiatives: await numberedInitiatives(db, id) };
}

/** A round's ballots with their partner's name, the columns its page and its JSON show. */
const ballotsOfRound = (db: Db, roundId: string) =>
  db
    .selectFrom('ballots')
    .innerJoin('partners', 'partners.id', 'ballots.partner_id')
    .select([
      'ballots.id',
      'ballots.partner_id',
      'partners.name as partnerName',
      'ballots.status',
      'ballots.answer_via',
      'ballots.answered_at',
      'ballots.ranking',
      'ballots.reminders',
    ])
    .where('ballots.round_id', '=', roundId);

/** One round: its initiatives as numbered, every ballot with its partner, channel and status, and the result. */
export async function roundDetail(db: Db, id: string) {
  const head = await roundWithInitiatives(db, id);
  if (!head) return undefined;
  const ballots = await ballotsOfRound(db, id).orderBy('partners.name').execute();
  return { ...head, ballots };
}

/** Which of a round's ballots its page lists: by status, and by part of the partner's name. */
export interface BallotFilters {
  status?: BallotStatus;
  partner?: string;
}

/**
 * One round for its staff page: a page of its ballots by partner name (a round asks every formalised
 * partner, 10,000 of them in the bench, too many for one page), how many match the filters, and the
 * ballots per status and channel over the whole round, counted in one grouped query.
 */
export async function roundBallotPage(
  db: Db,
  id: string,
  filters: BallotFilters,
  page: { number: number; size: number },
) {
  const head = await roundWithInitiatives(db, id);
  if (!head) return undefined;
  let matching = ballotsOfRound(db, id);
  if (filters.status) matching = matching.where('ballots.status', '=', filters.status);
  if (filters.partner) matching = matching.where(partnerNameHolds(filters.partner));
  const [ballots, matched, totals] = await Promise.all([
    matching
      .orderBy('partners.name')
      .orderBy('ballots.partner_id')
      .limit(page.size)
      .offset((page.number - 1) * page.size)
      .execute(),
    filters.status || filters.partner
      ? matching
          .clearSelect()
          .select(({ fn }) => fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      : undefined,
    db
      .selectFrom('ballots')
      .select(({ fn }) => ['status', 'answer_via', fn.countAll<string>().as('n')])
      .where('round_id', '=', id)
      .groupBy(['status', 'answer_via'])
      .execute(),
  ]);
  const counted = totals.map((t) => ({ status: t.status, via: t.answer_via, count: Number(t.n) }));
  const all = counted.reduce((sum, t) => sum + t.count, 0);
  return { ...head, ballots, matched: matched ? Number(matched.n) : all, totals: counted, all };
}

export type RoundBallotPage = NonNullable<Awaited<ReturnType<typeof roundBallotPage>>>;

export type RoundDetail = NonNullable<Awaited<ReturnType<typeof roundDetail>>>;

/** The JSON of a round (GET /api/prioritisation-rounds/:id): the result in rank order once closed. */
export function roundJson({ round, initiatives, ballots }: RoundDetail) {
  const titles = new Map(initiatives.map((i) => [i.id, i.title]));
  return {
    ...roundSummaryJson(round),
    initiatives: initiatives.map((i) => ({ id: i.id, number: i.number, title: i.title })),
    ballots: ballots.map((b) => ({
      id: b.id,
      partnerId: b.partner_id,
      partnerName: b.partnerName,
      status: b.status,
      via: b.answer_via,
      answeredAt: b.answered_at,
      ranking: b.ranking,
    })),
    result: (round.result ?? []).map((r) => ({
      initiativeId: r.initiativeId,
      title: titles.get(r.initiativeId) ?? null,
      score: r.score,
      rank: r.rank,
      firstPlaces: r.firstPlaces,
      supporters: r.supporters,
    })),
  };
}

export function roundSummaryJson(
  round: Pick<
    PrioritisationRound,
    'id' | 'title' | 'status' | 'closes_at' | 'closed_at' | 'max_ranked' | 'prioritise_top'
  >,
) {
  return {
    id: round.id,
    workflowId: roundWorkflowId(round.id),
    title: round.title,
    status: round.status,
    closesAt: round.closes_at,
    closedAt: round.closed_at,
    maxRanked: round.max_ranked,
    prioritiseTop: round.prioritise_top,
  };
}

/** A partner's ballots, newest round first (the partner page). */
export async function ballotsOfPartner(db: Db, partnerId: string) {
  return db
    .selectFrom('ballots')
    .innerJoin('prioritisation_rounds', 'prioritisation_rounds.id', 'ballots.round_id')
    .select([
      'ballots.id',
      'ballots.round_id',
      'prioritisation_rounds.title',
      'prioritisation_rounds.status as roundStatus',
      'prioritisation_rounds.closes_at',
      'ballots.status',
      'ballots.answer_via',
      'ballots.answered_at',
    ])
    .where('ballots.partner_id', '=', partnerId)
    .orderBy('prioritisation_rounds.created_at', 'desc')
    .execute();
}

/** What a round can be opened over: initiatives still `proposed` or already `prioritised`, by title. */
export async function roundCandidates(db: Db) {
  return db
    .selectFrom('initiatives')
    .select(['id', 'title', 'status'])
    .where('status', 'in', ['proposed', 'prioritised'])
    .orderBy('title')
    .execute();
}
