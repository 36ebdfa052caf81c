import { passwordChecksAtOnce, passwordChecksWaiting } from '../../auth/password-check-slots';
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

it('counts an IPv6 client by its /64 and an IPv4-mapped address as its IPv4 address', async () => {
  const page = (client: string) => fetch(`${system.url}${unknownLink}`, { headers: from(client) });
  for (const client of ['2001:db8:7:1::1', '2001:db8:7:1::2', '2001:db8:7:1:ffff:ffff:ffff:fffe'])
    expect((await page(client)).status).toBe(404);
  expect((await page('2001:db8:7:1:abcd::9')).status).toBe(429);
  expect((await page('2001:db8:7:2::1')).status).toBe(404); // the next /64 is another client

  for (const client of ['::ffff:203.0.113.50', '203.0.113.50', '::ffff:cb00:7132'])
    expect((await page(client)).status).toBe(404);
  expect((await page('203.0.113.50')).status).toBe(429);
});

it('limits failed sign-ins per IPv6 /64: a new address in the same /64 is the same client', async () => {
  const db = await ensureAuthTables(system.db);
  const target = await addUser(db, 'staff');
  const login = (password: string, client: string) =>
    fetch(`${system.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from(client) },
      body: JSON.stringify({ email: target.email, password }),
    });
  for (let i = 0; i < 10; i++) expect((await login(`guess ${i}`, `2001:db8:66:1::${i + 1}`)).status).toBe(401);
  const locked = await login(target.password, '2001:db8:66:1:dead:beef::1');
  expect(locked.status).toBe(429);
  expect((await login(target.password, '2001:db8:66:2::1')).status).toBe(200);
});

it('checks at most a few passwords at once: more sign-ins wait in a short queue, the rest get 503', async () => {
  const burst = passwordChecksAtOnce + passwordChecksWaiting + 6;
  // Unknown accounts from distinct clients: each costs a full scrypt, and no sign-in limit applies.
  const answers = await Promise.all(
    Array.from({ length: burst }, (_, i) =>
      fetch(`${system.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...from(`198.51.100.${100 + i}`) },
        body: JSON.stringify({ email: `nobody-${i}@integratiepact.example`, password: 'a guess at it' }),
      }),
    ),
  );
  const statuses = answers.map((a) => a.status);
  expect(statuses.filter((s) => s !== 401 && s !== 503)).toEqual([]);
  expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(passwordChecksAtOnce + passwordChecksWaiting);
  const busy = answers.filter((a) => a.status === 503);
  expect(busy.length).toBeGreaterThan(0);
  expect(busy[0]!.headers.get('retry-after')).toBe('5');
  expect((await readJson(busy[0]!)).error).toEqual({
    code: 'password_checks_busy',
    message: expect.stringContaining('try again in a few seconds'),
  });
  // Once the burst is over, the next sign-in is checked as usual.
  const db = await ensureAuthTables(system.db);
  const user = await addUser(db, 'staff');
  const after = await fetch(`${system.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...from('198.51.100.250') },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  expect(after.status).toBe(200);
});

it('sends HSTS when the public URL is https', async () => {
  const response = await fetch(`${system.url}/healthz`);
  expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
});
