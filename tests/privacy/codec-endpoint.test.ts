import { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { journeyWorkflowId } from '../../domain/workflow-ids';
import { toRemotePayloads, type RemotePayload } from '../../api/codec/remote-codec-format';
import { keyIdMetadata, PartnerPayloadCodec } from '../../privacy/payload-codec';
import { readJson } from '../support/http';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * The codec endpoint the Temporal UI and CLI decode histories with (README, "Reading histories"):
 * administrators only, from the app's own origin only (the UI is served there), the remote-codec
 * JSON format; it decodes and refuses to encode.
 */
let system: TestSystem;
let adminCookie: string;
let staffCookie: string;
beforeAll(async () => {
  system = await startTestSystem();
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

/** As a worker encodes (the endpoint itself no longer encodes). */
const encrypted = async (value: unknown) =>
  toRemotePayloads(await new PartnerPayloadCodec(system.dataKeys).encode([defaultPayloadConverter.toPayload(value)]));

test('an administrator decodes what the codec encoded', async () => {
  const body = await encrypted({ name: 'Hilde' });
  expect(Buffer.from(body.payloads[0]!.data, 'base64').toString()).not.toContain('Hilde');
  const decoded = await codec('decode', body, bearer());
  expect(decoded.status).toBe(200);
  expect(valuesOf(await readJson(decoded))).toEqual([{ name: 'Hilde' }]);
  // Payloads written before the codec come back as they are.
  expect(valuesOf(await readJson(await codec('decode', plain('old'), bearer())))).toEqual(['old']);
});

test('encode is refused to everyone, administrators too: what it encoded would escape erasure', async () => {
  const callers: Record<string, string>[] = [bearer(), { cookie: adminCookie, origin: system.url }, {}];
  for (const headers of callers) {
    const response = await codec('encode', plain({ name: 'Hilde' }), headers);
    expect(response.status).toBe(403);
    const body = await readJson(response);
    expect(body.error.code).toBe('encode_refused');
    expect(JSON.stringify(body)).not.toContain(Buffer.from(JSON.stringify({ name: 'Hilde' })).toString('base64'));
  }
});

test("a journey's stored input decodes through the endpoint, as the UI shows it", async () => {
  const id = await new Actors(system).onboard('Codec Punt');
  const raw = new Client({ connection: system.temporal.connection, namespace: system.config.temporal.namespace });
  const history = await raw.workflow.getHandle(journeyWorkflowId(id)).fetchHistory();
  const input = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
  expect(Buffer.from(input[0]!.metadata![keyIdMetadata]!).toString()).toBe(`${id}.1`);
  const decoded = await codec('decode', toRemotePayloads(input), { cookie: adminCookie, origin: system.url });
  expect(decoded.status).toBe(200);
  expect(JSON.stringify(valuesOf(await readJson(decoded)))).toContain(id);
});

test('without credentials 401, as staff 403: only administrators read histories', async () => {
  const anonymous = await codec('decode', plain('x'));
  expect(anonymous.status).toBe(401);
  expect((await readJson(anonymous)).error.code).toBe('unauthenticated');
  const staff = await codec('decode', plain('x'), { cookie: staffCookie, origin: system.url });
  expect(staff.status).toBe(403);
  expect((await readJson(staff)).error.code).toBe('forbidden');
  expect((await codec('decode', plain('x'), { authorization: 'Bearer wrong' })).status).toBe(401);
});

test("a page of another origin cannot use an administrator's session, and no CORS header lets it read", async () => {
  const other = 'http://localhost:8233'; // where the UI once had its own origin
  const preflight = await fetch(`${system.url}/codec/decode`, {
    method: 'OPTIONS',
    headers: { origin: other, 'access-control-request-method': 'POST' },
  });
  expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  const fromOther = await codec('decode', plain('x'), { cookie: adminCookie, origin: other });
  expect(fromOther.status).toBe(403);
  expect((await readJson(fromOther)).error.code).toBe('cross_origin');
  expect(fromOther.headers.get('access-control-allow-origin')).toBeNull();
  const sameOrigin = await codec('decode', plain('x'), { cookie: adminCookie, origin: system.url });
  expect(sameOrigin.status).toBe(200);
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
  const payload = (await encrypted('x')).payloads[0]!;
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
