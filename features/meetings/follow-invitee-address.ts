import type { Transaction } from 'kysely';
import { inviteesWithContact } from '../../db/meeting-invitees';
import type { Database } from '../../db/schema';
import { meetingInviteeEmail } from '../../mail/meeting-invitee-email';
import { localOutbox } from '../../mail/outbox';
import { hashToken } from '../../security/request-tokens';
import { meetingLinkToken, meetingReplyToken } from '../../security/meeting-tokens';
import type { AppDeps } from '../deps';

/**
 * An invitee's address was corrected: their meeting links get a new generation, in the transaction
 * that corrects the address, so the links mailed to the old address stop working with it (as a
 * re-addressed request's do, security/request-tokens.ts). Returns the invitees of meetings still
 * ahead, to be invited again at the new address once the correction is committed.
 */
export async function revokeMeetingLinks(
  tx: Transaction<Database>,
  secret: string,
  contactIds: number[],
): Promise<number[]> {
  if (!contactIds.length) return [];
  const invitees = await tx
    .selectFrom('meeting_invitees')
    .innerJoin('meetings', 'meetings.id', 'meeting_invitees.meeting_id')
    .select([
      'meeting_invitees.id',
      'meeting_invitees.meeting_id',
      'meeting_invitees.contact_id',
      'meeting_invitees.token_generation',
      'meetings.status',
      'meetings.starts_at',
    ])
    .where('meeting_invitees.contact_id', 'in', contactIds)
    .forUpdate()
    .execute();
  for (const invitee of invitees) {
    const generation = invitee.token_generation + 1;
    await tx
      .updateTable('meeting_invitees')
      .set({
        token_generation: generation,
        token_hash: hashToken(meetingLinkToken(secret, invitee.meeting_id, invitee.contact_id, generation)),
        reply_token_hash: hashToken(meetingReplyToken(secret, invitee.meeting_id, invitee.contact_id, generation)),
      })
      .where('id', '=', invitee.id)
      .execute();
  }
  return invitees.filter((i) => i.status === 'planned' && i.starts_at.getTime() > Date.now()).map((i) => i.id);
}

/**
 * Mails the invitation as it stands (its current SEQUENCE, with the answer given) to the corrected
 * address, with the new link. Sent by the API itself, through the outbox like its answers to
 * replies: the meeting workflow is not involved, its invitees and their ids did not change.
 */
export async function reinviteAtNewAddress(
  deps: Pick<AppDeps, 'db' | 'config' | 'mailer'>,
  inviteeIds: number[],
): Promise<void> {
  const { mailer, config } = deps;
  if (!inviteeIds.length || !mailer || !config.tokenSecret) return;
  const outbox = localOutbox(deps.db, mailer);
  const invitees = await inviteesWithContact(deps.db)
    .select([
      'meeting_invitees.meeting_id',
      'meeting_invitees.contact_id',
      'meeting_invitees.token_generation',
      'contacts.email',
      'contacts.language',
    ])
    .where('meeting_invitees.id', 'in', inviteeIds)
    .execute();
  for (const invitee of invitees) {
    const meeting = await deps.db
      .selectFrom('meetings')
      .selectAll()
      .where('id', '=', invitee.meeting_id)
      .executeTakeFirstOrThrow();
    const settings = { ...config, tokenSecret: config.tokenSecret, inboundDomain: config.inbound.domain };
    const { email, options } = meetingInviteeEmail(
      settings,
      meeting,
      invitee,
      meeting.sequence === 0 ? 'invitation' : 'update',
      `${meeting.sequence}/REQUEST`,
    );
    await outbox.send(email, options);
  }
}
