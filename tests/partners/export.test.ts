import { readJson } from '../support/http';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * A partner's data on request (inzage, README "Keeping a partner's record true"): everything held
 * about the partner or one contact, the workflows' payloads decoded, and nothing of another partner.
 */
let system: TestSystem;
let actors: Actors;
let id: string;
let neighbour: string;
beforeAll(async () => {
  system = await startTestSystem();
  actors = new Actors(system);
  [id, neighbour] = [await actors.onboard('Inzage'), await actors.onboard('Buurman')];
  await actors.expectOk(actors.answer(actors.addresses(id).coordinator, intentAnswer));
  await actors.nextEmail(system.config.staffEmail, /Inzage/);
  await actors.expectOk(actors.answer(actors.addresses(neighbour).coordinator, intentAnswer));
});
afterAll(() => system?.stop());

const exported = (query = '') => system.staffFetch(`/api/partners/${id}/export${query}`);

test('the export holds the partner’s records, emails, written texts and decoded workflows, and nothing of another partner', async () => {
  const response = await exported();
  expect(response.status).toBe(200);
  expect(response.headers.get('content-disposition')).toMatch(
    /^attachment; filename="inzage-\d{4}-\d{2}-\d{2}\.json"$/,
  );
  const data = await readJson(response);
  expect(data.partner).toMatchObject({ id, name: 'Inzage' });
  expect(data.contacts.map((c: { email: string }) => c.email).sort()).toEqual(
    [actors.addresses(id).coordinator, actors.addresses(id).signatory].sort(),
  );
  expect(data.journey).toMatchObject({ partner_id: id, workflow_id: `journey-${id}` });
  expect(data.requests.map((r: { kind: string }) => r.kind)).toEqual(['intent', 'signoff']);
  expect(data.requests[0]).not.toHaveProperty('token_hash');
  expect(data.emails.map((m: { to_address: string }) => m.to_address)).toContain(actors.addresses(id).coordinator);
  expect(data.emails[0].text_body).toContain('Inzage');
  expect(JSON.stringify(data.writtenTexts)).toContain(intentAnswer.summary);
  expect(data.timeline.map((e: { type: string }) => e.type)).toContain('journey_started');

  // The workflows, decoded through the API's codec: the journey and its requests, with what they carry.
  const workflowIds = data.workflows.map((w: { workflowId: string }) => w.workflowId);
  expect(workflowIds).toEqual(
    expect.arrayContaining([`journey-${id}`, ...data.requests.map((r: { workflow_id: string }) => r.workflow_id)]),
  );
  const journey = data.workflows.find((w: { workflowId: string }) => w.workflowId === `journey-${id}`);
  const started = journey.runs[0].events.find(
    (e: { type: string }) => e.type === 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
  );
  expect(started.payloads).toContainEqual(
    expect.objectContaining({
      partner: expect.objectContaining({ id, name: 'Inzage' }),
      coordinator: expect.objectContaining({ role: 'coordinator' }),
    }),
  );
  expect(started.payloads).toContain('Inzage: journey through the Integratiepact');
  expect(JSON.stringify(data.workflows)).not.toContain('binary/encrypted');

  // Nothing of the neighbour: not its id, its contacts, its texts or its workflows.
  expect(JSON.stringify(data).toLowerCase()).not.toContain(neighbour);
});

test('about one contact: only what concerns them', async () => {
  const all = await readJson(await exported());
  const signatory = all.contacts.find((c: { role: string }) => c.role === 'signatory');
  const data = await readJson(await exported(`?contact=${signatory.id}`));
  expect(data.about).toEqual({ partnerId: id, contactId: signatory.id });
  expect(data.contacts).toEqual([signatory]);
  expect(data.requests).toEqual([]); // nothing was asked of the signatory yet
  expect(JSON.stringify(data)).not.toContain(actors.addresses(id).coordinator);

  expect((await exported('?contact=999999')).status).toBe(404);
  expect((await exported('?contact=abc')).status).toBe(400);
  expect((await system.staffFetch('/api/partners/nobody/export')).status).toBe(404);
});

test('the printable page shows the same, in the reader’s language, with the file to download', async () => {
  const page = await (await system.staffFetch(`/staff/partners/${id}/export?lang=en`)).text();
  expect(page).toContain('Access request: Inzage');
  expect(page).toContain(`href="/api/partners/${id}/export"`);
  expect(page).toContain(actors.addresses(id).coordinator);
  expect(page).toContain(`journey-${id}`);
  expect(page.toLowerCase()).not.toContain(neighbour);
  const partnerPage = await (await system.staffFetch(`/staff/partners/${id}?lang=en`)).text();
  expect(partnerPage).toContain(`href="/staff/partners/${id}/export"`);
});
