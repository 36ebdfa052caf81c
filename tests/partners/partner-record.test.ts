import { monitoringActivities } from '../../activities/monitoring';
import { journeyWorkflowId, requestWorkflowId } from '../../domain/workflow-ids';
import { quarter } from '../monitoring/totals';
import { handleInboundEmail } from '../../inbound/handle-reply';
import { createMailer } from '../../mail/mailer';
import { journeyStateQuery } from '../../workflows/definitions';
import { readJson } from '../support/http';
import { Actors, intentAnswer } from '../support/partner-actions';
import { captureHistory } from '../support/history-fixtures';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * Keeping a partner's record true over the years (README, "Keeping a partner's record true"): staff
 * correct details and replace contacts while the journey runs; open requests follow the contact.
 */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({
    PACT_REMINDER_AFTER: '1h',
    PACT_ESCALATE_AFTER: '2h',
    PACT_EXPIRE_AFTER: '3h',
  });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

interface Contact {
  id: number;
  name: string;
  email: string;
  role: string;
  language: string;
}
const contactsOf = async (id: string): Promise<Contact[]> => (await actors.journey(id)).contacts;
const putContacts = (id: string, contacts: unknown) =>
  system.staffFetch(`/api/partners/${id}/contacts`, { method: 'PUT', body: JSON.stringify({ contacts }) });
const patch = (id: string, body: unknown) =>
  system.staffFetch(`/api/partners/${id}`, { method: 'PATCH', body: JSON.stringify(body) });
const journeyState = (id: string) => system.temporal.workflow.getHandle(journeyWorkflowId(id)).query(journeyStateQuery);
const emailsTo = async (address: string) => (await system.mail.messages()).filter((m) => m.to.includes(address));

test('a coordinator replaced while the intent request waits: the old link answers 410, the new person answers, the journey goes on', async () => {
  const id = await actors.onboard('Rekord');
  const who = actors.addresses(id);
  const oldLink = actors.linkIn(await actors.nextEmail(who.coordinator));
  const [, signatory] = await contactsOf(id);
  const before = (await actors.journey(id)).pendingRequests[0];

  const newcomer = { name: 'Nadia Nieuw', email: 'Nadia@rekord.example', role: 'coordinator' };
  const response = await putContacts(id, [newcomer, signatory]);
  expect(response.status).toBe(200);
  const body = await readJson(response);
  expect(body).toMatchObject({ readdressed: [before.id], refused: [] });
  expect(body.changes).toEqual([
    `coordinator Coordinator Rekord <${who.coordinator}> replaced by Nadia Nieuw <nadia@rekord.example>`,
  ]);

  // The old link is revoked like any closed link; the new person is told why they receive it.
  expect((await fetch(oldLink)).status).toBe(410);
  const email = await actors.nextEmail('nadia@rekord.example');
  expect(email.text).toContain('Beste Nadia Nieuw');
  expect(email.text).toContain('omdat Rekord u heeft aangeduid als contactpersoon');
  const journey = await actors.journey(id);
  expect(journey.contacts.map((c: Contact) => [c.role, c.email])).toEqual([
    ['signatory', who.signatory],
    ['coordinator', 'nadia@rekord.example'],
  ]);
  // The reminder policy starts over: due again a full escalation period from now.
  expect(Date.parse(journey.pendingRequests[0].dueAt)).toBeGreaterThan(Date.parse(before.dueAt));
  expect(journey.timeline.map((e: { type: string }) => e.type)).toEqual(
    expect.arrayContaining(['contacts_changed', 'request_readdressed']),
  );
  expect(journey.timeline.find((e: { type: string }) => e.type === 'contacts_changed').summary).toContain(
    'contacts changed by api-token (bootstrap)',
  );

  // The same change again changes nothing and sends nothing.
  const again = await readJson(await putContacts(id, await contactsOf(id)));
  expect(again).toMatchObject({ changes: [], readdressed: [] });

  await actors.expectOk(actors.post(actors.linkIn(email), intentAnswer));
  await actors.nextEmail(who.staff, /Rekord/);
  const state = await journeyState(id);
  const nadia = (await contactsOf(id)).find((c) => c.role === 'coordinator')!;
  expect(state.decisions.at(-1)).toMatchObject({ what: 'intent submitted', by: 'coordinator', contactId: nadia.id });
  expect(await emailsTo(who.coordinator)).toHaveLength(1); // the old coordinator got nothing more
  await captureHistory(system, journeyWorkflowId(id), 'journey-coordinator-replaced');
  await captureHistory(system, requestWorkflowId(before.id), 'request-readdressed');
});

test('a signatory corrected during signing: the corrected address gets a new link and signs', async () => {
  const id = await actors.onboard('Tekenaar');
  const who = actors.addresses(id);
  await actors.expectOk(actors.answer(who.coordinator, intentAnswer));
  await actors.expectOk(actors.answer(who.staff, { decision: 'approve' }, /Tekenaar/));
  const oldEmail = await actors.nextEmail(who.signatory);
  const oldLink = actors.linkIn(oldEmail);

  const contacts = await contactsOf(id);
  const corrected = contacts.map((c) =>
    c.role === 'signatory' ? { ...c, email: 'ondertekenaar@tekenaar.example' } : c,
  );
  const body = await readJson(await putContacts(id, corrected));
  expect(body.changes).toEqual([
    `signatory Signatory Tekenaar <${who.signatory}> corrected: email "${who.signatory}" → "ondertekenaar@tekenaar.example"`,
  ]);
  expect(body.readdressed).toHaveLength(1);
  expect((await actors.post(oldLink, { decision: 'approve' })).status).toBe(410);
  // A reply to the old email is not taken, and its sender is told so (once), without a name.
  const oldReply = Buffer.from(
    [
      `From: ${who.signatory}`,
      `To: ${/reply\+[A-Za-z0-9_-]{43}@[^\s>]+/.exec(oldEmail.replyTo ?? '')![0]}`,
      `Subject: Re: ${oldEmail.subject}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Akkoord',
      '',
    ].join('\r\n'),
  );
  const mailer = createMailer(system.config);
  const inbound = { db: system.db, temporal: system.temporal, mailer, config: system.config };
  expect(await handleInboundEmail(inbound, oldReply)).toBe('replaced');
  expect(await handleInboundEmail(inbound, oldReply)).toBe('replaced');
  mailer.close();
  const told = await actors.nextEmail(who.signatory, /^Re: /);
  expect(told.text).toMatch(/^Beste,$/m);
  expect(told.text).toContain(
    'aan een andere contactpersoon bezorgd; uw antwoord op deze oudere e-mail is niet verwerkt',
  );
  expect(told.text).not.toContain('ondertekenaar@tekenaar.example');
  await new Promise((r) => setTimeout(r, 300));
  expect((await emailsTo(who.signatory)).filter((m) => /^Re: /.test(m.subject))).toHaveLength(1);
  expect((await actors.journey(id)).stage).toBe('commitment');

  await actors.expectOk(actors.answer('ondertekenaar@tekenaar.example', { decision: 'approve' }));
  await actors.expectOk(actors.answer(who.director, { decision: 'approve' }, /Tekenaar/));
  await actors.waitForStage(id, 'prototype');
  // The signatory kept its id: the decision names the same contact.
  const signatory = contacts.find((c) => c.role === 'signatory')!;
  expect((await journeyState(id)).decisions.find((d) => d.what === 'commitment signed')).toMatchObject({
    contactId: signatory.id,
  });
});

test('details: name as shown, sector, actor type and language, recorded and told to the journey', async () => {
  const id = await actors.onboard('Detail');
  await actors.nextEmail(actors.addresses(id).coordinator);
  const response = await patch(id, { name: 'Detail vzw', sector: 'care', actorType: 'market' });
  expect(response.status).toBe(200);
  expect(await readJson(response)).toEqual({ id, changed: ['name', 'actorType', 'sector'] });
  const journey = await actors.journey(id);
  expect(journey).toMatchObject({ id, name: 'Detail vzw', sector: 'care', actorType: 'market' });
  expect(journey.timeline.at(-1)).toMatchObject({
    type: 'details_changed',
    summary:
      'details changed by api-token (bootstrap): name "Detail" → "Detail vzw", actorType "civil_society" → "market", sector "work" → "care"',
  });
  const described = await system.temporal.workflow.getHandle(journeyWorkflowId(id)).describe();
  expect(described.searchAttributes).toMatchObject({
    PartnerName: ['Detail vzw'],
    Sector: ['care'],
    ActorType: ['market'],
  });
  // Nothing to change: 200, nothing recorded.
  expect(await readJson(await patch(id, { sector: 'care' }))).toEqual({ id, changed: [] });
  expect((await actors.journey(id)).timeline).toHaveLength(journey.timeline.length);
});

test('a sector or actor-type change moves the figures reported from then on; past totals stay where they were counted', async () => {
  const id = await actors.onboard('Sectorwissel');
  const { storeReport } = monitoringActivities({ db: system.db });
  const [p1, p2] = [quarter('sw-p1', 0), quarter('sw-p2', 1)];
  const report = (period: typeof p1, placements: number) =>
    storeReport({
      partnerId: id,
      period,
      requestId: `${id}-${period.label}`,
      values: { placements_offered: placements },
    });
  const placements = async (groupBy: string) =>
    (await readJson(await system.staffFetch(`/api/monitoring/summary?groupBy=${groupBy}`))).rows
      .filter(
        (r: { period: string; indicator: string }) =>
          r.period.startsWith('sw-') && r.indicator === 'placements_offered',
      )
      .map((r: { group: string; period: string; total: number }) => [r.period, r.group, r.total]);

  await report(p1, 4);
  expect((await patch(id, { sector: 'care', actorType: 'market' })).status).toBe(200);
  await report(p2, 6);
  await report(p1, 4); // the same report stored again (a retried activity) changes nothing
  expect(await placements('sector')).toEqual([
    ['sw-p1', 'work', 4],
    ['sw-p2', 'care', 6],
  ]);
  expect(await placements('actorType')).toEqual([
    ['sw-p1', 'civil_society', 4],
    ['sw-p2', 'market', 6],
  ]);
});

describe('bad input changes nothing', () => {
  let id: string;
  let contacts: Contact[];
  beforeAll(async () => {
    id = await actors.onboard('Foutje');
    contacts = await contactsOf(id);
  });
  const [coordinator, signatory] = [0, 1];

  test.each([
    ['two coordinators', () => [contacts[coordinator], { ...contacts[signatory], role: 'coordinator' }], 'there are 2'],
    ['no coordinator', () => [contacts[signatory]], 'there is none'],
    [
      'an invalid address',
      () => [{ ...contacts[coordinator], email: 'niet-een-adres' }],
      'contacts.0.email: must match format "email"',
    ],
    ['another partner’s contact id', () => [{ ...contacts[coordinator], id: 999999 }], 'contacts.0.id'],
    ['no name', () => [{ ...contacts[coordinator], name: ' ' }], 'contacts.0.name'],
  ])('%s → 400 naming the problem', async (_case, list, problem) => {
    const response = await putContacts(id, list());
    expect(response.status).toBe(400);
    expect((await readJson(response)).error.message).toContain(problem);
    expect(await contactsOf(id)).toEqual(contacts);
  });

  test('details: an unknown sector or no field → 400', async () => {
    for (const body of [{ sector: 'space' }, {}, { name: '!!' }]) {
      const response = await patch(id, body);
      expect(response.status).toBe(400);
    }
    expect((await actors.journey(id)).sector).toBe('work');
  });

  test('a withdrawn partner → 409 naming the problem', async () => {
    const gone = await actors.onboard('Gestopt');
    const response = await system.staffFetch(`/api/partners/${gone}/withdraw`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'Stopt ermee.' }),
    });
    expect(response.status).toBe(200);
    const before = await contactsOf(gone);
    for (const refused of [await putContacts(gone, before), await patch(gone, { sector: 'care' })]) {
      expect(refused.status).toBe(409);
      expect((await readJson(refused)).error).toMatchObject({
        code: 'partner_withdrawn',
        message: expect.stringContaining('has withdrawn'),
      });
    }
    expect(await contactsOf(gone)).toEqual(before);
  });

  test('an erased partner → 409 naming the problem', async () => {
    const erased = await actors.onboard('Gewist');
    const response = await system.staffFetch(`/api/partners/${erased}/erase`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'Vraag tot wissing.' }),
    });
    expect(response.status).toBe(200);
    const refused = await putContacts(erased, [
      { name: 'Iemand', email: 'iemand@gewist.example', role: 'coordinator' },
    ]);
    expect(refused.status).toBe(409);
    expect((await readJson(refused)).error).toMatchObject({ code: 'partner_erased' });
    expect((await patch(erased, { name: 'Gewist bis' })).status).toBe(409);
    expect((await actors.journey(erased)).name).toBe('Gewist');
  });

  test('an unknown partner → 404', async () => {
    expect((await patch('nobody', { sector: 'care' })).status).toBe(404);
    expect((await putContacts('nobody', contacts)).status).toBe(404);
  });
});
