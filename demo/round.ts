import { openForm } from '../dev/form-page';
import { brusselsLocal } from '../domain/brussels-time';
import type { Organisation } from './cast';
import type { Inbox } from './inbox';
import { pause } from './journeys';
import type { PactApi } from './pact-api';
import { peopleOf } from './people';

interface RoundJson {
  status: 'open' | 'closed';
  initiatives: { id: string; number: number }[];
  ballots: { id: string; partnerId: string; status: string }[];
}

/**
 * The prioritisation round over the portfolio: every formalised partner gets a ballot; some rank on
 * the ballot page, some reply to the email with numbers, the rest do not answer, and staff close the
 * round early. Every voter ranks the four winners first, so they are the four the round prioritises.
 */
export async function runRound(
  api: PactApi,
  inbox: Inbox,
  initiativeIds: string[],
  winners: string[],
  invitees: Organisation[],
): Promise<void> {
  const id = await api.findOrCreate('/api/prioritisation-rounds', 'prioritisationRounds', {
    title: 'Prioriteiten van het eerste jaar',
    initiativeIds,
    invitees: { partnerIds: invitees.map((o) => peopleOf(o).id) },
    closesAt: brusselsLocal(Date.now() + 7 * 86_400_000),
    maxRanked: 3,
    prioritiseTop: winners.length,
    idempotencyKey: 'demo-round-first-year',
  });
  const round = async () => (await api.get<RoundJson>(`/api/prioritisation-rounds/${id}`))!;
  const voters = invitees.slice(0, Math.ceil((invitees.length * 2) / 3));
  for (const [i, voter] of voters.entries()) {
    const { ballots, initiatives, status } = await round();
    if (status === 'closed') return;
    const people = peopleOf(voter);
    const ballot = ballots.find((b) => b.partnerId === people.id);
    if (!ballot || ballot.status !== 'pending') continue;
    // Three of the four winners, a different three for each voter.
    const ranking = [0, 1, 2].map((k) => winners[(i + k) % winners.length]!);
    const email = await inbox.email(
      people.coordinator.email,
      (key) => key.startsWith(`ballot/${id}/`) && key.includes(`/${ballot.id}`),
    );
    if (i % 2 === 0) {
      const form = await openForm(inbox.link(email, '/b/'));
      const ranked = await form.submit(ranking.map((initiative, k) => [`choice${k + 1}`, initiative]));
      if (ranked.status !== 200) throw new Error(`ranking on the ballot page failed: ${ranked.status}`);
    } else {
      const numbers = ranking.map((initiative) => initiatives.find((n) => n.id === initiative)!.number);
      await inbox.reply(email, people.coordinator.email, numbers.join(', '));
    }
    while ((await round()).ballots.find((b) => b.id === ballot.id)?.status === 'pending') await pause(200);
  }
  if ((await round()).status === 'open') await api.post(`/api/prioritisation-rounds/${id}/close`);
  while ((await round()).status !== 'closed') await pause(300);
}
