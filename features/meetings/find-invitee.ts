import type { Db } from '../../db/connection';
import { hashToken, tokenPattern } from '../../security/request-tokens';
import { inviteesWithContact } from '../../db/meeting-invitees';

/** An invitee with their contact, partner and meeting: what every answer channel needs. */
export type FoundInvitee = NonNullable<Awaited<ReturnType<typeof findInvitee>>>;

function findInvitee(db: Db, column: 'token_hash' | 'reply_token_hash', token: string) {
  return inviteesWithContact(db)
    .innerJoin('meetings', 'meetings.id', 'meeting_invitees.meeting_id')
    .select([
      'meeting_invitees.meeting_id',
      'meeting_invitees.contact_id',
      'meeting_invitees.token_generation',
      'meeting_invitees.answer_via',
      'meeting_invitees.calendar_sequence',
      'meeting_invitees.calendar_dtstamp',
      'contacts.email',
      'contacts.language',
      'meetings.title',
      'meetings.starts_at',
      'meetings.ends_at',
      'meetings.place',
      'meetings.online_url',
      'meetings.agenda',
      'meetings.status',
      'meetings.sequence',
    ])
    .where(`meeting_invitees.${column}`, '=', hashToken(token))
    .executeTakeFirst();
}

/** The invitee behind an answer link (`/m/<token>`), or undefined. */
export async function findInviteeByLinkToken(db: Db, token: string): Promise<FoundInvitee | undefined> {
  return tokenPattern.test(token) ? findInvitee(db, 'token_hash', token) : undefined;
}

/** The invitee behind a reply address (`reply+<token>@…`, also the invitation's ORGANIZER), or undefined. */
export async function findInviteeByReplyToken(db: Db, token: string): Promise<FoundInvitee | undefined> {
  return tokenPattern.test(token) ? findInvitee(db, 'reply_token_hash', token) : undefined;
}
