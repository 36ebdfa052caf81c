import { addUser, ensureAuthTables } from '../auth/support';
import { readJson } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * The API behind the TLS proxy docs/deployment.md asks for (TRUST_PROXY): limits apply to each
 * real client, not to the proxy's one address, and one attacker cannot lock out staff.
 */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({
    TRUST_PROXY: '127.0.0.1',
    PACT_PAGE_RATE_LIMIT: '3',
    PUBLIC_URL: 'https://pact.example',
  });
});
afterAll(() => system?.stop());

const from = (client: string) => ({ 'x-forwarded-for': client });
const unknownLink = `/r/${'x'.repeat(43)}`;

it('limits partner-page requests per client address, as the proxy reports it', async () => {
  for (let i = 0; i < 3; i++)
    expect((await fetch(`${system.url}${unknownLink}`, { headers: from('203.0.113.1') })).status).toBe(404);
  const limited = await fetch(`${system.url}${unknownLink}`, { headers: from('203.0.113.1') });
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  // Another partner behind the same proxy is not affected.
  expect((await fetch(`${system.url}${unknownLink}`, { headers: from('203.0.113.2') })).status).toBe(404);
});

it('limits failed sign-ins per account and address: the account owner still signs in from elsewhere', async () => {
  const db = await ensureAuthTables(system.db);
  const [target, colleague] = [await addUser(db, 'staff'), await addUser(db, 'staff')];
  const login = (user: { email: string }, password: string, client: string) =>
    fetch(`${system.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from(client) },
      body: JSON.stringify({ email: user.email, password }),
    });
  for (let i = 0; i < 10; i++) expect((await login(target, `guess ${i}`, '198.51.100.66')).status).toBe(401);
  const locked = await login(target, target.password, '198.51.100.66');
  expect(locked.status).toBe(429);
  expect((await readJson(locked)).error.code).toBe('too_many_attempts');

  expect((await login(target, target.password, '198.51.100.7')).status).toBe(200);
  expect((await login(colleague, colleague.password, '198.51.100.8')).status).toBe(200);
  // The attacker's address may still fail on another account, up to the wider per-address limit.
  expect((await login(colleague, 'a guess', '198.51.100.66')).status).toBe(401);
});

it('sends HSTS when the public URL is https', async () => {
  const response = await fetch(`${system.url}/healthz`);
  expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
});
