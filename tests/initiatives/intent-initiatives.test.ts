import { historyTexts, leaks } from '../support/history-payloads';
import { readJson } from '../support/http';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** A partner's intent may name practices or propose initiatives; they enter the portfolio, proposed by it. */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({ PACT_MAX_REMINDERS: '0', PACT_ESCALATE_AFTER: '1h', PACT_EXPIRE_AFTER: '2h' });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

const portfolio = async () => (await readJson(await system.staffFetch('/api/initiatives'))).initiatives;

test('initiatives in an intent enter the portfolio; bad ones are refused, naming the field', async () => {
  const partner = await actors.onboard('Intentie Vuurtoren', { sector: 'local_government' });
  const email = await actors.nextEmail(actors.addresses(partner).coordinator);
  const link = actors.linkIn(email);

  // The page offers the optional rows.
  const page = await (await fetch(link)).text();
  expect(page).toContain('name="initiative0Title"');
  expect(page).toContain('Praktijken en voorstellen (optioneel)');

  const six = Array.from({ length: 6 }, (_, n) => ({ title: `Idee nummer ${n}`, kind: 'proposal' }));
  const tooMany = await actors.post(link, { ...intentAnswer, initiatives: six });
  expect(tooMany.status).toBe(400);
  expect(JSON.stringify(tooMany.body)).toContain('initiatives');
  const badTitle = await actors.post(link, {
    ...intentAnswer,
    initiatives: [
      { title: 'Twee\nregels', kind: 'proposal' },
      { title: 'Ok titel', kind: 'dream' },
    ],
  });
  expect(badTitle.status).toBe(400);
  const refused = JSON.stringify(badTitle.body);
  expect(refused).toContain('initiatives.0.title');
  expect(refused).toContain('initiatives.1.kind');
  expect(await portfolio()).toEqual([]);

  await actors.expectOk(
    actors.post(link, {
      ...intentAnswer,
      initiatives: [
        { title: 'Wijkwerking met nieuwkomers', kind: 'existing', description: 'Elke maand een wijkontbijt.' },
        { title: 'Gemeentelijke stagepool', kind: 'proposal' },
      ],
    }),
  );
  let found: any[] = [];
  for (let i = 0; i < 100 && found.length < 2; i++) {
    found = await portfolio();
    if (found.length < 2) await new Promise((r) => setTimeout(r, 100));
  }
  const byTitle = Object.fromEntries(found.map((i: { title: string }) => [i.title, i]));
  expect(Object.keys(byTitle).sort()).toEqual(['Gemeentelijke stagepool', 'Wijkwerking met nieuwkomers']);
  expect(byTitle['Wijkwerking met nieuwkomers']).toMatchObject({
    description: 'Elke maand een wijkontbijt.',
    kind: 'existing',
    origin: 'intent',
    originRef: partner,
    levers: intentAnswer.levers,
    status: 'proposed',
    partners: [{ id: partner, name: 'Intentie Vuurtoren', role: 'proposer' }],
  });
  expect(byTitle['Gemeentelijke stagepool']).toMatchObject({
    kind: 'proposal',
    description: 'Gemeentelijke stagepool',
  });
  expect(
    (await actors.journey(partner)).initiatives
      .map((i: { title: string; role: string }) => `${i.role}:${i.title}`)
      .sort(),
  ).toEqual(['proposer:Gemeentelijke stagepool', 'proposer:Wijkwerking met nieuwkomers']);
  const partnerPage = await (await system.staffFetch(`/staff/partners/${partner}`)).text();
  expect(partnerPage).toContain('Wijkwerking met nieuwkomers');

  // What the partner wrote stays in Postgres: the journey's histories (and its requests') hold none of it.
  const histories = await historyTexts(system.temporal, `journey-${partner}`);
  expect(histories.length).toBeGreaterThan(1);
  expect(
    leaks(histories, ['Wijkwerking met nieuwkomers', 'Elke maand een wijkontbijt', 'Gemeentelijke stagepool']),
  ).toEqual([]);
});
