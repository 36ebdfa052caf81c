import { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { journeyWorkflowId } from '../../domain/workflow-ids';
import { toRemotePayloads, type RemotePayload } from '../../api/codec/remote-codec-format';
import { keyIdMetadata } from '../../privacy/payload-codec';
import { readJson } from '../support/http';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * The codec endpoint the Temporal UI and CLI decode histories with (README, "Reading histories"):
 * administrators only, CORS for the UI's own origin only, the remote-codec JSON format.
 */
let system: TestSystem;
let uiOrigin: string;
let adminCookie: string;
let staffCookie: string;
beforeAll(async () => {
  system = await startTestSystem({ TEMPORAL_UI_URL: 'http://localhost:8233' });
  uiOrigin = 'http://localhost:8233';
  adminCookie = await account('admin');
  staffCookie = await account('staff');
});
afterAll(() => system?.stop());

async function account(role: 'admin' | 'staff'): Promise<string> {
  const email = `codec-${role}@integratiepact.example`;
  const created = await system.staffFetch('/api/users', {
    method: 'POST',
    body: JSON.stringify({ email, name: `Codec ${role}`, role, password: 'een lang wachtwoord' }),
  });
  expect(created.status).toBe(201);
  const login = await fetch(`${system.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: system.url },
    body: JSON.stringify({ email, password: 'een lang wachtwoord' }),
  });
  expect(login.status).toBe(200);
  return login.headers.get('set-cookie')!.split(';')[0]!;
}

const codec = (path: 'decode' | 'encode', body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${system.url}/codec/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const bearer = () => ({ authorization: `Bearer ${system.apiToken}` });
const plain = (value: unknown) => toRemotePayloads([defaultPayloadConverter.toPayload(value)]);
const valuesOf = (body: { payloads: RemotePayload[] }) =>
  body.payloads.map((p) =>
    defaultPayloadConverter.fromPayload({
      metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
      data: Buffer.from(p.data, 'base64'),
    }),
  );

test('an administrator encodes and decodes: a round trip gives the payloads back', async () => {
  const encoded = await codec('encode', plain({ name: 'Hilde' }), bearer());
  expect(encoded.status).toBe(200);
  const body = await readJson(encoded);
  expect(Buffer.from(body.payloads[0].data, 'base64').toString()).not.toContain('Hilde');
  const decoded = await codec('decode', body, bearer());
  expect(decoded.status).toBe(200);
  expect(valuesOf(await readJson(decoded))).toEqual([{ name: 'Hilde' }]);
  // Payloads written before the codec come back as they are.
  expect(valuesOf(await readJson(await codec('decode', plain('old'), bearer())))).toEqual(['old']);
});

test("a journey's stored input decodes through the endpoint, as the UI shows it", async () => {
  const id = await new Actors(system).onboard('Codec Punt');
  const raw = new Client({ connection: system.temporal.connection, namespace: system.config.temporal.namespace });
  const history = await raw.workflow.getHandle(journeyWorkflowId(id)).fetchHistory();
  const input = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
  expect(Buffer.from(input[0]!.metadata![keyIdMetadata]!).toString()).toBe(`${id}.1`);
  const decoded = await codec('decode', toRemotePayloads(input), { cookie: adminCookie, origin: uiOrigin });
  expect(decoded.status).toBe(200);
  expect(JSON.stringify(valuesOf(await readJson(decoded)))).toContain(id);
});

test('without credentials 401, as staff 403: only administrators read histories', async () => {
  const anonymous = await codec('decode', plain('x'));
  expect(anonymous.status).toBe(401);
  expect((await readJson(anonymous)).error.code).toBe('unauthenticated');
  const staff = await codec('decode', plain('x'), { cookie: staffCookie, origin: uiOrigin });
  expect(staff.status).toBe(403);
  expect((await readJson(staff)).error.code).toBe('forbidden');
  expect((await codec('decode', plain('x'), { authorization: 'Bearer wrong' })).status).toBe(401);
});

test("CORS: the Temporal UI's origin may call with credentials; no other origin", async () => {
  const preflight = await fetch(`${system.url}/codec/decode`, {
    method: 'OPTIONS',
    headers: {
      origin: uiOrigin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-namespace',
    },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(uiOrigin);
  expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
  expect(preflight.headers.get('access-control-allow-headers')).toContain('x-namespace');

  const fromUi = await codec('decode', plain('x'), { cookie: adminCookie, origin: uiOrigin });
  expect(fromUi.status).toBe(200);
  expect(fromUi.headers.get('access-control-allow-origin')).toBe(uiOrigin);

  const evil = 'https://evil.example';
  const evilPreflight = await fetch(`${system.url}/codec/decode`, {
    method: 'OPTIONS',
    headers: { origin: evil, 'access-control-request-method': 'POST' },
  });
  expect(evilPreflight.headers.get('access-control-allow-origin')).toBeNull();
  const fromEvil = await codec('decode', plain('x'), { cookie: adminCookie, origin: evil });
  expect(fromEvil.status).toBe(403);
  expect(fromEvil.headers.get('access-control-allow-origin')).toBeNull();
});

test.each([
  ['not JSON', '{"payloads": [', 'invalid_body'],
  ['not an object', '[1, 2]', 'invalid_codec_request'],
  ['no payloads array', { payloads: 'all of them' }, 'invalid_codec_request'],
  ['data not base64', { payloads: [{ metadata: {}, data: '***' }] }, 'invalid_codec_request'],
  ['metadata not base64', { payloads: [{ metadata: { encoding: 12 }, data: '' }] }, 'invalid_codec_request'],
])('a malformed body (%s) is a 400 that says what to send', async (_what, body, code) => {
  const response = await codec('decode', body, bearer());
  expect(response.status).toBe(400);
  expect((await readJson(response)).error.code).toBe(code);
});

test.each([
  ['an unknown key id', 'nobody-here.3'],
  ['a malformed key id', '../../etc'],
])('%s is a 400', async (_what, keyId) => {
  const [payload] = (await readJson(await codec('encode', plain('x'), bearer()))).payloads;
  payload.metadata[keyIdMetadata] = Buffer.from(keyId).toString('base64');
  const response = await codec('decode', { payloads: [payload] }, bearer());
  expect(response.status).toBe(400);
  expect((await readJson(response)).error.code).toBe('unknown_data_key');
});

test('another namespace is a 400; none, or an empty one (the temporal CLI), is this one', async () => {
  expect((await codec('decode', plain('x'), { ...bearer(), 'x-namespace': '' })).status).toBe(200);
  const response = await codec('decode', plain('x'), { ...bearer(), 'x-namespace': 'elsewhere' });
  expect(response.status).toBe(400);
  expect((await readJson(response)).error.code).toBe('wrong_namespace');
});
