import { brusselsLocal } from '../../domain/brussels-time';
import { readJson } from '../support/http';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** The initiatives proposed at a meeting go straight into the portfolio when its minutes are recorded. */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({ PACT_MAX_REMINDERS: '0', PACT_ESCALATE_AFTER: '1h', PACT_EXPIRE_AFTER: '2h' });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

const post = (path: string, body: unknown) => system.staffFetch(path, { method: 'POST', body: JSON.stringify(body) });

test('minutes add their initiatives to the portfolio, proposed by the partners named', async () => {
  const kade = await actors.onboard('Notulen Kade', { sector: 'culture' });
  const dijk = await actors.onboard('Notulen Dijk', { sector: 'media' });
  // Starts within the next minute (a meeting's time is to the minute), so minutes can follow soon.
  const startsAtMs = Date.now() + 61_000;
  const startsAt = brusselsLocal(startsAtMs);
  const planned = await post('/api/meetings', {
    title: 'Notulenoverleg',
    startsAt,
    endsAt: brusselsLocal(startsAtMs + 3_600_000),
    place: 'Brugge',
    agenda: 'Ideeën verzamelen',
    invitees: { partnerIds: [kade, dijk] },
  });
  expect(planned.status).toBe(201);
  const { id: meetingId } = await readJson(planned);
  const { invitees } = await readJson(await system.staffFetch(`/api/meetings/${meetingId}`));
  // The meeting's start is the minute of startsAtMs: it has begun once that moment has passed.
  await new Promise((r) => setTimeout(r, Math.max(0, startsAtMs - Date.now() + 1000)));

  // A partner that does not exist: 400 naming it, nothing stored.
  const count = async () => (await readJson(await system.staffFetch('/api/initiatives'))).initiatives.length;
  const refused = await post(`/api/meetings/${meetingId}/minutes`, {
    attended: [],
    minutes: 'Verslag',
    initiatives: [{ text: 'Spookidee', levers: ['trust'], partnerIds: ['niet-bestaand'] }],
  });
  expect(refused.status).toBe(400);
  expect((await readJson(refused)).error.message).toContain('initiatives.0.partnerIds');
  expect(await count()).toBe(0);

  const recorded = await post(`/api/meetings/${meetingId}/minutes`, {
    attended: invitees.filter((i: { role: string }) => i.role === 'coordinator').map((i: { id: number }) => i.id),
    minutes: 'We verzamelden ideeën.',
    initiatives: [
      {
        text: 'Cultuurpas voor nieuwkomers\nMet gratis toegang tot musea.',
        levers: ['quality_of_life'],
        partnerIds: [kade, dijk],
      },
      { text: 'Mediatraining', levers: ['trust'], partnerIds: [] },
    ],
  });
  expect(recorded.status).toBe(200);

  const { initiatives } = await readJson(await system.staffFetch('/api/initiatives?lever=quality_of_life'));
  expect(initiatives).toEqual([
    expect.objectContaining({
      title: 'Cultuurpas voor nieuwkomers',
      description: 'Cultuurpas voor nieuwkomers\nMet gratis toegang tot musea.',
      kind: 'proposal',
      origin: 'minutes',
      originRef: meetingId,
      status: 'proposed',
      partners: [
        { id: dijk, name: 'Notulen Dijk', role: 'proposer' },
        { id: kade, name: 'Notulen Kade', role: 'proposer' },
      ],
    }),
  ]);
  expect(await count()).toBe(2);
  const meeting = await readJson(await system.staffFetch(`/api/meetings/${meetingId}`));
  expect(meeting.initiatives.map((i: { title: string }) => i.title)).toEqual([
    'Cultuurpas voor nieuwkomers',
    'Mediatraining',
  ]);

  // Staff see it in the portfolio, on the initiative's page (from which meeting) and on the partner's page.
  const portfolio = await (await system.staffFetch('/staff/initiatives?status=proposed&colour=blue')).text();
  expect(portfolio).toContain('Cultuurpas voor nieuwkomers');
  expect(portfolio).toContain('Onbekende filter &quot;colour&quot; genegeerd.');
  const one = await (await system.staffFetch(`/staff/initiatives/${initiatives[0].id}`)).text();
  expect(one).toContain('verslag van een bijeenkomst');
  expect(one).toContain(`/staff/meetings/${meetingId}`);
  const partnerPage = await (await system.staffFetch(`/staff/partners/${kade}`)).text();
  expect(partnerPage).toContain('Cultuurpas voor nieuwkomers');
  expect(partnerPage).toContain('stelde voor');
}, 180_000);
