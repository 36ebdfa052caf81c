import { payloadsForAdminsOnly } from '../../features/partners/export';
import { createApiToken } from '../../auth/users';
import { addUser } from '../auth/support';
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

/** Issue 22, item 4: decoded payloads are for administrators only, and every read is recorded. */
describe('who reads decoded payloads', () => {
  const asRole = async (role: 'staff' | 'director' | 'admin') => {
    const user = await addUser(system.db, role);
    const { token } = await createApiToken(system.db, user.id, 'export test');
    return {
      user,
      fetch: (path: string, init: RequestInit = {}) =>
        fetch(`${system.url}${path}`, {
          ...init,
          headers: {
            authorization: `Bearer ${token}`,
            ...(init.body ? { 'content-type': 'application/json' } : {}),
            ...init.headers,
          },
        }),
    };
  };
  const readsBy = (readBy: string) =>
    system.db.selectFrom('payload_reads').selectAll().where('read_by', '=', readBy).orderBy('id').execute();

  test('staff and directors get the Postgres records but no decoded payload; an administrator gets them; each export is recorded', async () => {
    for (const role of ['staff', 'director'] as const) {
      const reader = await asRole(role);
      const response = await reader.fetch(`/api/partners/${id}/export`);
      expect(response.status).toBe(200);
      const data = await readJson(response);
      expect(JSON.stringify(data.writtenTexts)).toContain(intentAnswer.summary);
      expect(data.workflows.length).toBeGreaterThan(0);
      for (const workflow of data.workflows)
        expect(workflow).toEqual({ workflowId: workflow.workflowId, runs: [], missing: payloadsForAdminsOnly });
      const page = await (await reader.fetch(`/staff/partners/${id}/export?lang=en`)).text();
      expect(page).not.toContain('journey through the Integratiepact');
      expect(page).toContain(payloadsForAdminsOnly);
      const reads = await readsBy(`staff user ${reader.user.id}`);
      expect(reads).toEqual([
        expect.objectContaining({ action: 'export', partner_id: id, contact_id: null, payloads: 0, decoded: false }),
        expect.objectContaining({ action: 'export', partner_id: id, payloads: 0, decoded: false }),
      ]);
      expect((await reader.fetch('/api/payload-reads')).status).toBe(403);
    }

    const admin = await asRole('admin');
    const data = await readJson(await admin.fetch(`/api/partners/${id}/export`));
    expect(JSON.stringify(data.workflows)).toContain('Inzage: journey through the Integratiepact');
    const [read] = await readsBy(`staff user ${admin.user.id}`);
    expect(read).toMatchObject({ action: 'export', partner_id: id, decoded: true });
    expect(read!.payloads).toBeGreaterThan(0);
    expect(read!.read_at).toBeInstanceOf(Date);
  });

  test('every use of the codec endpoint is recorded, and administrators can list the reads', async () => {
    const admin = await asRole('admin');
    const payloads = {
      payloads: [
        {
          metadata: { encoding: Buffer.from('json/plain').toString('base64') },
          data: Buffer.from('"x"').toString('base64'),
        },
      ],
    };
    expect((await admin.fetch('/codec/decode', { method: 'POST', body: JSON.stringify(payloads) })).status).toBe(200);
    // Refused encodes read nothing and are not recorded (tests/privacy/codec-endpoint.test.ts).
    expect((await admin.fetch('/codec/encode', { method: 'POST', body: JSON.stringify(payloads) })).status).toBe(403);
    const reads = await readsBy(`staff user ${admin.user.id}`);
    expect(reads.map((r) => [r.action, r.payloads, r.decoded])).toEqual([['codec_decode', 1, true]]);
    await readJson(await admin.fetch(`/api/partners/${id}/export`));
    const listed = await readJson(await admin.fetch('/api/payload-reads?limit=1'));
    expect(listed.reads.map((r: { action: string }) => r.action)).toEqual(['export']);
  });
});

test('a contact’s export compares whole addresses: an@… is not jan@…', async () => {
  const ansjan = await actors.onboard('Ansjan', {
    contacts: [
      { name: 'Jan', email: 'jan@ansjan.example', role: 'coordinator' },
      { name: 'An', email: 'an@ansjan.example', role: 'signatory' },
    ],
  });
  await actors.nextEmail('jan@ansjan.example');
  const an = (await readJson(await system.staffFetch(`/api/partners/${ansjan}/export`))).contacts.find(
    (c: { role: string }) => c.role === 'signatory',
  );
  const data = await readJson(await system.staffFetch(`/api/partners/${ansjan}/export?contact=${an.id}`));
  expect(data.requests).toEqual([]);
  expect(data.emails).toEqual([]);
  expect(data.writtenTexts).toEqual([]);
  expect(JSON.stringify(data)).not.toContain('jan@ansjan.example');
});
