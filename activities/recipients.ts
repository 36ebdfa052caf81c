import type { Config } from '../config/config';
import type { Db } from '../db/connection';
import { activeStaffAccount, directorAccount } from '../db/staff-accounts';
import type { ContactRef, Person, Recipient } from '../workflows/definitions';

/** The staff roles' mailboxes: the same for every partner, from config. */
export const staffPerson = (
  config: Pick<Config, 'staffEmail' | 'directorEmail'>,
  role: 'staff' | 'director',
): Person =>
  role === 'staff'
    ? { name: 'Integratiepact', email: config.staffEmail, language: 'nl' }
    : { name: 'Directie Integratiepact', email: config.directorEmail, language: 'nl' };

/**
 * Where escalations and nudges about a partner go: the staff member responsible for it (an account
 * not disabled), else the shared PACT_STAFF_EMAIL.
 */
export async function staffAddressFor(db: Db, config: Pick<Config, 'staffEmail'>, partnerId: string): Promise<string> {
  const responsible = await db
    .selectFrom('partners')
    .innerJoin('staff_users', 'staff_users.id', 'partners.responsible_user_id')
    .select('staff_users.email')
    .where('partners.id', '=', partnerId)
    .where(activeStaffAccount)
    .executeTakeFirst();
  return responsible?.email ?? config.staffEmail;
}

/**
 * The partner's contact a reference points to, loaded from Postgres: by id, or else the first
 * contact with the role (a signatory falls back to the coordinator, as onboarding does).
 */
export async function loadContact(db: Db, partnerId: string, contact: ContactRef): Promise<Person> {
  const query = db
    .selectFrom('contacts')
    .select(['name', 'email', 'language', 'role'])
    .where('partner_id', '=', partnerId)
    .orderBy('id');
  const rows =
    contact.contactId !== undefined
      ? await query.where('id', '=', contact.contactId).execute()
      : await query.where('role', 'in', [contact.role, 'coordinator']).execute();
  const found = rows.find((row) => row.role === contact.role) ?? rows[0];
  if (!found)
    throw new Error(
      `partner ${partnerId} has no ${contact.role} contact${contact.contactId ? ` ${contact.contactId}` : ''}`,
    );
  return { name: found.name, email: found.email, language: found.language };
}

/**
 * Whom a request asks, with name, address and language: what its emails need. Resolved when the
 * request opens, so a countersignature goes to the director account of that moment (db/staff-accounts.ts).
 */
export async function resolveRecipient(
  db: Db,
  config: Pick<Config, 'staffEmail' | 'directorEmail'>,
  partnerId: string,
  recipient: Recipient,
): Promise<Person> {
  if (recipient === 'director') {
    const director = await directorAccount(db, config.directorEmail);
    return director ? { ...director, language: 'nl' } : staffPerson(config, recipient);
  }
  if (recipient === 'staff') return staffPerson(config, recipient);
  if ('email' in recipient) return recipient; // a request started before v3 carried the person
  return loadContact(db, partnerId, recipient);
}
