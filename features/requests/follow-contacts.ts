import type { Client } from '@temporalio/client';
import type { Db } from '../../db/connection';
import type { RequestTopic } from '../../domain/request-topics';
import type { ContactRole } from '../../domain/vocabulary';
import { readdressRequest } from './staff-actions';
import { isRefusal, type UpdateRefusal } from '../../temporal/update-refusal';

/** The partner's contact a request asks, by role; undefined for staff and the director. */
export function contactRoleAsked(topic: RequestTopic): ContactRole | undefined {
  if (topic.kind !== 'signoff') return 'coordinator'; // intent, report, project invitation
  return topic.subject === 'commitment_signature' ? 'signatory' : undefined;
}

export interface FollowedContacts {
  /** Requests now addressed to the contact holding their role. */
  readdressed: string[];
  /** Requests that could not be re-addressed now (the engine away): the same change again re-addresses them. */
  refused: { requestId: string; refusal: UpdateRefusal }[];
}

/**
 * Open requests follow the contact (README, "Keeping a partner's record true"): every pending request
 * of the partner whose address is not the one of the contact now holding its role is re-addressed
 * to that contact. It looks at the records, not at what was changed, so running it again (after a
 * crash, or the engine away) finishes what an earlier run left; a request already re-addressed is left alone.
 */
export async function followContacts(deps: { db: Db; temporal: Client }, partnerId: string): Promise<FollowedContacts> {
  const [contacts, pending] = await Promise.all([
    deps.db
      .selectFrom('contacts')
      .select(['id', 'email', 'role'])
      .where('partner_id', '=', partnerId)
      .orderBy('id')
      .execute(),
    deps.db
      .selectFrom('requests')
      .select(['id', 'topic', 'recipient_email'])
      .where('partner_id', '=', partnerId)
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .execute(),
  ]);
  // Without a signatory the coordinator signs, as at onboarding (features/partners/onboard.ts).
  const holder = (role: ContactRole) =>
    contacts.find((c) => c.role === role) ?? contacts.find((c) => c.role === 'coordinator');
  const result: FollowedContacts = { readdressed: [], refused: [] };
  for (const request of pending) {
    const role = contactRoleAsked(request.topic);
    const contact = role && holder(role);
    if (!role || !contact || contact.email === request.recipient_email.toLowerCase()) continue;
    const outcome = await readdressRequest(deps, { requestId: request.id, partnerId }, { role, contactId: contact.id });
    if (outcome.kind === 'readdressed') result.readdressed.push(request.id);
    else if (isRefusal(outcome) && outcome.kind !== 'closed')
      result.refused.push({ requestId: request.id, refusal: outcome });
  }
  return result;
}
