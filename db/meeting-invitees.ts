import type { Db } from './connection';

/**
 * Meeting invitees with their contact and partner: the base every invitee read starts from (the
 * answer channels, the invitation activities, the staff API), each adding the columns it needs.
 */
export const inviteesWithContact = (db: Db) =>
  db
    .selectFrom('meeting_invitees')
    .innerJoin('contacts', 'contacts.id', 'meeting_invitees.contact_id')
    .innerJoin('partners', 'partners.id', 'meeting_invitees.partner_id')
    .select([
      'meeting_invitees.id',
      'meeting_invitees.partner_id',
      'meeting_invitees.answer',
      'contacts.name',
      'partners.name as partnerName',
    ]);
