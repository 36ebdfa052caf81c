import type { Db } from '../../db/connection';
import { ballotsWithContact, numberedInitiatives } from '../../db/round-initiatives';
import { hashToken, tokenPattern } from '../../security/request-tokens';

/** A ballot with its coordinator, partner, round and the round's numbered initiatives: what every channel needs. */
export type FoundBallot = NonNullable<Awaited<ReturnType<typeof findBallot>>>;

async function findBallot(db: Db, column: 'token_hash' | 'reply_token_hash', token: string) {
  const ballot = await ballotsWithContact(db)
    .innerJoin('prioritisation_rounds', 'prioritisation_rounds.id', 'ballots.round_id')
    .select([
      'prioritisation_rounds.title',
      'prioritisation_rounds.closes_at',
      'prioritisation_rounds.max_ranked',
      'prioritisation_rounds.status as roundStatus',
    ])
    .where(`ballots.${column}`, '=', hashToken(token))
    .executeTakeFirst();
  if (!ballot) return undefined;
  return { ...ballot, initiatives: await numberedInitiatives(db, ballot.round_id) };
}

/** Whether a ballot can still be ranked: its round is open and its closing time has not passed. */
export const ballotOpen = (ballot: Pick<FoundBallot, 'roundStatus' | 'closes_at'>) =>
  ballot.roundStatus === 'open' && ballot.closes_at.getTime() > Date.now();

/** The ballot behind a ranking link (`/b/<token>`), or undefined. */
export async function findBallotByLinkToken(db: Db, token: string): Promise<FoundBallot | undefined> {
  return tokenPattern.test(token) ? findBallot(db, 'token_hash', token) : undefined;
}

/** The ballot behind a reply address (`reply+<token>@…`), or undefined. */
export async function findBallotByReplyToken(db: Db, token: string): Promise<FoundBallot | undefined> {
  return tokenPattern.test(token) ? findBallot(db, 'reply_token_hash', token) : undefined;
}
