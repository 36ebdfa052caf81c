import { randomBytes, scrypt } from 'node:crypto';
import { sql } from 'kysely';
import { secretId } from '../../auth/users';
import { runCommand } from '../../cli/commands';
import { readJson } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { addUser, type AuthApp, cookieFrom, startAuthApp } from './support';

/** Staff sign-in, sessions, API tokens and roles, through real HTTP against the test system's Postgres. */

let system: TestSystem;
let auth: AuthApp;
beforeAll(async () => {
  system = await startTestSystem();
  auth = await startAuthApp(system);
});
afterAll(async () => {
  await auth?.close();
  await system?.stop();
});

const call = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}, base = auth.url) =>
  fetch(`${base}${path}`, { redirect: 'manual', ...init });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const login = (email: string, password: string, base = auth.url) =>
  call(
    '/auth/login',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) },
    base,
  );
const signIn = async (user: { email: string; password: string }) => {
  const response = await login(user.email, user.password);
  expect(response.status).toBe(200);
  return cookieFrom(response.headers.get('set-cookie'));
};

describe('without credentials', () => {
  it('answers 401 asking to sign in', async () => {
    const response = await call('/work');
    expect(response.status).toBe(401);
    expect(await readJson(response)).toEqual({
      error: { code: 'unauthenticated', message: expect.stringMatching(/^Sign in first: /) },
    });
  });

  it('answers 401 for a token or session that is not valid', async () => {
    for (const headers of [bearer('not-a-token'), { authorization: 'Basic YTpi' }, { cookie: 'pact_session=forged' }]) {
      const response = await call('/work', { headers });
      expect(response.status).toBe(401);
      expect((await readJson(response)).error.message).toBe('That token or session is not valid.');
    }
  });
});

describe('the bootstrap PACT_API_TOKEN', () => {
  it('acts as an administrator', async () => {
    const response = await call('/admin-only', { headers: bearer(system.apiToken) });
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({
      user: { id: 0, email: 'api-token (bootstrap)', name: 'api-token (bootstrap)', role: 'admin' },
    });
  });
});

describe('signing in with a password', () => {
  it('sets an HTTP-only SameSite session cookie that then authorises staff routes', async () => {
    const user = await addUser(auth.db, 'staff');
    const response = await login(user.email.toUpperCase(), user.password);
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({
      user: { id: user.id, email: user.email, name: user.name, role: 'staff' },
    });
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^pact_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure'); // the test system's public URL is http

    const cookie = cookieFrom(setCookie);
    const me = await call('/auth/me', { headers: { cookie } });
    expect(await readJson(me)).toEqual({ user: { id: user.id, email: user.email, name: user.name, role: 'staff' } });
    expect((await call('/work', { method: 'POST', headers: { cookie } })).status).toBe(200);

    // Only the token's hash is stored.
    const token = cookie.split('=')[1]!;
    const stored = await auth.db.selectFrom('staff_sessions').select('id').where('user_id', '=', user.id).execute();
    expect(stored.map((s) => s.id)).toEqual([secretId(token)]);
  });

  it('gives a new session at every sign-in and ends the one the browser held', async () => {
    const user = await addUser(auth.db, 'staff');
    const first = await signIn(user);
    const again = await call('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    const second = cookieFrom(again.headers.get('set-cookie'));
    expect(second).not.toBe(first);
    expect((await call('/work', { headers: { cookie: first } })).status).toBe(401);
    expect((await call('/work', { headers: { cookie: second } })).status).toBe(200);
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const secure = await startAuthApp(system, { config: { ...system.config, publicUrl: 'https://pact.example' } });
    const user = await addUser(auth.db, 'staff');
    const response = await login(user.email, user.password, secure.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/; Secure$/);
    await secure.close();
  });

  it('refuses a wrong password or an unknown email with 401 and no cookie', async () => {
    const user = await addUser(auth.db, 'staff');
    for (const [email, password] of [
      [user.email, 'wrong password!'],
      ['nobody@integratiepact.example', user.password],
    ] as const) {
      const response = await login(email, password);
      expect(response.status).toBe(401);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect((await readJson(response)).error.code).toBe('invalid_credentials');
    }
  });

  it('refuses an unknown field with 400 naming it, and signs nobody in', async () => {
    const user = await addUser(auth.db, 'staff');
    const response = await call(
      '/auth/login',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: user.password, remember: true }),
      },
      system.url, // the application's own server, with its validator
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect((await readJson(response)).error.message).toContain('remember');
  });

  it('refuses a missing password with 400 naming it; the sign-in form goes back to its page saying so', async () => {
    const user = await addUser(auth.db, 'staff');
    const json = await call(
      '/auth/login',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email }) },
      system.url,
    );
    expect(json.status).toBe(400);
    const { error } = await readJson(json);
    expect(error.details).toEqual([{ field: 'password', message: 'is required' }]);
    const form = await call(
      '/auth/login',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: user.email, password: '', next: '/staff' }).toString(),
      },
      system.url,
    );
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toMatch(/^\/staff\/login\?next=%2Fstaff&refused=invalid_request/);
    expect(form.headers.get('set-cookie')).toBeNull();
  });

  it('sends a form post on to its local `next` path, never to another site', async () => {
    const user = await addUser(auth.db, 'director');
    const form = (next: string) =>
      call('/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: user.email, password: user.password, next }).toString(),
      });
    const local = await form('/partners?stage=intent');
    expect(local.status).toBe(303);
    expect(local.headers.get('location')).toBe('/partners?stage=intent');
    expect(local.headers.get('set-cookie')).toContain('pact_session=');
    for (const next of ['https://evil.example/', '//evil.example']) {
      const elsewhere = await form(next);
      expect(elsewhere.status).toBe(200);
      expect(elsewhere.headers.get('location')).toBeNull();
    }
  });

  it('answers 429 with Retry-After after 10 failures in 15 minutes, even for the right password', async () => {
    const limited = await startAuthApp(system); // another API on the same database: the limit is shared (tests/edge/shared-rate-limits.test.ts)
    const user = await addUser(auth.db, 'staff');
    for (let i = 0; i < 10; i++) expect((await login(user.email, `wrong password ${i}`, limited.url)).status).toBe(401);
    const response = await login(user.email, user.password, limited.url);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((await readJson(response)).error.code).toBe('too_many_attempts');
    await limited.close();
  });

  it('signs out: the session is deleted and the cookie cleared', async () => {
    const user = await addUser(auth.db, 'staff');
    const cookie = await signIn(user);
    const response = await call('/auth/logout', { method: 'POST', headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/^pact_session=; .*Max-Age=0/);
    expect((await call('/work', { headers: { cookie } })).status).toBe(401);
    expect(await auth.db.selectFrom('staff_sessions').select('id').where('user_id', '=', user.id).execute()).toEqual(
      [],
    );
  });

  it('refuses an expired session', async () => {
    const user = await addUser(auth.db, 'staff');
    const cookie = await signIn(user);
    await auth.db
      .updateTable('staff_sessions')
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where('user_id', '=', user.id)
      .execute();
    const response = await call('/work', { headers: { cookie } });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('ends a session left unused longer than the idle timeout (8 hours by default)', async () => {
    const user = await addUser(auth.db, 'staff');
    const cookie = await signIn(user);
    const idleFor = (interval: string) =>
      auth.db
        .updateTable('staff_sessions')
        .set({ last_seen_at: sql`now() - ${interval}::interval` })
        .where('user_id', '=', user.id)
        .execute();
    await idleFor('7 hours 58 minutes');
    expect((await call('/work', { headers: { cookie } })).status).toBe(200);
    await idleFor('8 hours 1 minute');
    const response = await call('/work', { headers: { cookie } });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('upgrades a password hash made at the old scrypt cost when its owner signs in', async () => {
    const user = await addUser(auth.db, 'staff');
    // What hashPassword stored before N was raised to 2^17.
    const oldHash = await new Promise<string>((done, fail) => {
      const salt = randomBytes(16);
      scrypt(user.password, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (error, key) =>
        error
          ? fail(error)
          : done(['scrypt', 2 ** 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$')),
      );
    });
    await auth.db.updateTable('staff_users').set({ password_hash: oldHash }).where('id', '=', user.id).execute();
    await signIn(user);
    const { password_hash } = await auth.db
      .selectFrom('staff_users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    await signIn(user); // the new hash verifies the same password
  });

  it('refuses a session-authenticated change sent from another origin', async () => {
    const cookie = await signIn(await addUser(auth.db, 'staff'));
    const response = await call('/work', { method: 'POST', headers: { cookie, origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
    expect((await readJson(response)).error.code).toBe('cross_origin');
    const fromOwnSite = await call('/work', {
      method: 'POST',
      headers: { cookie, origin: new URL(system.config.publicUrl).origin },
    });
    expect(fromOwnSite.status).toBe(200);
  });
});

describe('API tokens', () => {
  const lines: string[] = [];
  const io = {
    out: (line: string) => lines.push(line),
    note: () => undefined,
    readPassword: async () => 'not used here',
  };

  it('authorise once created by the CLI commands, touch last_used_at, and stop working once revoked', async () => {
    const user = await addUser(auth.db, 'director');
    lines.length = 0;
    await runCommand(auth.db, ['token', 'create', '--email', user.email, '--label', 'reporting script'], io);
    const token = lines[0]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const response = await call('/directors', { headers: bearer(token) });
    expect(response.status).toBe(200);
    expect((await readJson(response)).user).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      role: 'director',
    });
    const row = await auth.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', secretId(token))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: user.id, label: 'reporting script', revoked_at: null });
    expect(row.last_used_at).toBeInstanceOf(Date);

    await runCommand(auth.db, ['token', 'revoke', '--id', secretId(token).slice(0, 10)], io);
    const revoked = await call('/directors', { headers: bearer(token) });
    expect(revoked.status).toBe(401);
    expect((await readJson(revoked)).error.message).toBe('That token or session is not valid.');
  });

  it('stop working, with sessions, when the user is disabled', async () => {
    const user = await addUser(auth.db, 'staff');
    const cookie = await signIn(user);
    lines.length = 0;
    await runCommand(auth.db, ['token', 'create', '--email', user.email, '--label', 'x'], io);
    await runCommand(auth.db, ['user', 'disable', '--email', user.email], io);
    expect((await call('/work', { headers: bearer(lines[0]!) })).status).toBe(401);
    expect((await call('/work', { headers: { cookie } })).status).toBe(401);
    expect((await login(user.email, user.password)).status).toBe(401);
  });
});

describe('roles', () => {
  it('keeps staff out of admin-only and director routes with 403', async () => {
    const cookie = await signIn(await addUser(auth.db, 'staff'));
    for (const path of ['/admin-only', '/directors']) {
      const response = await call(path, { headers: { cookie } });
      expect(response.status).toBe(403);
      expect(await readJson(response)).toEqual({
        error: { code: 'forbidden', message: 'Your role (staff) cannot do this; ask an administrator.' },
      });
    }
    expect((await call('/work', { headers: { cookie } })).status).toBe(200);
  });

  it('lets an admin do everything and a director do staff work', async () => {
    const admin = await signIn(await addUser(auth.db, 'admin'));
    for (const path of ['/admin-only', '/directors', '/work'])
      expect((await call(path, { headers: { cookie: admin } })).status).toBe(200);
    const director = await signIn(await addUser(auth.db, 'director'));
    expect((await call('/work', { headers: { cookie: director } })).status).toBe(200);
    expect((await call('/admin-only', { headers: { cookie: director } })).status).toBe(403);
  });
});
