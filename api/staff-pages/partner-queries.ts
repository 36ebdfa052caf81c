import type { Db } from '../../db/connection';

/** What the partner page adds to getPartnerDetail: every request (not only pending), its emails, its projects. */

export function partnerRequests(db: Db, partnerId: string) {
  return db
    .selectFrom('requests')
    .select([
      'id',
      'kind',
      'topic',
      'status',
      'recipient_name as recipientName',
      'recipient_email as recipientEmail',
      'reminders_sent as remindersSent',
      'due_at as dueAt',
      'created_at as createdAt',
    ])
    .where('partner_id', '=', partnerId)
    .orderBy('created_at')
    .execute();
}

const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The emails sent about this partner, found by their outbox keys (`request/<id>/…`,
 * `journey/<partnerId>/…`); each prefix is one range scan of the email_outbox_key_prefix index.
 */
export function partnerEmails(db: Db, partnerId: string, requestIds: string[]) {
  const prefixes = [`journey/${partnerId}/`, ...requestIds.map((id) => `request/${id}/`)];
  return db
    .selectFrom('email_outbox')
    .select(['id', 'to_address as to', 'subject', 'status', 'created_at as createdAt', 'sent_at as sentAt'])
    .where((eb) => eb.or(prefixes.map((prefix) => eb('idempotency_key', 'like', likePrefix(prefix)))))
    .orderBy('id')
    .execute();
}

export function partnerProjects(db: Db, partnerId: string) {
  return db
    .selectFrom('project_partners')
    .innerJoin('projects', 'projects.id', 'project_partners.project_id')
    .select(['projects.id', 'projects.title', 'projects.status as projectStatus', 'project_partners.status'])
    .where('project_partners.partner_id', '=', partnerId)
    .orderBy('projects.created_at')
    .execute();
}
