import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildServer } from '../../api/server';
import { postgresAttemptLimiter } from '../../auth/rate-limit';
import { createDb, type Db } from '../../db/connection';
import { sweepExpiredRateLimits } from '../../db/rate-limit-rows';
import { addUser, ensureAuthTables } from '../auth/support';
import { readJson } from '../support/http';
import { endRateLimitWindows } from '../support/rate-limit-windows';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * The page and sign-in limits hold across API processes (issue 27): two API servers, each with its
 * own connection pool on the one database, as two processes behind a load balancer would be, let a
 * client through no more often than one would.
 */
let system: TestSystem;
const apis: { app: FastifyInstance; db: Db; url: string }[] = [];
beforeAll(async () => {
  system = await startTestSystem({ TRUST_PROXY: '127.0.0.1', PACT_PAGE_RATE_LIMIT: '4' }, { worker: false });
  for (let i = 0; i < 2; i++) {
    const db = createDb(system.databaseUrl, { maxConnections: 4 });
    const app = await buildServer({ ...system, db });
    apis.push({ app, db, url: await app.listen({ host: '127.0.0.1', port: 0 }) });
  }
});
afterAll(async () => {
  for (const { app, db } of apis) {
    await app.close();
    await db.destroy();
  }
  await system?.stop();
});

const unknownLink = `/r/${'x'.repeat(43)}`;
/** The i-th request goes to one API, the next to the other, as a round-robin balancer sends them. */
const page = (client: string, i: number) =>
  fetch(`${apis[i % 2]!.url}${unknownLink}`, { headers: { 'x-forwarded-for': client } });
const login = (user: { email: string }, password: string, client: string, i: number) =>
  fetch(`${apis[i % 2]!.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify({ email: user.email, password }),
  });
const statuses = async (answers: Promise<Response>[]) => (await Promise.all(answers)).map((a) => a.status);

describe('the partner pages limit', () => {
  it('lets a client make as many requests over both APIs as it may make to one', async () => {
    for (let i = 0; i < 4; i++) expect((await page('203.0.113.11', i)).status).toBe(404);
    for (let i = 4; i < 6; i++) {
      const limited = await page('203.0.113.11', i);
      expect(limited.status).toBe(429);
      expect((await readJson(limited)).error.code).toBe('too_many_requests');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    }
    expect((await page('203.0.113.12', 0)).status).toBe(404); // another client has its own window
  });

  it('lets exactly the maximum through when requests reach both APIs at once', async () => {
    const answers = await statuses(Array.from({ length: 16 }, (_, i) => page('203.0.113.13', i)));
    expect(answers.filter((s) => s === 404)).toHaveLength(4);
    expect(answers.filter((s) => s === 429)).toHaveLength(12);
  });

  it('counts an IPv6 client by its /64 on either API', async () => {
    const sameHost = ['2001:db8:27:1::1', '2001:db8:27:1::2', '2001:db8:27:1:ffff::3', '2001:db8:27:1::4'];
    for (const [i, client] of sameHost.entries()) expect((await page(client, i)).status).toBe(404);
    expect((await page('2001:db8:27:1:abcd::9', 0)).status).toBe(429);
    expect((await page('2001:db8:27:1:abcd::9', 1)).status).toBe(429);
    expect((await page('2001:db8:27:2::1', 1)).status).toBe(404); // the next /64 is another client
  });

  it('lets the client in again once its window has ended', async () => {
    for (let i = 0; i < 4; i++) expect((await page('203.0.113.14', i)).status).toBe(404);
    expect((await page('203.0.113.14', 0)).status).toBe(429);
    await endRateLimitWindows(system.db);
    for (let i = 1; i < 5; i++) expect((await page('203.0.113.14', i)).status).toBe(404);
    expect((await page('203.0.113.14', 1)).status).toBe(429); // a full new window, and no more
  });
});

describe('the sign-in limit', () => {
  it('refuses the 11th failed sign-in per account and address, whichever API the attempts reach', async () => {
    const db = await ensureAuthTables(system.db);
    const user = await addUser(db, 'staff');
    for (let i = 0; i < 10; i++) expect((await login(user, `guess ${i}`, '198.51.100.27', i)).status).toBe(401);
    for (let i = 0; i < 2; i++) {
      const locked = await login(user, user.password, '198.51.100.27', i);
      expect(locked.status).toBe(429);
      expect((await readJson(locked)).error.code).toBe('too_many_attempts');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    }
    // The owner still signs in from elsewhere, on either API.
    expect((await login(user, user.password, '198.51.100.28', 0)).status).toBe(200);
    expect((await login(user, user.password, '198.51.100.28', 1)).status).toBe(200);
  });

  it('counts parallel guesses sent to both APIs before their passwords are checked', async () => {
    const db = await ensureAuthTables(system.db);
    const user = await addUser(db, 'staff');
    const answers = await statuses(Array.from({ length: 12 }, (_, i) => login(user, `guess ${i}`, '198.51.100.29', i)));
    expect(answers.filter((s) => s === 401)).toHaveLength(10);
    expect(answers.filter((s) => s === 429)).toHaveLength(2);
  });

  it('forgives a successful sign-in on one API when counting failures on the other', async () => {
    const db = await ensureAuthTables(system.db);
    const user = await addUser(db, 'staff');
    for (let i = 0; i < 9; i++) expect((await login(user, `guess ${i}`, '198.51.100.30', i)).status).toBe(401);
    expect((await login(user, user.password, '198.51.100.30', 0)).status).toBe(200);
    expect((await login(user, 'guess 9', '198.51.100.30', 1)).status).toBe(401);
    expect((await login(user, user.password, '198.51.100.30', 0)).status).toBe(429);
  });

  it('counts an IPv6 client by its /64 and lets it try again once the window has ended', async () => {
    const db = await ensureAuthTables(system.db);
    const user = await addUser(db, 'staff');
    for (let i = 0; i < 10; i++)
      expect((await login(user, `guess ${i}`, `2001:db8:27:66::${i + 1}`, i)).status).toBe(401);
    expect((await login(user, user.password, '2001:db8:27:66:dead:beef::1', 1)).status).toBe(429);
    expect((await login(user, user.password, '2001:db8:27:67::1', 0)).status).toBe(200);
    await endRateLimitWindows(system.db);
    expect((await login(user, user.password, '2001:db8:27:66:dead:beef::1', 0)).status).toBe(200);
  });
});

describe('the counters', () => {
  it('hold no address or email in plain sight, and expired ones are swept', async () => {
    const db = await ensureAuthTables(system.db);
    const user = await addUser(db, 'staff');
    expect((await login(user, 'a guess', '198.51.100.31', 0)).status).toBe(401);
    const rows = await system.db.selectFrom('rate_limits').select('key').execute();
    expect(rows.length).toBeGreaterThan(0);
    const keys = rows.map((r) => r.key).join(' ');
    for (const plain of ['198.51.100', '203.0.113', '2001:db8', user.email]) expect(keys).not.toContain(plain);

    await endRateLimitWindows(system.db);
    expect((await page('203.0.113.15', 0)).status).toBe(404); // a live row, which the sweep keeps
    await sweepExpiredRateLimits(system.db);
    expect(await system.db.selectFrom('rate_limits').select('count').execute()).toEqual([{ count: 1 }]);
  });

  it('tell how long the sign-in limit still holds, counting nothing while it refuses', async () => {
    const limiter = postgresAttemptLimiter(system.db, { scope: 'test', maxFailures: 2, windowMs: 15 * 60_000 });
    expect(await limiter.attempt('a')).toBe(0);
    expect(await limiter.attempt('a')).toBe(0);
    expect(await limiter.attempt('a')).toBe(900);
    expect(await limiter.attempt('b')).toBe(0);
    await system.db
      .updateTable('rate_limits')
      .set({ resets_at: sql`resets_at - interval '10 minutes'` })
      .execute();
    expect(await limiter.attempt('a')).toBe(300);
    // A refusal was not counted: one success forgiven makes room for one more attempt.
    await limiter.succeeded('a');
    expect(await limiter.attempt('a')).toBe(0);
    expect(await limiter.attempt('a')).toBe(300);
  });
});
