import { openForm } from '../dev/form-page';
import { partnerIdFromName } from '../domain/partner';
import type { Organisation } from './cast';
import type { Inbox } from './inbox';
import { intentOf, onboardingOf, partnerOf, pause } from './journeys';
import type { PactApi } from './pact-api';
import { peopleOf } from './people';

interface JoinRequestJson {
  id: string;
  name: string;
  status: 'pending_confirmation' | 'confirmed' | 'approved' | 'rejected';
}

/**
 * An organisation brought in by a formalised partner: it fills in /pact/join through the partner's
 * invitation link (`?ref=`), confirms its address through the /j/ link in the email, and staff approve
 * it, which starts its journey at the intent review. Each step looks at the join request first, so a
 * second run repeats none.
 */
export async function joinThroughReferral(api: PactApi, inbox: Inbox, organisation: Organisation): Promise<void> {
  const people = peopleOf(organisation);
  for (;;) {
    if (await partnerOf(api, people.id)) return;
    const { joinRequests } = (await api.get<{ joinRequests: JoinRequestJson[] }>('/api/join-requests'))!;
    const join = joinRequests.find((j) => j.name === organisation.name && j.status !== 'rejected');
    if (!join) await submitJoin(api, organisation);
    else if (join.status === 'pending_confirmation') {
      const email = await inbox.email(people.coordinator.email, (key) => key === `join/${join.id}/confirm`);
      const form = await openForm(inbox.link(email, '/j/'));
      const confirmed = await form.submit([]);
      if (confirmed.status !== 200 && confirmed.status !== 404)
        throw new Error(`confirming the join of ${organisation.name} failed: ${confirmed.status}`);
    } else if (join.status === 'confirmed') await api.post(`/api/join-requests/${join.id}/approve`);
    else await pause(300); // approved: the partner appears in a moment
  }
}

async function submitJoin(api: PactApi, organisation: Organisation): Promise<void> {
  const referrerId = partnerIdFromName(organisation.referredBy!);
  let referralUrl: string | null | undefined;
  // The referrer's code is made when its partnership is formalised.
  while (!(referralUrl = (await partnerOf(api, referrerId))?.referralUrl)) await pause(300);
  const ref = new URL(referralUrl).searchParams.get('ref');
  const { levers, goals, summary } = intentOf(organisation);
  const response = await fetch(`${api.url}/pact/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ ...onboardingOf(organisation), intent: { levers, goals, summary }, ref }),
  });
  if (response.status !== 202)
    throw new Error(`joining as ${organisation.name} failed: ${response.status} ${await response.text()}`);
}
