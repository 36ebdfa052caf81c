import { bordaCount, type RankedInitiative, type RoundClosedBy } from '../domain/prioritisation';
import type { BallotChannel } from '../domain/prioritisation';
import { ballotsWithContact, numberedInitiatives } from '../db/round-initiatives';
import { ballotTurnout } from '../db/round-turnout';
import { ballotEmail } from '../mail/ballot-email';
import type { ActivityDeps } from './deps';
import { appendJourneyEvent } from './journey-events';

export function roundActivities({ db, outbox, config }: ActivityDeps) {
  return {
    /** The ballot (or reminder `number`) to each ballot's coordinator, each at most once. */
    async sendBallots(input: {
      roundId: string;
      ballotIds: number[];
      purpose: 'ballot' | 'reminder';
      number?: number;
    }): Promise<void> {
      if (!input.ballotIds.length) return;
      const round = await db
        .selectFrom('prioritisation_rounds')
        .selectAll()
        .where('id', '=', input.roundId)
        .executeTakeFirstOrThrow();
      const initiatives = await numberedInitiatives(db, input.roundId);
      const recipients = await ballotsWithContact(db)
        .where('ballots.round_id', '=', input.roundId)
        .where('ballots.id', 'in', input.ballotIds)
        // An erased partner's contact has no address left to write to.
        .where('ballots.partner_id', 'not in', db.selectFrom('erasures').select('erasures.partner_id'))
        .orderBy('ballots.id')
        .execute();
      const settings = { ...config, inboundDomain: config.inbound.domain };
      const keyPart = input.purpose === 'ballot' ? 'ballot' : `reminder/${input.number ?? 1}`;
      for (const recipient of recipients) {
        // An answered ballot needs no reminder.
        if (input.purpose === 'reminder' && recipient.status !== 'pending') continue;
        const { email, options } = ballotEmail(settings, { ...round, initiatives }, recipient, input.purpose, keyPart);
        await outbox.send(email, options);
        if (input.purpose === 'ballot')
          await appendJourneyEvent(db, {
            partnerId: recipient.partner_id,
            key: `round/${input.roundId}/ballot/${recipient.id}`,
            type: 'ballot_sent',
            summary: `prioritisation round ${input.roundId}: ballot to contact ${recipient.contact_id}`,
            data: { roundId: input.roundId, ballotId: recipient.id },
          });
        else
          await db
            .updateTable('ballots')
            .set({ reminded_at: new Date(), reminders: input.number ?? 1 })
            .where('id', '=', recipient.id)
            .execute();
      }
    },

    /** A ballot's current ranking, replacing the earlier one, and a line in its partner's timeline. */
    async recordBallot(input: {
      roundId: string;
      ballotId: number;
      ranking: string[];
      via: BallotChannel;
      /** Numbers the rankings of this ballot, so each is its own timeline event. */
      change: number;
    }): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const ballot = await tx
          .updateTable('ballots')
          .set({
            ranking: JSON.stringify(input.ranking),
            answer_via: input.via,
            answered_at: new Date(),
            status: 'answered',
          })
          .where('id', '=', input.ballotId)
          .returning(['partner_id', 'contact_id'])
          .executeTakeFirstOrThrow();
        await appendJourneyEvent(tx, {
          partnerId: ballot.partner_id,
          key: `round/${input.roundId}/ranked/${input.ballotId}/${input.change}`,
          type: 'ballot_answered',
          summary: `prioritisation round ${input.roundId}: contact ${ballot.contact_id} ranked ${input.ranking.length} (${input.via})`,
          data: { roundId: input.roundId, ballotId: input.ballotId, via: input.via },
        });
      });
    },

    /**
     * Closes the round in one transaction: unanswered ballots expire, the Borda count of the last
     * ranking of each ballot is stored with the round, and its top K initiatives (those still
     * `proposed` or `prioritised`) become `prioritised` with their priority rank 1…K.
     */
    async closeRound(input: {
      roundId: string;
      rankings: Record<string, string[]>;
      closedBy: RoundClosedBy;
    }): Promise<RankedInitiative[]> {
      return db.transaction().execute(async (tx) => {
        const round = await tx
          .selectFrom('prioritisation_rounds')
          .selectAll()
          .where('id', '=', input.roundId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        // Already closed (an activity retry): the stored result stands.
        if (round.status === 'closed' && round.result) return round.result;
        const initiatives = await tx
          .selectFrom('round_initiatives')
          .innerJoin('initiatives', 'initiatives.id', 'round_initiatives.initiative_id')
          .select((eb) => [
            'initiatives.id',
            'initiatives.title',
            eb
              .selectFrom('initiative_partners')
              .select((e) => e.fn.countAll<string>().as('n'))
              .whereRef('initiative_partners.initiative_id', '=', 'initiatives.id')
              .as('supporters'),
          ])
          .where('round_initiatives.round_id', '=', input.roundId)
          .execute();
        const result = bordaCount({
          maxRanked: round.max_ranked,
          initiatives: initiatives.map((i) => ({ id: i.id, title: i.title, supporters: Number(i.supporters ?? 0) })),
          rankings: Object.values(input.rankings),
        });
        const now = new Date();
        for (const [ballotId, ranking] of Object.entries(input.rankings))
          await tx
            .updateTable('ballots')
            .set({ ranking: JSON.stringify(ranking), status: 'answered' })
            .where('id', '=', Number(ballotId))
            .where('round_id', '=', input.roundId)
            .execute();
        const expired = await tx
          .updateTable('ballots')
          .set({ status: 'expired' })
          .where('round_id', '=', input.roundId)
          .where('status', '=', 'pending')
          .returning(['id', 'partner_id', 'contact_id'])
          .execute();
        for (const ballot of expired)
          await appendJourneyEvent(tx, {
            partnerId: ballot.partner_id,
            key: `round/${input.roundId}/expired/${ballot.id}`,
            type: 'ballot_expired',
            summary: `prioritisation round ${input.roundId}: contact ${ballot.contact_id} did not rank`,
            data: { roundId: input.roundId, ballotId: ballot.id },
          });
        // Its ballots are final now: the round keeps their count for the rounds list.
        const turnout = await ballotTurnout(tx).where('round_id', '=', input.roundId).executeTakeFirst();
        await tx
          .updateTable('prioritisation_rounds')
          .set({
            status: 'closed',
            closed_at: now,
            closed_by: input.closedBy,
            result: JSON.stringify(result),
            ballots_sent: Number(turnout?.sent ?? 0),
            ballots_answered: Number(turnout?.answered ?? 0),
          })
          .where('id', '=', input.roundId)
          .execute();
        for (const place of result.slice(0, round.prioritise_top))
          await tx
            .updateTable('initiatives')
            .set({ status: 'prioritised', priority_rank: place.rank, updated_at: now })
            .where('id', '=', place.initiativeId)
            .where('status', 'in', ['proposed', 'prioritised'])
            .execute();
        return result;
      });
    },
  };
}
