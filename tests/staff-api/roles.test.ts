import { readJson } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** Staff routes: no credentials → 401; the wrong role → 403; staff accounts from the admin API. */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(() => system?.stop());

async function signIn(email: string, password: string): Promise<string> {
  const response = await fetch(`${system.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: system.url },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

test('an administrator creates staff accounts; staff may do staff work but not manage users', async () => {
  const created = await system.staffFetch('/api/users', {
    method: 'POST',
    body: JSON.stringify({
      email: 'Els@Integratiepact.example',
      name: 'Els',
      role: 'staff',
      password: 'een lang wachtwoord',
    }),
  });
  expect(created.status).toBe(201);
  expect((await readJson(created)).user).toMatchObject({ email: 'els@integratiepact.example', role: 'staff' });

  const cookie = await signIn('els@integratiepact.example', 'een lang wachtwoord');
  expect((await fetch(`${system.url}/api/partners`, { headers: { cookie } })).status).toBe(200);
  const forbidden = await fetch(`${system.url}/api/users`, { headers: { cookie } });
  expect(forbidden.status).toBe(403);
  expect((await readJson(forbidden)).error.code).toBe('forbidden');
});

test.each(['/api/partners', '/api/projects', '/api/monitoring/summary', '/api/reports.csv', '/api/users'])(
  '%s without credentials answers 401',
  async (path) => {
    const response = await fetch(`${system.url}${path}`);
    expect(response.status).toBe(401);
    expect((await readJson(response)).error.code).toBe('unauthenticated');
  },
);
