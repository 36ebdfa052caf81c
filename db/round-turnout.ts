import type { Db } from './connection';

/**
 * Ballots sent and answered per round (an answered ballot is one with status `answered`, the only one
 * with `answered_at`), grouped by round: read from the ballots_round_counts index alone (migration 028).
 * Kept with a round when it closes and counted live while it is open (migration 030).
 */
export const ballotTurnout = (db: Db) =>
  db
    .selectFrom('ballots')
    .select(({ fn }) => [
      'round_id',
      fn.countAll<string>().as('sent'),
      fn.countAll<string>().filterWhere('status', '=', 'answered').as('answered'),
    ])
    .groupBy('round_id');
