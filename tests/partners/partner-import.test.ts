import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../api/server';
import { partnerImportWorkflowId } from '../../domain/workflow-ids';
import { captureHistory } from '../support/history-fixtures';
import { eventually } from '../support/eventually';
import { readJson } from '../support/http';
import { Actors } from '../support/partner-actions';
import { contactAddresses } from '../support/onboarding-body';
import { startInProcessWorker, startTestSystem, type TestSystem } from '../support/test-system';
import { sharedServers } from '../support/shared-servers';

/**
 * Issue 27, point 1: a CSV import is kept in Postgres and run by the `partnerImport` workflow, so
 * an API instance that did not start it shows its progress and its end; the stored upload is
 * deleted when the import ends, and erasure reaches it while it is still stored. The worker runs
 * only when a test starts it, so an import waits in a known state until then.
 */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem(
    { PACT_MAX_REMINDERS: '0', PACT_ESCALATE_AFTER: '1h', PACT_EXPIRE_AFTER: '2h' },
    {
      worker: false,
    },
  );
  actors = new Actors(system);
});
afterAll(() => system?.stop());

const header = 'name,actorType,sector,language,coordinatorName,coordinatorEmail,signatoryName,signatoryEmail';
const line = (name: string, email: string) => `${name},civil_society,work,nl,Coördinator ${name},${email},,`;

/** A worker running until `run` ends: the import goes on only meanwhile. */
async function withWorker<T>(run: () => Promise<T>): Promise<T> {
  const worker = await startInProcessWorker(
    sharedServers().temporalAddress,
    sharedServers().workflowBundlePath,
    system.db,
    system.dataKeys,
    system.config,
  );
  try {
    return await run();
  } finally {
    await worker.stop();
  }
}

/** An API app instance of its own (its own routes and memory) on the system's database and Temporal. */
async function apiInstance(): Promise<{ url: string; app: FastifyInstance }> {
  const app = await buildServer({
    config: system.config,
    db: system.db,
    temporal: system.temporal,
    dataKeys: system.dataKeys,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`, app };
}

const asStaff = (url: string, path: string, init: RequestInit = {}) =>
  fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${system.apiToken}`, ...init.headers } });

const importCsv = (url: string, csv: string, prefer?: string) =>
  asStaff(url, '/api/partners/import', {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(prefer ? { prefer } : {}) },
    body: csv,
  });

const storedRows = async (importId: string) =>
  (
    await system.db
      .selectFrom('partner_import_lines')
      .select(['line', 'record'])
      .where('import_id', '=', importId)
      .orderBy('line')
      .execute()
  ).map((row) => row.record);

test('an import started on one API instance shows its progress and its end on another, after the first stopped', async () => {
  const names = ['Importherstart Alfa', 'Importherstart Beta', 'Importherstart Gamma'];
  const csv = [header, ...names.map((name) => line(name, `info@${name.split(' ')[1]!.toLowerCase()}.example`))].join(
    '\n',
  );
  const first = await apiInstance();
  const started = await importCsv(first.url, csv, 'respond-async');
  expect(started.status).toBe(202);
  const location = started.headers.get('location')!;
  expect(location).toMatch(/^\/api\/partners\/imports\/[0-9a-f-]{36}$/);
  const body = await readJson(started);
  expect(body).toMatchObject({ status: 'running', processed: 0, location, rows: [] });
  await first.app.close();

  const second = await apiInstance();
  try {
    const page = `/staff/imports/${body.id}?lang=en`;
    const waiting = await asStaff(second.url, page);
    expect(waiting.status).toBe(200);
    expect(waiting.headers.get('refresh')).toBe('1');
    expect(await waiting.text()).toContain('0 of 3');

    await withWorker(() =>
      eventually(async () => expect(await (await asStaff(second.url, page)).text()).toContain('Done.'), 60_000),
    );
    const done = await asStaff(second.url, page);
    expect(done.headers.get('refresh')).toBeNull();
    const text = await done.text();
    for (const name of names) expect(text).toContain(name);

    const report = await readJson(await asStaff(second.url, location));
    expect(report.summary).toEqual({ rows: 3, created: 3, exists: 0, invalid: 0, failed: 0 });
    expect(report.rows.map((r: { line: number; id: string }) => `${r.line} ${r.id}`)).toEqual([
      '2 importherstart-alfa',
      '3 importherstart-beta',
      '4 importherstart-gamma',
    ]);
    expect((await asStaff(second.url, '/api/partners/imports/not-an-import')).status).toBe(404);
  } finally {
    await second.app.close();
  }
  // The upload is deleted once every line has its result; the results stay.
  expect(await storedRows(body.id)).toEqual([null, null, null]);
}, 120_000);

test('importing the same file again reports each partner as existing and creates nothing', async () => {
  const csv = [
    header,
    line('Tweede Import Een', 'een@tweede.example'),
    line('Tweede Import Twee', 'twee@tweede.example'),
  ].join('\n');
  await withWorker(async () => {
    const first = await readJson(await importCsv(system.url, csv));
    expect(first.rows.map((r: { status: string }) => r.status)).toEqual(['created', 'created']);
    await captureHistory(system, partnerImportWorkflowId(first.id), 'partner-import-done');
    const again = await importCsv(system.url, csv);
    expect(again.status).toBe(200);
    const { summary, rows } = await readJson(again);
    expect(summary).toEqual({ rows: 2, created: 0, exists: 2, invalid: 0, failed: 0 });
    expect(rows).toEqual([
      {
        line: 2,
        name: 'Tweede Import Een',
        status: 'exists',
        id: 'tweede-import-een',
        error: expect.stringContaining('already exists'),
      },
      {
        line: 3,
        name: 'Tweede Import Twee',
        status: 'exists',
        id: 'tweede-import-twee',
        error: expect.stringContaining('already exists'),
      },
    ]);
  });
  const contacts = await system.db
    .selectFrom('contacts')
    .select('email')
    .where('partner_id', 'in', ['tweede-import-een', 'tweede-import-twee'])
    .orderBy('email')
    .execute();
  expect(contacts).toEqual([{ email: 'een@tweede.example' }, { email: 'twee@tweede.example' }]);
}, 120_000);

test("erasure reaches an upload still stored: the erased partner's lines lose their row, the others are imported", async () => {
  const erased = await actors.onboard('Wisbare Importpartner');
  const { coordinator } = contactAddresses('Wisbare Importpartner');
  const csv = [
    header,
    line('Wisbare Importpartner', 'nieuw@wisbaar.example'), // the erased partner, named again
    line('Buur Van Wisbare', coordinator), // another organisation, with the erased partner's coordinator
    line('Blijvende Importpartner', 'blijf@importpartner.example'),
  ].join('\n');
  const started = await readJson(await importCsv(system.url, csv, 'respond-async'));
  expect((await storedRows(started.id)).map((record) => record?.coordinatorEmail)).toEqual([
    'nieuw@wisbaar.example',
    coordinator,
    'blijf@importpartner.example',
  ]);

  const erasure = await asStaff(system.url, `/api/partners/${erased}/erase`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'Verzoek tot verwijdering.' }),
  });
  expect(erasure.status).toBe(200);
  expect((await storedRows(started.id)).map((record) => record?.coordinatorEmail ?? null)).toEqual([
    null,
    null,
    'blijf@importpartner.example',
  ]);

  const report = await withWorker(() =>
    eventually(async () => {
      const now = await readJson(await asStaff(system.url, `/api/partners/imports/${started.id}`));
      expect(now.status).toBe('done');
      return now;
    }, 60_000),
  );
  expect(report.rows.map((r: { line: number; status: string }) => `${r.line} ${r.status}`)).toEqual([
    '2 failed',
    '3 failed',
    '4 created',
  ]);
  expect(report.rows[0].error).toContain('erased');
  expect(await storedRows(started.id)).toEqual([null, null, null]);
  const buur = await system.db
    .selectFrom('partners')
    .select('id')
    .where('id', '=', 'buur-van-wisbare')
    .executeTakeFirst();
  expect(buur).toBeUndefined();
}, 120_000);

test('a file with a NUL byte is refused on the staff page with what to do, and nothing is stored', async () => {
  const imports = async () =>
    (
      await system.db
        .selectFrom('partner_imports')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  const before = await imports();
  const form = new FormData();
  form.append(
    'csv',
    new Blob([`${header}\n${line('Nul\u0000Byte', 'nul@byte.example')}`], { type: 'text/csv' }),
    'a.csv',
  );
  const encoded = new Request('http://form.invalid', { method: 'POST', body: form });
  const upload = await system.staffFetch('/staff/imports?lang=en', {
    method: 'POST',
    headers: { 'content-type': encoded.headers.get('content-type')! },
    body: await encoded.arrayBuffer(),
    redirect: 'manual',
  });
  expect(upload.status).toBe(400);
  expect(await upload.text()).toContain('The file contains a NUL byte; save it again as UTF-8 text (CSV).');
  expect(await imports()).toBe(before);
});
