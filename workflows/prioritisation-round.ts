import { allHandlersFinished, ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { describeRankingIssue, rankingIssues } from '../domain/prioritisation';
import { activities } from './activity-proxies';
import {
  type BallotRecorded,
  ballotUpdate,
  closeRoundUpdate,
  type RoundInput,
  type RoundState,
  roundStateQuery,
} from './round-definitions';

const { sendBallots, recordBallot, closeRound } = activities;

/** Rejects an Update in its validator: nothing enters the history, and the caller learns why by `type`. */
function refuse(message: string, type: string, ...details: unknown[]): never {
  throw ApplicationFailure.nonRetryable(message, type, ...details);
}

/**
 * A prioritisation round (`round-<roundId>`, docs/prioritisation.md), built like a meeting: mails
 * each invited partner's coordinator a ballot, takes each ranking as a `ballot` Update (a later one
 * replaces the earlier until the round closes), reminds those who have not ranked (the reminder
 * policy), closes at its time or when staff close it, lets unanswered ballots expire, and has the
 * Borda count stored (activities/rounds.ts).
 */
export async function prioritisationRound(input: RoundInput): Promise<RoundState> {
  const { roundId, ballotIds, initiativeIds, maxRanked, policy } = input;
  const state: RoundState = { status: 'open', closesAt: input.closesAt, rankings: {} };
  const openedAt = Date.now();
  const closesAt = Date.parse(input.closesAt);
  const changes = new Map<number, number>();
  let closeAsked = false;
  /** Ballot recordings still writing to Postgres: the count waits for them. */
  let recording = 0;
  const stillOpen = () => {
    if (state.status === 'closed' || closeAsked || Date.now() >= closesAt)
      refuse('This round has closed.', 'RoundClosed');
  };

  setHandler(roundStateQuery, () => state);
  setHandler(
    ballotUpdate,
    async (given): Promise<BallotRecorded> => {
      const change = (changes.get(given.ballotId) ?? 0) + 1;
      changes.set(given.ballotId, change);
      state.rankings[given.ballotId] = { ranking: given.ranking, via: given.via };
      recording += 1;
      try {
        await recordBallot.executeWithOptions({ summary: `ballot ${given.ballotId} ranked (${given.via})` }, [
          { roundId, ...given, change },
        ]);
      } finally {
        recording -= 1;
      }
      return { ballotId: given.ballotId, ranking: given.ranking, changes: change };
    },
    {
      validator: (given) => {
        stillOpen();
        if (!ballotIds.includes(given.ballotId))
          refuse(`Ballot ${given.ballotId} is not of this round.`, 'UnknownBallot');
        const issues = rankingIssues(given.ranking, initiativeIds, maxRanked);
        if (issues.length) refuse(issues.map(describeRankingIssue).join('; '), 'InvalidRanking', issues);
      },
    },
  );
  setHandler(
    closeRoundUpdate,
    async () => {
      closeAsked = true;
      await condition(() => state.result !== undefined);
      return state;
    },
    { validator: stillOpen },
  );

  await sendBallots.executeWithOptions({ summary: `mail the ballot to ${ballotIds.length} partners` }, [
    { roundId, ballotIds, purpose: 'ballot' },
  ]);

  let reminders = 0;
  while (!closeAsked && Date.now() < closesAt) {
    const reminderAt =
      reminders < policy.maxReminders
        ? openedAt + policy.reminderAfterMs + reminders * policy.reminderEveryMs
        : Infinity;
    const nextAt = Math.min(closesAt, reminderAt);
    const summary = nextAt === closesAt ? 'the round closes' : `reminder ${reminders + 1} due`;
    if (await condition(() => closeAsked, Math.max(nextAt - Date.now(), 1), { summary })) break;
    if (Date.now() >= closesAt) break;
    if (Date.now() >= reminderAt) {
      reminders += 1;
      const unanswered = ballotIds.filter((id) => !state.rankings[id]);
      if (unanswered.length)
        await sendBallots.executeWithOptions({ summary: `remind ${unanswered.length} who have not ranked` }, [
          { roundId, ballotIds: unanswered, purpose: 'reminder', number: reminders },
        ]);
    }
  }

  state.status = 'closed';
  state.closedBy = closeAsked ? 'staff' : 'timer';
  await condition(() => recording === 0);
  const rankings = Object.fromEntries(Object.entries(state.rankings).map(([id, r]) => [id, r.ranking]));
  state.result = await closeRound.executeWithOptions(
    { summary: `count ${Object.keys(rankings).length} of ${ballotIds.length} ballots (Borda)` },
    [{ roundId, rankings, closedBy: state.closedBy }],
  );
  await condition(allHandlersFinished);
  return state;
}
