import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * What the app hands the Temporal UI server when it serves the UI (api/temporal-ui/proxy.ts): the
 * request, never the administrator's credentials. A recording HTTP server stands in for the UI
 * server, so every header that reaches it can be read.
 */
let system: TestSystem;
let upstream: Server;
const received: IncomingHttpHeaders[] = [];
beforeAll(async () => {
  upstream = createServer((request, response) => {
    received.push(request.headers);
    response.setHeader('content-type', 'text/html');
    response.end('<p>the UI</p>');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as AddressInfo;
  system = await startTestSystem({ TEMPORAL_UI_UPSTREAM: `http://127.0.0.1:${port}` });
});
afterAll(async () => {
  await system?.stop();
  await new Promise((resolve) => upstream?.close(resolve));
});

async function adminSession(): Promise<string> {
  const email = 'proxy-admin@integratiepact.example';
  const password = 'een lang wachtwoord';
  const created = await system.staffFetch('/api/users', {
    method: 'POST',
    body: JSON.stringify({ email, name: 'Proxy admin', role: 'admin', password }),
  });
  expect(created.status).toBe(201);
  const login = await fetch(`${system.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: system.url },
    body: JSON.stringify({ email, password }),
  });
  return login.headers.get('set-cookie')!.split(';')[0]!;
}

test("the UI server gets the UI's own cookies, never the staff session cookie or a bearer token", async () => {
  const session = await adminSession();
  const bySession = await fetch(`${system.url}/temporal/namespaces/default/workflows`, {
    headers: { cookie: `${session}; _csrf=from-the-ui` },
  });
  expect(bySession.status).toBe(200);
  expect(await bySession.text()).toBe('<p>the UI</p>');
  const byToken = await fetch(`${system.url}/temporal/api/v1/settings`, {
    headers: { authorization: `Bearer ${system.apiToken}` },
  });
  expect(byToken.status).toBe(200);

  expect(received.map((headers) => [headers.cookie, headers.authorization])).toEqual([
    ['_csrf=from-the-ui', undefined],
    [undefined, undefined],
  ]);
});

test("the UI's pages may run their own scripts and talk to this origin only", async () => {
  const response = await fetch(`${system.url}/temporal/`, {
    headers: { authorization: `Bearer ${system.apiToken}` },
  });
  const policy = response.headers.get('content-security-policy') ?? '';
  expect(policy).toContain("script-src 'self' 'unsafe-inline'");
  expect(policy).toContain("connect-src 'self'");
  expect(policy).toContain("frame-ancestors 'none'");
});

test('an odd address is passed on or refused with 400, never a 500 (random-input seed 818362747)', async () => {
  for (const path of [
    '/temporal/[]?stage=%zz&stage=%F0%9F%98%80&x=toevalstreffer',
    '/temporal/?q=1e309&lang=%FF%FE&period=[]',
    '/temporal/true?refused=%&period=%F0%9F%98%80',
  ]) {
    const response = await fetch(`${system.url}${path}`, {
      headers: { authorization: `Bearer ${system.apiToken}`, accept: 'application/json' },
    });
    expect([path, [200, 400].includes(response.status) ? 'passed on or refused' : response.status]).toEqual([
      path,
      'passed on or refused',
    ]);
  }
});
