import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BallotChannel, RankedInitiative, RoundClosedBy, RoundStatus } from '../domain/prioritisation';
import type { Policy } from '../domain/policy';

/**
 * The contract of the `prioritisationRound` workflow (workflows/prioritisation-round.ts) with the API,
 * the activities and the tests. A round is about several partners, so its payloads use the global
 * data key and carry ids and times only: titles, names and addresses stay in Postgres.
 * Extend with optional fields, never rename or remove (docs/workflow-versioning.md).
 */

export interface RoundInput {
  roundId: string;
  /** ISO instant (UTC) at which the round closes by itself. */
  closesAt: string;
  /** N: the most initiatives one ballot may rank. */
  maxRanked: number;
  /** The round's initiatives (opaque ids), in the order the email numbers them. */
  initiativeIds: string[];
  /** The `ballots` rows: one per invited partner. */
  ballotIds: number[];
  policy: Policy;
}

export interface CurrentRanking {
  ranking: string[];
  via: BallotChannel;
}

export interface RoundState {
  status: RoundStatus;
  closesAt: string;
  /** The one current ranking of each ballot answered, by ballot id. */
  rankings: Record<number, CurrentRanking>;
  closedBy?: RoundClosedBy;
  /** The Borda count, once closed. */
  result?: RankedInitiative[];
}

/** A partner's ranking from any channel (features/rounds/answer-ballot.ts); it replaces the earlier one. */
export interface BallotGiven {
  ballotId: number;
  ranking: string[];
  via: BallotChannel;
}

/** What a ballot Update answers: the ballot's ranking as now recorded. */
export interface BallotRecorded {
  ballotId: number;
  ranking: string[];
  /** How many rankings this ballot has given, this one included (only the last counts). */
  changes: number;
}

export const ballotUpdate = defineUpdate<BallotRecorded, [BallotGiven]>('ballot');
/** Staff close the round before its time; answers once the result is counted and stored. */
export const closeRoundUpdate = defineUpdate<RoundState>('closeRound');
export const roundStateQuery = defineQuery<RoundState>('roundState');
