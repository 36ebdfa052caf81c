import { readJson } from '../support/http';
import { eventually } from '../support/eventually';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** A federation's member list: 500 rows, each onboarded or named with its line and problem. */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({ PACT_MAX_REMINDERS: '0', PACT_ESCALATE_AFTER: '1h', PACT_EXPIRE_AFTER: '2h' });
});
afterAll(() => system?.stop());

const importCsv = (csv: string, contentType = 'text/csv') =>
  system.staffFetch('/api/partners/import', { method: 'POST', headers: { 'content-type': contentType }, body: csv });

test('500 members: good rows become partners with journeys, bad rows are named with their line', async () => {
  const header = 'name,actorType,sector,language,coordinatorName,coordinatorEmail,signatoryName,signatoryEmail';
  const rows = Array.from(
    { length: 500 },
    (_, i) => `"Lid ${i + 1}, vzw",civil_society,work,nl,Coördinator ${i + 1},lid${i + 1}@federatie.example,,`,
  );
  rows[41] = 'Lid zonder mail,civil_society,work,nl,Jan,,,'; // line 43
  rows[99] = 'Lid met onbekende sector,civil_society,sport,nl,An,an@federatie.example,,'; // line 101
  const response = await importCsv([header, ...rows].join('\n'));
  expect(response.status).toBe(200);
  const { summary, rows: results } = await readJson(response);
  expect(summary).toEqual({ rows: 500, created: 498, exists: 0, invalid: 2, failed: 0 });
  expect(results.filter((r: { status: string }) => r.status === 'invalid')).toEqual([
    {
      line: 43,
      name: 'Lid zonder mail',
      status: 'invalid',
      error: expect.stringContaining('coordinatorEmail'),
      columns: ['coordinatorEmail'],
    },
    {
      line: 101,
      name: 'Lid met onbekende sector',
      status: 'invalid',
      error: expect.stringContaining('sector: must be one of'),
      columns: ['sector'],
    },
  ]);
  expect(results[0]).toEqual({ line: 2, name: 'Lid 1, vzw', status: 'created', id: 'lid-1-vzw' });
  expect(results.map((r: { line: number }) => r.line)).toEqual(rows.map((_, i) => i + 2)); // in line order, though rows go a few at once

  const partners = await system.db
    .selectFrom('partners')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  expect(Number(partners.n)).toBe(498);
  const journey = await system.temporal.workflow.getHandle('journey-lid-500-vzw').describe();
  expect(journey.status.name).toBe('RUNNING');
  // The import answers once every journey has started; their invitations follow at the workflows' pace.
  await system.mail.waitForMessage((m) => m.to.includes('lid500@federatie.example'), 240_000);

  // Importing the same list again creates nothing and says so per row.
  const again = await readJson(await importCsv([header, rows[0]].join('\n')));
  expect(again.rows).toEqual([
    {
      line: 2,
      name: 'Lid 1, vzw',
      status: 'exists',
      id: 'lid-1-vzw',
      error: expect.stringContaining('already exists'),
    },
  ]);
}, 400_000);

test('a member listed twice is created from its first line; the later lines say it exists', async () => {
  const header = 'name,actorType,sector,coordinatorName,coordinatorEmail';
  const lines = [
    'Dubbel Lid,market,work,Ann,ann@dubbel.example',
    'Ander Lid,market,work,Bert,bert@ander.example',
    'DUBBEL  LID,market,work,Cas,cas@dubbel.example',
    'dubbel lid,market,work,Dirk,dirk@dubbel.example',
  ];
  const { rows } = await readJson(await importCsv([header, ...lines].join('\n')));
  expect(rows.map((r: { line: number; status: string }) => `${r.line} ${r.status}`)).toEqual([
    '2 created',
    '3 created',
    '4 exists',
    '5 exists',
  ]);
  const contacts = await system.db
    .selectFrom('contacts')
    .select('email')
    .where('partner_id', '=', 'dubbel-lid')
    .execute();
  expect(contacts).toEqual([{ email: 'ann@dubbel.example' }]);
});

test('a file that is not CSV of members is refused as a whole', async () => {
  const noHeader = await importCsv('just,some,words\n1,2,3');
  expect(noHeader.status).toBe(400);
  expect((await readJson(noHeader)).error.message).toContain(
    'missing: name, actorType, sector, coordinatorName, coordinatorEmail',
  );
  const json = await importCsv('{"name":"x"}', 'application/json');
  expect(json.status).toBe(415);
});

test("the staff page's upload: a CSV file in a multipart form is imported; a form the parser cannot read is refused", async () => {
  const csv = [
    'name,actorType,sector,language,coordinatorName,coordinatorEmail,signatoryName,signatoryEmail',
    'Geüpload lid,civil_society,work,nl,Coördinator Upload,upload@federatie.example,,',
  ].join('\n');
  const form = new FormData();
  form.append('csv', new Blob([csv], { type: 'text/csv' }), 'leden.csv');
  form.append('csvText', '');
  // The body and its boundary as a browser would send them.
  const encoded = new Request('http://form.invalid', { method: 'POST', body: form });
  const upload = await system.staffFetch('/staff/imports', {
    method: 'POST',
    headers: { 'content-type': encoded.headers.get('content-type')! },
    body: await encoded.arrayBuffer(),
    redirect: 'manual',
  });
  expect(upload.status).toBe(303);
  const jobPage = upload.headers.get('location')!;
  expect(jobPage).toMatch(/^\/staff\/imports\/[A-Za-z0-9_-]+$/);
  await eventually(async () => expect(await (await system.staffFetch(`${jobPage}?lang=en`)).text()).toContain('Done.'));
  const partner = await system.db
    .selectFrom('partners')
    .select('name')
    .where('id', '=', 'geupload-lid')
    .executeTakeFirst();
  expect(partner?.name).toBe('Geüpload lid');

  const partners = () =>
    system.db
      .selectFrom('partners')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
  const before = await partners();
  const cut = await system.staffFetch('/staff/imports', {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data; boundary=cut' },
    body: `--cut\r\ncontent-disposition: form-data; name="csv"; filename="a.csv"\r\n\r\n${csv}`,
  });
  expect(cut.status).toBe(400);
  expect(await cut.text()).toContain('The form could not be read');
  expect(await partners()).toEqual(before);
});
