import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { journeyWorkflowId } from '../../domain/workflow-ids';
import { toRemotePayloads } from '../../api/codec/remote-codec-format';
import { PartnerErased, postgresDataKeys } from '../../privacy/data-keys';
import { readJson } from '../support/http';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * Erasing a partner's personal data (docs/privacy.md, "Erasure"), end to end on the real server:
 * its workflows end, its people's fields in Postgres are gone, its key is deleted, so its histories
 * decode to "[erased]"; another partner decodes as before; a second call changes nothing.
 */
let system: TestSystem;
let actors: Actors;
let raw: Client;
beforeAll(async () => {
  system = await startTestSystem();
  actors = new Actors(system);
  raw = new Client({ connection: system.temporal.connection, namespace: system.config.temporal.namespace });
});
afterAll(() => system?.stop());

const erase = (
  id: string,
  body: unknown = { reason: 'Verzoek tot verwijdering van de contactpersonen.' },
  token?: string,
) =>
  fetch(`${system.url}/api/partners/${id}/erase`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token ?? system.apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const startInput = async (id: string) =>
  (await raw.workflow.getHandle(journeyWorkflowId(id)).fetchHistory()).events![0]!
    .workflowExecutionStartedEventAttributes!.input!.payloads! as Payload[];
const decode = async (payloads: Payload[]) => {
  const response = await system.staffFetch('/codec/decode', {
    method: 'POST',
    body: JSON.stringify(toRemotePayloads(payloads)),
  });
  expect(response.status).toBe(200);
  return (await readJson(response)).payloads.map((p: { data: string }) =>
    JSON.parse(Buffer.from(p.data, 'base64').toString()),
  );
};
const status = async (workflowId: string) => (await raw.workflow.getHandle(workflowId).describe()).status.name;

test("erasing a partner ends its workflows, deletes its people's data and its key; another partner is untouched", async () => {
  const [a, b] = await Promise.all([actors.onboard('Wissen Een'), actors.onboard('Wissen Twee')]);
  const who = actors.addresses(a);
  await actors.expectOk(actors.answer(who.coordinator, { ...intentAnswer, summary: 'Groeten, Hilde' }));
  await actors.nextEmail(who.staff, /Wissen Een/i); // the review request is pending
  const [inputA, inputB] = await Promise.all([startInput(a), startInput(b)]);

  expect((await erase('nobody-at-all')).status).toBe(404);
  expect((await erase(a, {})).status).toBe(400);

  const response = await erase(a);
  expect(response.status).toBe(200);
  const body = await readJson(response);
  expect(body).toMatchObject({ id: a, alreadyErased: false });
  expect(body.workflowsEnded).toContain(journeyWorkflowId(a));

  // Its workflows are closed; the other partner's journey runs on.
  expect(await status(journeyWorkflowId(a))).not.toBe('RUNNING');
  const requests = await system.db.selectFrom('requests').selectAll().where('partner_id', '=', a).execute();
  for (const request of requests) expect(await status(request.workflow_id)).not.toBe('RUNNING');
  expect(await status(journeyWorkflowId(b))).toBe('RUNNING');

  // Postgres: no name, address or comment of its people is left; the organisation stays.
  const contacts = await system.db.selectFrom('contacts').selectAll().where('partner_id', '=', a).execute();
  expect(contacts.map((c) => c.name)).toEqual(contacts.map(() => '[erased]'));
  expect(contacts.some((c) => c.email.includes(a))).toBe(false);
  expect(requests.map((r) => [r.recipient_name, r.recipient_email])).toEqual(
    requests.map(() => ['[erased]', '[erased]']),
  );
  expect(JSON.stringify(requests.map((r) => r.answer))).not.toContain('Hilde');
  expect(await system.db.selectFrom('written_texts').selectAll().where('partner_id', '=', a).execute()).toEqual([]);
  const outbox = await system.db.selectFrom('email_outbox').selectAll().execute();
  expect(JSON.stringify(outbox)).not.toContain(`@${a}.example`);
  expect(JSON.stringify(outbox)).toContain(`@${b}.example`);
  const events = await system.db.selectFrom('journey_events').selectAll().where('partner_id', '=', a).execute();
  expect(events.every((e) => e.summary === '[erased]' && JSON.stringify(e.data) === '{}')).toBe(true);
  expect(await system.db.selectFrom('partners').select('id').where('id', '=', a).executeTakeFirst()).toEqual({ id: a });
  const audit = await system.db.selectFrom('erasures').selectAll().where('partner_id', '=', a).execute();
  expect(audit).toEqual([expect.objectContaining({ partner_id: a, erased_by: 'token:bootstrap' })]);
  expect(audit[0]!.completed_at).toBeInstanceOf(Date);

  // Temporal: its payloads decode to the placeholder; the other partner's as before.
  expect(await decode(inputA)).toEqual(['[erased]']);
  expect(JSON.stringify(await decode(inputB))).toContain(b);
  // No process makes or uses a key for it any more: this one, nor a fresh one (another worker).
  await expect(system.dataKeys.forEncoding(a)).rejects.toThrow(PartnerErased);
  await expect(postgresDataKeys(system.db, system.config.masterKey!).forEncoding(a)).rejects.toThrow(PartnerErased);

  // Again: 200, nothing more happens.
  const again = await erase(a);
  expect(again.status).toBe(200);
  expect(await readJson(again)).toMatchObject({ id: a, alreadyErased: true, workflowsEnded: [] });
  expect(await system.db.selectFrom('erasures').select('id').where('partner_id', '=', a).execute()).toHaveLength(1);
});

test('an erasure that stopped half-way is finished by the next call', async () => {
  const c = await actors.onboard('Wissen Drie');
  await actors.nextEmail(actors.addresses(c).coordinator);
  // As if a first call had written its audit row and withdrawn the journey, then crashed.
  await system.db.insertInto('erasures').values({ partner_id: c, erased_by: 'cli', reason: 'eerste poging' }).execute();
  await raw.workflow.getHandle(journeyWorkflowId(c)).terminate('crashed erasure, first half');

  const response = await erase(c);
  expect(response.status).toBe(200);
  expect(await readJson(response)).toMatchObject({ id: c, alreadyErased: false });
  const audit = await system.db.selectFrom('erasures').selectAll().where('partner_id', '=', c).execute();
  expect(audit).toHaveLength(1);
  expect(audit[0]!.completed_at).toBeInstanceOf(Date);
  const contacts = await system.db.selectFrom('contacts').select('name').where('partner_id', '=', c).execute();
  expect(contacts.every((x) => x.name === '[erased]')).toBe(true);
  await expect(system.dataKeys.forEncoding(c)).rejects.toThrow(PartnerErased);
});

test('a journey that takes no Update (no worker on its queue) is terminated, and the erasure finishes', async () => {
  const e = await actors.onboard('Wissen Vijf');
  await actors.nextEmail(actors.addresses(e).coordinator);
  // The same journey id on a task queue no worker polls: its withdrawal Update would wait for ever.
  await raw.workflow.getHandle(journeyWorkflowId(e)).terminate('moved to a queue without a worker');
  await raw.workflow.start('partnerJourney', {
    workflowId: journeyWorkflowId(e),
    taskQueue: `no-worker-${e}`,
    args: [],
  });

  const response = await erase(e);
  expect(response.status).toBe(200);
  expect(await readJson(response)).toMatchObject({ id: e, alreadyErased: false });
  expect(await status(journeyWorkflowId(e))).toBe('TERMINATED');
  await expect(system.dataKeys.forEncoding(e)).rejects.toThrow(PartnerErased);
}, 60_000);

test('only administrators erase', async () => {
  const created = await system.staffFetch('/api/users', {
    method: 'POST',
    body: JSON.stringify({
      email: 'wissen@integratiepact.example',
      name: 'W',
      role: 'staff',
      password: 'een lang wachtwoord',
    }),
  });
  expect(created.status).toBe(201);
  const login = await fetch(`${system.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: system.url },
    body: JSON.stringify({ email: 'wissen@integratiepact.example', password: 'een lang wachtwoord' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const asStaff = await fetch(`${system.url}/api/partners/anyone/erase`, {
    method: 'POST',
    headers: { cookie, origin: system.url, 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'geen recht' }),
  });
  expect(asStaff.status).toBe(403);
  expect((await erase('anyone', { reason: 'geen token' }, 'wrong-token')).status).toBe(401);
});

test('npm run pact -- partner erase <id> --reason … does the same from the shell', async () => {
  const d = await actors.onboard('Wissen Vier');
  await actors.nextEmail(actors.addresses(d).coordinator);
  // Asynchronously: the API and the worker this command talks to run in this process.
  const pact = (...args: string[]) =>
    new Promise<{ status: number | null; stderr: string }>((done, fail) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'cli/pact.ts', ...args], {
        cwd: resolve(__dirname, '../..'),
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...system.env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', fail);
      child.on('close', (status) => done({ status, stderr }));
    });
  const addUser = async (email: string, role: string) => {
    const created = await system.staffFetch('/api/users', {
      method: 'POST',
      body: JSON.stringify({ email, name: 'Wisser', role, password: 'een lang wachtwoord' }),
    });
    expect(created.status).toBe(201);
    return ((await created.json()) as { user: { id: number } }).user.id;
  };
  const adminId = await addUser('wisser@integratiepact.example', 'admin');
  await addUser('kijker@integratiepact.example', 'staff');

  const byStaff = await pact('partner', 'erase', d, '--reason', 'x', '--by', 'kijker@integratiepact.example');
  expect(byStaff.status).toBe(1);
  expect(byStaff.stderr.trim()).toBe(
    'pact: Only an administrator may erase personal data; kijker@integratiepact.example is staff.',
  );
  expect(await status(journeyWorkflowId(d))).toBe('RUNNING');

  const by = ['--by', 'wisser@integratiepact.example'];
  const erased = await pact('partner', 'erase', d, '--reason', 'op vraag van de partner', ...by);
  expect({ status: erased.status, stderr: erased.stderr }).toEqual({
    status: 0,
    stderr: expect.stringContaining(`Erased the personal data of ${d}; workflows ended: ${journeyWorkflowId(d)}`),
  });
  expect(await status(journeyWorkflowId(d))).not.toBe('RUNNING');
  const audit = await system.db.selectFrom('erasures').selectAll().where('partner_id', '=', d).execute();
  expect(audit).toEqual([
    expect.objectContaining({ erased_by: `staff user ${adminId}`, reason: 'op vraag van de partner' }),
  ]);

  const unknown = await pact('partner', 'erase', 'nobody-at-all', '--reason', 'x', ...by);
  expect(unknown.status).toBe(1);
  expect(unknown.stderr.trim()).toBe('pact: There is no partner with id "nobody-at-all".');
  const noReason = await pact('partner', 'erase', d, ...by);
  expect(noReason.status).toBe(1);
  expect(noReason.stderr).toContain('--reason is required');
  const noBy = await pact('partner', 'erase', d, '--reason', 'x');
  expect(noBy.status).toBe(1);
  expect(noBy.stderr).toContain('--by is required');
});
