import { brusselsAt } from '../support/meeting-mail';
import { readJson } from '../support/http';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * The planning forms' partner field (api/html/invitee-choice-form.ts): GET /api/partners/search
 * suggests a few partners as staff type; without script, a typed name is looked up when the form is
 * sent, and a name that names nobody, or several partners, sends the form back (400) saying what to
 * do, with nothing planned or opened.
 */
let system: TestSystem;
let actors: Actors;
const ids: Record<'alfa' | 'beta' | 'twin1' | 'twin2', string> = {} as never;

beforeAll(async () => {
  system = await startTestSystem();
  actors = new Actors(system);
  ids.alfa = await actors.onboard('Zoekveld Alfa', { sector: 'care' });
  ids.beta = await actors.onboard('Buurt Zoekveld Beta', { sector: 'work' });
  ids.twin1 = await actors.onboard('Zoekveld Tweeling', { sector: 'care' });
  ids.twin2 = await actors.onboard('Zoekveld Tweelingen', { sector: 'education' });
  // Onboarding refuses a second partner named like the first; two names equal in any case are still
  // possible (a rename, an old import), so one is stored that way for the "which one?" case.
  await system.db.updateTable('partners').set({ name: 'ZOEKVELD TWEELING' }).where('id', '=', ids.twin2).execute();
});
afterAll(async () => {
  await system?.stop();
});

test('the search suggests invitable partners whose name holds the text, those starting with it first', async () => {
  const answer = await system.staffFetch('/api/partners/search?q=zoekveld');
  expect(answer.status).toBe(200);
  const { partners } = await readJson(answer);
  expect(partners.map((p: { name: string }) => p.name)).toEqual([
    'ZOEKVELD TWEELING',
    'Zoekveld Alfa',
    'Zoekveld Tweeling',
    'Buurt Zoekveld Beta',
  ]);
  expect(partners[1]).toEqual({
    id: ids.alfa,
    name: 'Zoekveld Alfa',
    sector: 'care',
    actorType: expect.any(String),
    stage: 'intent',
  });
  expect((await readJson(await system.staffFetch('/api/partners/search?q=niemand-zo'))).partners).toEqual([]);
  expect((await system.staffFetch('/api/partners/search')).status).toBe(400);
  expect((await system.staffFetch('/api/partners/search?q=%20')).status).toBe(400);
  expect((await fetch(`${system.url}/api/partners/search?q=zoekveld`)).status).toBe(401);
});

const formPost = (path: string, fields: Record<string, string>) =>
  system.staffFetch(path, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
const meetingForm = (title: string, partnerName: string) => ({
  title,
  startsAt: brusselsAt(9, 10),
  endsAt: brusselsAt(9, 12),
  place: 'Gent',
  agenda: 'Kennismaking',
  partnerName,
});
const meetingsTitled = (title: string) =>
  system.db.selectFrom('meetings').select('id').where('title', '=', title).execute();

test('the meetings page offers the search field, not every partner', async () => {
  const page = await (await system.staffFetch('/staff/meetings')).text();
  expect(page).toContain('<input\n        type="search"\n        id="partnerName"');
  expect(page).toContain('<datalist id="partnerName-matches"></datalist>');
  expect(page).toContain('<script src="/staff/partner-search.js" defer></script>');
  expect(page).not.toContain('Zoekveld Alfa');
  const script = await system.staffFetch('/staff/partner-search.js');
  expect(script.headers.get('content-type')).toContain('javascript');
  expect(await script.text()).toContain('picker.dataset.search');
});

test('a name typed without script is looked up on sending: the meeting invites that partner', async () => {
  const sent = await formPost('/staff/meetings', meetingForm('Zoekveld overleg', '  zoekveld alfa '));
  expect(sent.status).toBe(303);
  const [meeting] = await meetingsTitled('Zoekveld overleg');
  const invited = await system.db
    .selectFrom('meeting_invitees')
    .select('partner_id')
    .distinct()
    .where('meeting_id', '=', meeting!.id)
    .execute();
  expect(invited).toEqual([{ partner_id: ids.alfa }]);
});

test('an unknown or shared name sends the form back saying what to fix, with the partners to tick; nothing planned', async () => {
  const unknown = await formPost('/staff/meetings', meetingForm('Zoekveld fout', 'Zoekveld'));
  expect(unknown.status).toBe(400);
  const unknownPage = await unknown.text();
  expect(unknownPage).toContain('Geen partner met een lopend traject heet &quot;Zoekveld&quot;');
  for (const id of Object.values(ids)) expect(unknownPage).toContain(`name="partnerIds" value="${id}"`);
  expect(unknownPage).toContain('value="Zoekveld fout"'); // what was filled in stays

  const shared = await formPost('/staff/meetings', meetingForm('Zoekveld fout', 'Zoekveld Tweeling'));
  expect(shared.status).toBe(400);
  const sharedPage = await shared.text();
  expect(sharedPage).toContain('Meerdere partners heten &quot;Zoekveld Tweeling&quot;');
  expect(sharedPage).toContain(`value="${ids.twin1}"`);
  expect(sharedPage).toContain(`value="${ids.twin2}"`);
  expect(sharedPage).not.toContain(`value="${ids.alfa}"`);
  expect(sharedPage).toMatch(/Zoekveld Tweeling <span class="muted">\([^,]+, [^)]+\)/);

  const nobody = await formPost('/staff/meetings', meetingForm('Zoekveld fout', 'Xyzzy'));
  expect(nobody.status).toBe(400);
  expect(await nobody.text()).toContain('en geen naam bevat het');
  expect(await meetingsTitled('Zoekveld fout')).toEqual([]);

  // The round form reads the field the same way: an unknown name opens no round.
  const round = await formPost('/staff/prioritisation-rounds', {
    title: 'Zoekveld ronde',
    closesAt: '2030-01-01T17:00',
    maxRanked: '3',
    prioritiseTop: '3',
    partnerName: 'Xyzzy',
  });
  expect(round.status).toBe(400);
  expect(await round.text()).toContain('Geen partner met een lopend traject heet &quot;Xyzzy&quot;');
  expect(
    await system.db.selectFrom('prioritisation_rounds').select('id').where('title', '=', 'Zoekveld ronde').execute(),
  ).toEqual([]);
});
