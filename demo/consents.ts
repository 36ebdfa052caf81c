import { openForm } from '../dev/form-page';
import type { Organisation } from './cast';
import type { Inbox } from './inbox';
import { pause } from './journeys';
import type { PactApi } from './pact-api';
import { peopleOf } from './people';

/**
 * Partners who change their mind after signing, on the consent page (`/c/`) linked from the email that
 * tells the signatory the partnership is formalised: one that did not tick the public listing gives its
 * consent, one that did withdraws it (by the organisation's name, without a test's tag).
 */
export const changesOfMind: { organisation: string; listed: boolean }[] = [
  { organisation: 'Wijkgezondheidscentrum Oost', listed: true },
  { organisation: 'Stad Kortebeek', listed: false },
];

/** Gives or withdraws the consent, unless the partner's listing already is what it wants. */
export async function changeConsent(
  api: PactApi,
  inbox: Inbox,
  organisation: Organisation,
  listed: boolean,
): Promise<void> {
  const people = peopleOf(organisation);
  const listing = async () => (await api.get<{ listed: boolean }>(`/api/partners/${people.id}/public-listing`))!;
  if ((await listing()).listed === listed) return;
  const email = await inbox.email(people.signatory.email, (key) => key === `partner/${people.id}/formalised`);
  const form = await openForm(inbox.link(email, '/c/'));
  const changed = await form.submit([['listed', listed ? 'yes' : 'no']]);
  if (changed.status !== 200) throw new Error(`changing the consent of ${organisation.name} failed: ${changed.status}`);
  while ((await listing()).listed !== listed) await pause(200);
}
