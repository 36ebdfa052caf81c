import { openForm } from '../dev/form-page';
import { brusselsDay } from '../domain/brussels-time';
import type { Organisation } from './cast';
import type { Inbox } from './inbox';
import { pause } from './journeys';
import type { PactApi } from './pact-api';
import { peopleOf } from './people';

interface MeetingJson {
  invitees: { id: string; partnerId: string; answer: string | null }[];
}

/** How each invitee answers, in turn: on the page, or by replying to the invitation; then some never answer. */
const answers: { via: 'page' | 'reply'; answer: 'yes' | 'no' | 'maybe'; words: string }[] = [
  { via: 'page', answer: 'yes', words: 'Wij komen met twee.' },
  { via: 'reply', answer: 'yes', words: 'Ja, wij komen graag.' },
  { via: 'page', answer: 'yes', words: '' },
  { via: 'reply', answer: 'no', words: 'Nee, helaas, wij kunnen niet.' },
  { via: 'page', answer: 'maybe', words: 'Hangt af van de agenda.' },
  { via: 'reply', answer: 'yes', words: 'Ja, ik ben er.' },
  { via: 'page', answer: 'yes', words: '' },
  { via: 'page', answer: 'yes', words: '' },
  { via: 'reply', answer: 'maybe', words: 'Misschien, ik laat het nog weten.' },
];

/**
 * The first learning-network meeting, tomorrow afternoon, for every formalised partner: each answers
 * on the invitation's page or by replying to it; the rest have not answered yet.
 */
export async function holdMeeting(api: PactApi, inbox: Inbox, invitees: Organisation[]): Promise<void> {
  const tomorrow = brusselsDay(Date.now() + 86_400_000);
  const id = await api.findOrCreate('/api/meetings', 'meetings', {
    title: 'Lerend netwerk: eerste opvolging',
    levers: ['trust', 'agency'],
    startsAt: `${tomorrow}T14:00`,
    endsAt: `${tomorrow}T16:30`,
    place: 'Huis van het Integratiepact, Brussel',
    agenda: '1. Kennismaking met de nieuwe partners\n2. De geprioriteerde initiatieven\n3. Afspraken voor het voorjaar',
    invitees: { partnerIds: invitees.map((o) => peopleOf(o).id) },
    idempotencyKey: 'demo-meeting-first-follow-up',
  });
  const meeting = async () => (await api.get<MeetingJson>(`/api/meetings/${id}`))!;
  for (const [i, organisation] of invitees.slice(0, answers.length).entries()) {
    const people = peopleOf(organisation);
    const invitee = (await meeting()).invitees.find((v) => v.partnerId === people.id);
    if (!invitee || invitee.answer !== null) continue;
    const { via, answer, words } = answers[i]!;
    const email = await inbox.email(
      people.coordinator.email,
      (key) => key.startsWith(`meeting/${id}/`) && key.includes(`/${invitee.id}`),
    );
    if (via === 'page') {
      const form = await openForm(inbox.link(email, '/m/'));
      const answered = await form.submit([['answer', answer], ...(words ? [['note', words] as [string, string]] : [])]);
      if (answered.status !== 200) throw new Error(`answering the meeting on its page failed: ${answered.status}`);
    } else await inbox.reply(email, people.coordinator.email, words);
    while ((await meeting()).invitees.find((v) => v.id === invitee.id)?.answer === null) await pause(200);
  }
}
