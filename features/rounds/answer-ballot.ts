import { Type } from 'typebox';
import type { Client } from '@temporalio/client';
import { type BallotChannel, type RankingIssue, rankingIssues } from '../../domain/prioritisation';
import { roundWorkflowId } from '../../domain/workflow-ids';
import { probeEngine } from '../../temporal/client';
import { readUpdateFailure } from '../../temporal/update-refusal';
import { ballotUpdate } from '../../workflows/round-definitions';
import { ballotOpen, type FoundBallot } from './find-ballot';

/** What became of a ranking; each channel (page, JSON, reply email) says it its own way. */
export type BallotResult =
  | { kind: 'recorded'; ranking: string[]; changed: boolean }
  /** Empty, an initiative not in the round, one twice, more than N: `problems` name it. */
  | { kind: 'invalid'; issues: RankingIssue[] }
  /** The round has closed (at its time, or staff closed it): nothing changes any more. */
  | { kind: 'closed' }
  | { kind: 'engine_unavailable' };

/**
 * The one rule for a ballot (docs/prioritisation.md). Like a meeting answer it is not final: the
 * link and the reply address rank until the round closes, and each ranking replaces the partner's
 * earlier one. The round's workflow records it through its `ballot` Update, whose validator checks
 * the same again (closed, not of this round, not a valid ranking).
 */
export async function answerBallot(
  deps: { temporal: Client },
  ballot: FoundBallot,
  ranking: string[],
  via: BallotChannel,
): Promise<BallotResult> {
  if (!ballotOpen(ballot)) return { kind: 'closed' };
  const issues = rankingIssues(
    ranking,
    ballot.initiatives.map((i) => i.id),
    ballot.max_ranked,
  );
  if (issues.length) return { kind: 'invalid', issues };
  try {
    await probeEngine(deps.temporal);
  } catch {
    return { kind: 'engine_unavailable' };
  }
  try {
    await deps.temporal.workflow
      .getHandle(roundWorkflowId(ballot.round_id))
      .executeUpdate(ballotUpdate, { args: [{ ballotId: ballot.id, ranking, via }] });
  } catch (error) {
    const failure = readUpdateFailure(error);
    if (failure.kind === 'engine_unavailable') return failure;
    if (failure.kind === 'refused' && failure.type === 'InvalidRanking')
      return { kind: 'invalid', issues: (failure.details[0] as RankingIssue[] | undefined) ?? [] };
    return { kind: 'closed' };
  }
  return { kind: 'recorded', ranking, changed: ballot.ranking !== null };
}

/** The JSON body of `POST /b/<token>`: initiative ids, first choice first (what they must be is the rule's). */
export const ballotBodySchema = Type.Object(
  { ranking: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 }) },
  { additionalProperties: false },
);
