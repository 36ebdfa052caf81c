import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../api/server';
import type { Role } from '../../auth/schema';
import { createApiToken } from '../../auth/users';
import { addUser, ensureAuthTables } from '../auth/support';
import { type RawAnswer, rawRequest, readJson } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * Walks the real server's route table: every staff route refuses a caller without credentials,
 * and every state-changing one refuses each role without rights on it (403). A route added to
 * the server without a line in the tables below fails this test, so none can be forgotten.
 */

/** Routes that take no staff credentials, and what guards them instead. */
const publicRoutes: Record<string, string> = {
  'GET /healthz': 'liveness, no data',
  'GET /readyz': 'readiness, no data',
  'GET /favicon.svg': 'the site icon, no data',
  'GET /favicon.ico': 'the site icon, no data',
  'GET /metrics': 'Prometheus counters, no personal data',
  'GET /r/:token': "the partner link's token",
  'POST /r/:token': "the partner link's token",
  'GET /m/:token': "the meeting invitation's token",
  'POST /m/:token': "the meeting invitation's token",
  'GET /pact/join': 'the public join form, no data',
  'POST /pact/join': 'a join from the public form: rate-limited, CSRF field or JSON, held until confirmed',
  'GET /j/:token': "the join confirmation link's token",
  'POST /j/:token': "the join confirmation link's token",
  'GET /c/:token': "the partner's consent link's token",
  'POST /c/:token': "the partner's consent link's token",
  'GET /b/:token': "the ballot's token",
  'POST /b/:token': "the ballot's token",
  'POST /auth/login': 'a password, rate-limited',
  'POST /auth/logout': 'ends only the caller’s own session',
  'GET /staff/login': 'the sign-in page',
  'GET /pact/map':
    'the public map: only formalised partners that consent, counts of 3 or more (features/map/map-view.ts)',
  'POST /codec/encode': 'refused to everyone (403 encode_refused): it encodes nothing',
  'POST /api/inbound/email': 'INBOUND_WEBHOOK_SECRET',
  'POST /internal/mail': 'MAIL_RELAY_SECRET',
  'GET /pact/lexicon': 'the public lexicon: terms staff wrote for everyone, no personal data',
  'GET /pact':
    'the public side: only formalised partners that consent, figures of 3 partners or more (features/public/)',
  'GET /pact/partners/:id': 'a formalised partner that consents; any other id is the same 404',
  'GET /pact/projects/:id': 'a project with a consenting partner, naming only those',
  'GET /pact/feed.atom': 'public news of consenting partners, projects, meetings and rounds',
  'GET /pact/data.json': 'the public figures (small counts suppressed) and partner list, CC BY 4.0',
  'GET /pact/data.csv': 'the same as data.json, as CSV',
};

const everyone: readonly Role[] = ['staff', 'director', 'admin'];
/** Who may change state through each staff route (admin may always). */
const stateChangingRoutes: Record<string, readonly Role[]> = {
  'POST /api/partners': everyone,
  'POST /api/partners/import': everyone,
  'POST /api/partners/:id/withdraw': everyone,
  'POST /api/partners/:id/expired-request': everyone,
  'PATCH /api/partners/:id': everyone,
  'PUT /api/partners/:id/contacts': everyone,
  'PUT /api/partners/:id/public-listing': everyone,
  'POST /api/projects': everyone,
  'POST /api/projects/:id/close': everyone,
  'POST /api/initiatives': everyone,
  'PATCH /api/initiatives/:id': everyone,
  'POST /api/meetings': everyone,
  'POST /api/meetings/:id/change': everyone,
  'POST /api/meetings/:id/cancel': everyone,
  'POST /api/meetings/:id/minutes': everyone,
  'POST /api/prioritisation-rounds': everyone,
  'POST /api/prioritisation-rounds/:id/close': everyone,
  'POST /api/requests/:id/remind': everyone,
  'POST /api/requests/:id/resend': everyone,
  'POST /api/join-requests/:id/approve': everyone,
  'POST /api/join-requests/:id/reject': everyone,
  'POST /api/lexicon': everyone,
  'PATCH /api/lexicon/:id': everyone,
  'POST /api/users': ['admin'],
  'POST /api/partners/:id/erase': ['admin'],
  // Decoding changes nothing, but reads every history: administrators only (docs/privacy.md).
  'POST /codec/decode': ['admin'],
  // The Temporal UI's queries and whatever else it posts, passed to the UI server (api/temporal-ui/proxy.ts).
  'POST /temporal/*': ['admin'],
  'POST /staff/partners/new': everyone,
  'POST /staff/imports': everyone,
  'POST /staff/projects': everyone,
  'POST /staff/projects/:id/close': everyone,
  'POST /staff/initiatives/new': everyone,
  'POST /staff/initiatives/:id/edit': everyone,
  'POST /staff/initiatives/:id/status': everyone,
  'POST /staff/meetings': everyone,
  'POST /staff/meetings/:id/change': everyone,
  'POST /staff/meetings/:id/cancel': everyone,
  'POST /staff/meetings/:id/minutes': everyone,
  'POST /staff/prioritisation-rounds': everyone,
  'POST /staff/prioritisation-rounds/:id/close': everyone,
  'POST /staff/partners/:id/withdraw': everyone,
  'POST /staff/partners/:id/expired-request': everyone,
  'POST /staff/partners/:id/edit': everyone,
  'POST /staff/lexicon/new': everyone,
  'POST /staff/lexicon/:id/edit': everyone,
  'POST /staff/partners/:id/public-listing': everyone,
  'POST /staff/partners/:id/requests/:requestId/remind': everyone,
  'POST /staff/partners/:id/requests/:requestId/resend': everyone,
  'POST /staff/join-requests/:id/approve': everyone,
  'POST /staff/join-requests/:id/reject': everyone,
};
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The staff pages' not-found page answers every method under /staff/ and changes nothing. */
const rolesFor = (route: { method: string; url: string }) =>
  stateChangingRoutes[keyOf(route)] ?? (route.url === '/staff/*' ? everyone : undefined);
const isPage = (url: string) => /^\/(staff|temporal)(\/|$)/.test(url);

let system: TestSystem;
let app: FastifyInstance;
let base: string;
const routes: Array<{ method: string; url: string }> = [];
const tokens = {} as Record<Role, string>;
beforeAll(async () => {
  system = await startTestSystem();
  // The same server the system runs, built again to read its route table as the routes are added.
  app = await buildServer(
    { config: system.config, db: system.db, temporal: system.temporal, dataKeys: system.dataKeys },
    {
      onRoute: (route) => {
        for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
      },
    },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const db = await ensureAuthTables(system.db);
  for (const role of everyone) tokens[role] = (await createApiToken(db, (await addUser(db, role)).id, 'test')).token;
});
afterAll(async () => {
  await app?.close();
  await system?.stop();
});

const keyOf = (route: { method: string; url: string }) => `${route.method} ${route.url}`;
const staffRoutes = () => routes.filter((route) => !(keyOf(route) in publicRoutes));
/** A concrete path for a route pattern: ids that do not exist, so an admitted call changes nothing. */
const pathOf = (url: string) => url.replace(/:(\w+)/g, 'no-such-$1').replace('*', 'no-such-page');

const call = (route: { method: string; url: string }, headers: Record<string, string> = {}) => {
  const safe = safeMethods.has(route.method) || route.method === 'TRACE';
  return rawRequest(base, {
    method: route.method,
    path: pathOf(route.url),
    headers: { accept: 'application/json', ...(safe ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(safe ? {} : { body: '{}' }),
  });
};
const errorCodeOf = (answer: RawAnswer) => (JSON.parse(answer.body) as { error: { code: string } }).error.code;

test('the route table is the one the tables above describe', () => {
  expect(routes.length).toBeGreaterThan(20);
  const undescribed = staffRoutes()
    .filter((route) => !safeMethods.has(route.method))
    .filter((route) => rolesFor(route) === undefined)
    .map(keyOf);
  expect(undescribed).toEqual([]); // add each to stateChangingRoutes (or publicRoutes, saying what guards it)
  const gone = Object.keys(stateChangingRoutes).filter((key) => !routes.some((route) => keyOf(route) === key));
  expect(gone).toEqual([]);
});

test('every staff route refuses a caller without credentials, and one with a token that is not valid', async () => {
  for (const route of staffRoutes()) {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer not-a-valid-token-but-long-enough-to-look-like-one' },
    ];
    for (const headers of attempts) {
      const response = await call(route, headers);
      const what = `${keyOf(route)} ${JSON.stringify(headers)}`;
      if (isPage(route.url)) {
        // A page: the browser is sent to sign in (and back afterwards), the page's form of a 401.
        expect([what, response.status, response.headers.location, response.body]).toEqual([
          what,
          303,
          expect.stringMatching(/^\/staff\/login\?next=/),
          response.body,
        ]);
      } else {
        expect([what, response.status]).toEqual([what, 401]);
        expect(errorCodeOf(response)).toBe('unauthenticated');
      }
    }
  }
});

test('every state-changing staff route refuses each role without rights on it (403), and admits the others', async () => {
  const before = await snapshot();
  for (const route of staffRoutes().filter((r) => !safeMethods.has(r.method))) {
    const allowed = new Set([...rolesFor(route)!, 'admin']);
    for (const role of everyone) {
      const what = `${keyOf(route)} as ${role}`;
      const response = await call(route, { authorization: `Bearer ${tokens[role]}` }).catch((error: Error) => {
        throw new Error(`${what}: ${error.message}`);
      });
      if (allowed.has(role)) {
        // Admitted: refused later for the empty body or unknown id (4xx), never for who is asking.
        const refusedAsCaller = [401, 403].includes(response.status) || response.status >= 500;
        expect([what, response.status, refusedAsCaller]).toEqual([what, response.status, false]);
      } else {
        expect([what, response.status]).toEqual([what, 403]);
        expect(errorCodeOf(response)).toBe('forbidden');
      }
    }
  }
  expect(await snapshot()).toBe(before);
});

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
  const signedIn = await fetch(`${system.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: system.url },
    body: JSON.stringify({ email: 'els@integratiepact.example', password: 'een lang wachtwoord' }),
  });
  expect(signedIn.status).toBe(200);
  const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
  expect((await fetch(`${system.url}/api/partners`, { headers: { cookie } })).status).toBe(200);
  const forbidden = await fetch(`${system.url}/api/users`, { headers: { cookie } });
  expect(forbidden.status).toBe(403);
  expect((await readJson(forbidden)).error.code).toBe('forbidden');
});

/** What any staff route could change, counted. */
async function snapshot(): Promise<string> {
  const counts = await Promise.all(
    (['partners', 'contacts', 'projects', 'requests', 'journey_events', 'email_outbox'] as const).map((table) =>
      system.db
        .selectFrom(table)
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
        .then((row) => `${table}=${row.n}`),
    ),
  );
  const users = await (await ensureAuthTables(system.db)).selectFrom('staff_users').select('email').execute();
  return [...counts, `staff_users=${users.length}`].join(' ');
}
