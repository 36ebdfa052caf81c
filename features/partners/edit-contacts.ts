import { type ContactEntry, contactListProblems } from '../../domain/partner-contacts';
import type { ContactRole, Language } from '../../domain/vocabulary';
import { ApiError } from '../../http/api-error';
import { followContacts, type FollowedContacts } from '../requests/follow-contacts';
import type { AppDeps } from '../deps';
import { reinviteAtNewAddress, revokeMeetingLinks } from '../meetings/follow-invitee-address';
import { resendBallotsAtNewAddress, revokeBallotLinks } from '../rounds/follow-ballot-address';
import { changePartnerRecord } from './record-change';

interface StoredContact {
  id: number;
  name: string;
  email: string;
  role: ContactRole;
  language: Language;
}

const describe = (c: Pick<StoredContact, 'name' | 'email'>) => `${c.name} <${c.email}>`;

/**
 * Sets the partner's contacts to `entries` (PUT /api/partners/:id/contacts): an entry with an `id`
 * keeps that contact, corrected; one without is matched to an existing contact by address and role,
 * or added; a contact not named is removed. Exactly one coordinator, at most one signatory
 * (domain/partner-contacts.ts). The timeline records each change; the journey is told which contact
 * ids hold the roles now; then the partner's open requests follow the contact (features/requests/follow-contacts.ts).
 */
export async function setPartnerContacts(
  deps: Pick<AppDeps, 'db' | 'temporal' | 'dataKeys' | 'config' | 'mailer'>,
  partnerId: string,
  entries: ContactEntry[],
  by: string,
): Promise<{ contacts: StoredContact[]; changes: string[] } & FollowedContacts> {
  const problems = contactListProblems(entries);
  if (problems.length)
    throw new ApiError(400, 'invalid_request', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  const changed = await changePartnerRecord(deps, partnerId, async (tx) => {
    const [partner, current] = await Promise.all([
      tx.selectFrom('partners').select('language').where('id', '=', partnerId).executeTakeFirstOrThrow(),
      tx
        .selectFrom('contacts')
        .select(['id', 'name', 'email', 'role', 'language'])
        .where('partner_id', '=', partnerId)
        .orderBy('id')
        .execute(),
    ]);
    const wanted = entries.map((entry, index) => {
      const email = entry.email.trim().toLowerCase();
      const existing =
        entry.id !== undefined
          ? current.find((c) => c.id === entry.id)
          : current.find((c) => c.email === email && c.role === entry.role);
      if (entry.id !== undefined && !existing)
        throw new ApiError(
          400,
          'invalid_request',
          `contacts.${index}.id: ${entry.id} is not a contact of this partner; leave the id out to add a new contact`,
          [{ field: `contacts.${index}.id`, message: 'is not a contact of this partner' }],
        );
      const contact = {
        name: entry.name.trim(),
        email,
        role: entry.role,
        // A contact kept keeps its language unless one is given; a new one reads the partner's.
        language: entry.language ?? existing?.language ?? partner.language,
      };
      return { existing, contact };
    });

    const changes: string[] = [];
    const newAddresses: number[] = [];
    const removed = current.filter((c) => !wanted.some((w) => w.existing?.id === c.id));
    // Removed first, so a kept or new contact never meets a departing one's (partner, address, role).
    if (removed.length)
      await tx
        .deleteFrom('contacts')
        .where(
          'id',
          'in',
          removed.map((c) => c.id),
        )
        .execute();
    const stored: StoredContact[] = [];
    for (const { existing, contact } of wanted) {
      if (!existing) {
        stored.push(
          await tx
            .insertInto('contacts')
            .values({ partner_id: partnerId, ...contact })
            .returning(['id', 'name', 'email', 'role', 'language'])
            .executeTakeFirstOrThrow(),
        );
        continue;
      }
      stored.push({ id: existing.id, ...contact });
      const corrected = (['name', 'email', 'role', 'language'] as const).filter((f) => contact[f] !== existing[f]);
      if (!corrected.length) continue;
      await tx.updateTable('contacts').set(contact).where('id', '=', existing.id).execute();
      if (corrected.includes('email')) newAddresses.push(existing.id);
      changes.push(
        `${existing.role} ${describe(existing)} corrected: ${corrected.map((f) => `${f} "${existing[f]}" → "${contact[f]}"`).join(', ')}`,
      );
    }
    const added = stored.filter((s) => !current.some((c) => c.id === s.id));
    for (const c of added) {
      const replaced = removed.find((r) => r.role === c.role);
      changes.push(
        replaced ? `${c.role} ${describe(replaced)} replaced by ${describe(c)}` : `${c.role} ${describe(c)} added`,
      );
    }
    for (const r of removed.filter((r) => !added.some((a) => a.role === r.role)))
      changes.push(`${r.role} ${describe(r)} removed`);

    const reinvite = await revokeMeetingLinks(tx, deps.config.tokenSecret ?? '', newAddresses);
    const reballot = await revokeBallotLinks(tx, deps.config.tokenSecret ?? '', newAddresses);
    const holder = (role: ContactRole) => stored.find((c) => c.role === role);
    const coordinator = holder('coordinator')!; // the rule above: exactly one
    return {
      result: { contacts: stored, changes, reinvite, reballot },
      ...(changes.length
        ? {
            event: {
              type: 'contacts_changed',
              summary: `contacts changed by ${by}: ${changes.join('; ')}`,
              data: { by, changes, contactIds: stored.map((c) => ({ id: c.id, role: c.role })) },
            },
            journey: {
              contacts: {
                coordinator: { role: 'coordinator', contactId: coordinator.id },
                signatory: { role: 'signatory', contactId: (holder('signatory') ?? coordinator).id },
              },
              by,
            },
          }
        : {}),
    };
  });
  const { reinvite, reballot, ...result } = changed;
  await reinviteAtNewAddress(deps, reinvite);
  await resendBallotsAtNewAddress(deps, reballot);
  return { ...result, ...(await followContacts(deps, partnerId)) };
}
