import { readJson } from '../support/http';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * The portfolio of initiatives through the staff JSON API (issue 24): add, edit, list with filters,
 * one initiative, the CSV; bad input is a 400 naming the field, and stores nothing.
 */
let system: TestSystem;
let actors: Actors;
let anker: string;
let brug: string;
beforeAll(async () => {
  system = await startTestSystem({ PACT_MAX_REMINDERS: '0', PACT_ESCALATE_AFTER: '1h', PACT_EXPIRE_AFTER: '2h' });
  actors = new Actors(system);
  anker = await actors.onboard('Portfolio Anker', { sector: 'care' });
  brug = await actors.onboard('Portfolio Brug', { sector: 'education' });
});
afterAll(() => system?.stop());

const send = (path: string, body: unknown, method = 'POST') =>
  system.staffFetch(path, { method, body: JSON.stringify(body) });
const stored = async () =>
  Number(
    (
      await system.db
        .selectFrom('initiatives')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function expectBad(response: Response, field: string) {
  expect(response.status).toBe(400);
  const { error } = await readJson(response);
  expect(error.message).toContain(field);
  return error;
}

test('staff add initiatives, edit and park them, and list them by lever and status', async () => {
  const buddy = await send('/api/initiatives', {
    title: 'Buddywerking op de werkvloer',
    description: 'Een collega begeleidt een inburgeraar gedurende zes maanden.',
    levers: ['agency', 'trust'],
    characteristics: ['low_threshold', 'meeting_others'],
    preconditions: ['means', 'engagement'],
    kind: 'existing',
    partnerIds: [anker, brug],
  });
  expect(buddy.status).toBe(201);
  const { id, status } = await readJson(buddy);
  expect(id).toMatch(uuid);
  expect(status).toBe('proposed');

  const taal = await readJson(
    await send('/api/initiatives', {
      title: 'Taalcafé in de bibliotheek',
      description: 'Wekelijks oefenen met vrijwilligers.',
      levers: ['quality_of_life'],
      kind: 'proposal',
    }),
  );

  const one = await readJson(await system.staffFetch(`/api/initiatives/${id}`));
  expect(one).toMatchObject({
    id,
    title: 'Buddywerking op de werkvloer',
    kind: 'existing',
    origin: 'staff',
    originRef: null,
    levers: ['agency', 'trust'],
    characteristics: ['low_threshold', 'meeting_others'],
    preconditions: ['means', 'engagement'],
    status: 'proposed',
    priorityRank: null,
    project: null,
    rounds: [],
  });
  expect(one.partners).toEqual([
    { id: anker, name: 'Portfolio Anker', role: 'supporter' },
    { id: brug, name: 'Portfolio Brug', role: 'supporter' },
  ]);

  // Edit: new title, one supporter less; then park it.
  const edited = await send(`/api/initiatives/${id}`, { title: 'Buddywerking', partnerIds: [anker] }, 'PATCH');
  expect(edited.status).toBe(200);
  expect(await readJson(edited)).toEqual({ id, status: 'proposed' });
  expect(await readJson(await send(`/api/initiatives/${id}`, { status: 'parked' }, 'PATCH'))).toEqual({
    id,
    status: 'parked',
  });
  const afterEdit = await readJson(await system.staffFetch(`/api/initiatives/${id}`));
  expect(afterEdit).toMatchObject({ title: 'Buddywerking', status: 'parked' });
  expect(afterEdit.partners.map((p: { id: string }) => p.id)).toEqual([anker]);

  const titles = async (query: string) =>
    (await readJson(await system.staffFetch(`/api/initiatives${query}`))).initiatives.map(
      (i: { title: string }) => i.title,
    );
  expect(await titles('')).toEqual(['Taalcafé in de bibliotheek', 'Buddywerking']);
  expect(await titles('?lever=trust')).toEqual(['Buddywerking']);
  expect(await titles('?status=proposed')).toEqual(['Taalcafé in de bibliotheek']);
  expect(await titles('?status=parked&lever=trust')).toEqual(['Buddywerking']);
  expect(await titles('?lever=quality_of_life&status=parked')).toEqual([]);

  // Taken up again: parked → proposed; but not to a status only rounds and projects set.
  expect((await send(`/api/initiatives/${id}`, { status: 'proposed' }, 'PATCH')).status).toBe(200);
  await expectBad(await send(`/api/initiatives/${taal.id}`, { status: 'done' }, 'PATCH'), 'status');

  // The CSV: a header and one row per initiative, lists joined by ';'.
  const csv = await system.staffFetch('/api/initiatives.csv');
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0]).toBe(
    'id,title,kind,status,priority_rank,origin,origin_ref,levers,characteristics,preconditions,proposers,supporters,project_id,project_status,project_score,created_at,description',
  );
  expect(lines).toHaveLength(3);
  expect(lines.find((l) => l.startsWith(id))).toContain(
    `${id},Buddywerking,existing,proposed,,staff,,agency;trust,low_threshold;meeting_others,means;engagement,,${anker},,,,`,
  );
});

test('bad input is a 400 naming the field, and nothing is stored', async () => {
  const good = {
    title: 'Mentorschap',
    description: 'Een mentor per nieuwkomer.',
    levers: ['agency'],
    kind: 'proposal',
  };
  const before = await stored();
  await expectBad(await send('/api/initiatives', { ...good, title: 'Twee\nregels' }), 'title');
  await expectBad(await send('/api/initiatives', { ...good, title: 'x'.repeat(201) }), 'title');
  await expectBad(await send('/api/initiatives', { ...good, levers: [] }), 'levers');
  await expectBad(await send('/api/initiatives', { ...good, levers: ['happiness'] }), 'levers');
  await expectBad(await send('/api/initiatives', { ...good, kind: 'dream' }), 'kind');
  await expectBad(await send('/api/initiatives', { ...good, characteristics: ['cheap'] }), 'characteristics');
  await expectBad(await send('/api/initiatives', { ...good, preconditions: ['luck'] }), 'preconditions');
  await expectBad(await send('/api/initiatives', { ...good, partnerIds: ['nobody-here'] }), 'partnerIds');
  await expectBad(await send('/api/initiatives', { ...good, colour: 'blue' }), 'colour');
  await expectBad(await send('/api/initiatives', { ...good, description: undefined }), 'description');
  expect(await stored()).toBe(before);

  // The same idempotency key adds once; the second answer names the first.
  const first = await send('/api/initiatives', { ...good, idempotencyKey: 'form-5d1c2b7a' });
  expect(first.status).toBe(201);
  const again = await send('/api/initiatives', { ...good, idempotencyKey: 'form-5d1c2b7a' });
  expect(again.status).toBe(409);
  expect((await readJson(again)).error.details.id).toBe((await readJson(first)).id);
  expect(await stored()).toBe(before + 1);

  const [initiative] = (await readJson(await system.staffFetch('/api/initiatives?status=proposed'))).initiatives;
  await expectBad(await send(`/api/initiatives/${initiative.id}`, { title: '' }, 'PATCH'), 'title');
  await expectBad(await send(`/api/initiatives/${initiative.id}`, { partnerIds: ['ghost'] }, 'PATCH'), 'partnerIds');
  await expectBad(await send(`/api/initiatives/${initiative.id}`, { status: 'in_project' }, 'PATCH'), 'status');
  expect((await send(`/api/initiatives/${initiative.id}`, {}, 'PATCH')).status).toBe(400);
  expect((await readJson(await system.staffFetch(`/api/initiatives/${initiative.id}`))).title).toBe(initiative.title);
  expect((await send('/api/initiatives/no-such-id', { title: 'Nieuw' }, 'PATCH')).status).toBe(404);
  expect((await system.staffFetch('/api/initiatives/no-such-id')).status).toBe(404);

  // An unknown or malformed filter is a 400 naming it.
  await expectBad(await system.staffFetch('/api/initiatives?colour=blue'), 'colour');
  await expectBad(await system.staffFetch('/api/initiatives?status=sleeping'), 'status');
  await expectBad(await system.staffFetch('/api/initiatives?lever=luck'), 'lever');
});

test('the staff pages: add through the form (once per form), the portfolio with a notice for a bad filter, the learning page', async () => {
  const postForm = (path: string, fields: [string, string][]) =>
    system.staffFetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
  const form = await (await system.staffFetch('/staff/initiatives/new')).text();
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(form)![1]!;
  const before = await stored();
  const fields: [string, string][] = [
    ['idempotencyKey', key],
    ['title', 'Open atelier'],
    ['description', 'Een atelier waar iedereen binnen mag.'],
    ['kind', 'existing'],
    ['characteristics', 'low_threshold'],
    ['preconditions', 'means'],
    ['partnerIds', brug],
  ];
  const refused = await postForm('/staff/initiatives/new', fields);
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain('Kies minstens één hefboom.');
  expect(await stored()).toBe(before);

  const added = await postForm('/staff/initiatives/new', [...fields, ['levers', 'redistribution']]);
  expect(added.status).toBe(303);
  const id = /\/staff\/initiatives\/([0-9a-f-]{36})\?done=added/.exec(added.headers.get('location')!)![1]!;
  expect(await initiativeTitle(id)).toBe('Open atelier');
  const twice = await postForm('/staff/initiatives/new', [...fields, ['levers', 'redistribution']]);
  expect(twice.status).toBe(409);
  expect(await twice.text()).toContain(id);
  expect(await stored()).toBe(before + 1);

  // Parked from its page, and shown with its supporter.
  expect((await postForm(`/staff/initiatives/${id}/status`, [['status', 'parked']])).status).toBe(303);
  const page = await (await system.staffFetch(`/staff/initiatives/${id}?lang=en`)).text();
  expect(page).toContain('parked');
  expect(page).toContain('Portfolio Brug');

  const portfolio = await (await system.staffFetch('/staff/initiatives?lever=redistribution&status=sleeping')).text();
  expect(portfolio).toContain('Open atelier');
  expect(portfolio).toContain('De filter &quot;status&quot; heeft een onbekende waarde en werd genegeerd.');

  const learning = await system.staffFetch('/staff/learning?groupBy=colour');
  expect(learning.status).toBe(200);
  expect(await learning.text()).toContain('Onbekende groepering &quot;colour&quot; genegeerd');
  const csv = await (await system.staffFetch('/api/initiatives/learning.csv')).text();
  expect(csv.split('\r\n')[0]).toBe('outcome,group_by,group,kind,key,initiatives,of_initiatives');
});

const initiativeTitle = async (id: string) =>
  (await readJson(await system.staffFetch(`/api/initiatives/${id}`))).title as string;

test('a project from an unknown, parked or partnerless initiative is a 400 naming the problem, and nothing is stored', async () => {
  const projects = async () =>
    Number(
      (
        await system.db
          .selectFrom('projects')
          .select(({ fn }) => fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const before = await projects();
  await expectBad(await send('/api/projects', { initiativeId: 'geen-initiatief' }), 'initiativeId');
  const alone = await readJson(
    await send('/api/initiatives', {
      title: 'Zonder partners',
      description: 'Nog niemand steunt dit.',
      levers: ['redistribution'],
      kind: 'proposal',
    }),
  );
  const error = await expectBad(await send('/api/projects', { initiativeId: alone.id }), 'partnerIds');
  expect(error.message).toContain('no partner to invite');
  await send(`/api/initiatives/${alone.id}`, { status: 'parked' }, 'PATCH');
  const parked = await expectBad(
    await send('/api/projects', { initiativeId: alone.id, partnerIds: [anker] }),
    'initiativeId',
  );
  expect(parked.message).toContain('parked');
  // Without an initiative, the fields it would fill in are required again.
  await expectBad(
    await send('/api/projects', { title: 'Los project', levers: ['trust'], partnerIds: [anker] }),
    'description',
  );
  expect(await projects()).toBe(before);
  expect((await readJson(await system.staffFetch(`/api/initiatives/${alone.id}`))).status).toBe('parked');
});
