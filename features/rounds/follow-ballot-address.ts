import type { Transaction } from 'kysely';
import { ballotsWithContact, numberedInitiatives } from '../../db/round-initiatives';
import type { Database } from '../../db/schema';
import { ballotEmail } from '../../mail/ballot-email';
import { localOutbox } from '../../mail/outbox';
import { ballotLinkToken, ballotReplyToken } from '../../security/ballot-tokens';
import { hashToken } from '../../security/request-tokens';
import type { AppDeps } from '../deps';

/**
 * A coordinator's address was corrected: their ballot links get a new generation, in the
 * transaction that corrects the address, so the links mailed to the old address stop working with
 * it (as a meeting invitee's do, features/meetings/follow-invitee-address.ts). Returns the ballots of
 * rounds still open, to be mailed again at the new address once the correction is committed.
 */
export async function revokeBallotLinks(
  tx: Transaction<Database>,
  secret: string,
  contactIds: number[],
): Promise<number[]> {
  if (!contactIds.length) return [];
  const ballots = await tx
    .selectFrom('ballots')
    .innerJoin('prioritisation_rounds', 'prioritisation_rounds.id', 'ballots.round_id')
    .select([
      'ballots.id',
      'ballots.round_id',
      'ballots.contact_id',
      'ballots.token_generation',
      'prioritisation_rounds.status',
      'prioritisation_rounds.closes_at',
    ])
    .where('ballots.contact_id', 'in', contactIds)
    .forUpdate()
    .execute();
  for (const ballot of ballots) {
    const generation = ballot.token_generation + 1;
    await tx
      .updateTable('ballots')
      .set({
        token_generation: generation,
        token_hash: hashToken(ballotLinkToken(secret, ballot.round_id, ballot.contact_id, generation)),
        reply_token_hash: hashToken(ballotReplyToken(secret, ballot.round_id, ballot.contact_id, generation)),
      })
      .where('id', '=', ballot.id)
      .execute();
  }
  return ballots.filter((b) => b.status === 'open' && b.closes_at.getTime() > Date.now()).map((b) => b.id);
}

/**
 * Mails the ballot again to the corrected address, with the new link and reply address. Sent by the
 * API itself, through the outbox: the round's workflow is not involved, its ballot ids did not change.
 */
export async function resendBallotsAtNewAddress(
  deps: Pick<AppDeps, 'db' | 'config' | 'mailer'>,
  ballotIds: number[],
): Promise<void> {
  const { mailer, config } = deps;
  if (!ballotIds.length || !mailer || !config.tokenSecret) return;
  const outbox = localOutbox(deps.db, mailer);
  const settings = { ...config, tokenSecret: config.tokenSecret, inboundDomain: config.inbound.domain };
  for (const recipient of await ballotsWithContact(deps.db).where('ballots.id', 'in', ballotIds).execute()) {
    const round = await deps.db
      .selectFrom('prioritisation_rounds')
      .selectAll()
      .where('id', '=', recipient.round_id)
      .executeTakeFirstOrThrow();
    const initiatives = await numberedInitiatives(deps.db, round.id);
    const { email, options } = ballotEmail(settings, { ...round, initiatives }, recipient, 'ballot', 'ballot');
    await outbox.send(email, options);
  }
}
