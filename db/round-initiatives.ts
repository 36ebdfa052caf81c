import type { Db } from './connection';

/** A round's initiatives with their numbers (1…n) and titles, in number order: the email's list, the page's. */
export const numberedInitiatives = (db: Db, roundId: string) =>
  db
    .selectFrom('round_initiatives')
    .innerJoin('initiatives', 'initiatives.id', 'round_initiatives.initiative_id')
    .select(['initiatives.id', 'round_initiatives.number', 'initiatives.title'])
    .where('round_initiatives.round_id', '=', roundId)
    .orderBy('round_initiatives.number')
    .execute();

/** Ballots with their coordinator and partner: the base every ballot read starts from. */
export const ballotsWithContact = (db: Db) =>
  db
    .selectFrom('ballots')
    .innerJoin('contacts', 'contacts.id', 'ballots.contact_id')
    .innerJoin('partners', 'partners.id', 'ballots.partner_id')
    .select([
      'ballots.id',
      'ballots.round_id',
      'ballots.partner_id',
      'ballots.contact_id',
      'ballots.token_generation',
      'ballots.ranking',
      'ballots.answer_via',
      'ballots.answered_at',
      'ballots.status',
      'contacts.name',
      'contacts.email',
      'contacts.language',
      'partners.name as partnerName',
    ]);

/** The latest closed round and its result with titles, in rank order (the network summary, the staff pages). */
export async function latestClosedRound(db: Db) {
  const round = await db
    .selectFrom('prioritisation_rounds')
    .selectAll()
    .where('status', '=', 'closed')
    .orderBy('closed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!round) return undefined;
  const titles = new Map((await numberedInitiatives(db, round.id)).map((i) => [i.id, i.title]));
  return {
    round,
    result: (round.result ?? []).map((r) => ({ ...r, title: titles.get(r.initiativeId) ?? r.initiativeId })),
  };
}
