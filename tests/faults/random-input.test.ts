import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../api/server';
import type { Role } from '../../auth/schema';
import { createApiToken, createSession } from '../../auth/users';
import { addUser, ensureAuthTables } from '../auth/support';
import { rawRequest } from '../support/http';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { faultSeed, seededRandom, sleep } from './fault-kit';

/**
 * Random requests over every route of the real server's route table: path and query parameters,
 * bodies and content types, with and without credentials. No answer may be a 5xx other than 503,
 * and an answer that is an error must leave the database as it was. Repeat a run with FAULT_SEED.
 */
const requestCount = Number(process.env.RANDOM_INPUT_REQUESTS ?? 10_000);
const inboundSecret = 'random-input-inbound-secret-0123456789';

let system: TestSystem;
let app: FastifyInstance;
let base: string;
const routes: Array<{ method: string; url: string }> = [];
const known = { partnerId: '', requestId: '', linkToken: '' };
const credentials: Array<Record<string, string>> = [{}];

beforeAll(async () => {
  system = await startTestSystem({
    PACT_MAX_REMINDERS: '0',
    PACT_ESCALATE_AFTER: '1h',
    PACT_EXPIRE_AFTER: '2h',
    INBOUND_WEBHOOK_SECRET: inboundSecret,
  });
  app = await buildServer(
    { config: system.config, db: system.db, temporal: system.temporal, dataKeys: system.dataKeys },
    { onRoute: (route) => [route.method].flat().forEach((method) => routes.push({ method, url: route.url })) },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

  const actors = new Actors(system);
  known.partnerId = await actors.onboard('Toevalstreffer');
  const link = actors.linkIn(await actors.nextEmail(actors.addresses(known.partnerId).coordinator));
  known.linkToken = link.split('/r/')[1]!;
  known.requestId = (await actors.journey(known.partnerId)).pendingRequests[0].id;

  const db = await ensureAuthTables(system.db);
  credentials.push(
    { authorization: `Bearer ${system.apiToken}` },
    { authorization: 'Bearer not-a-real-token' },
    { authorization: `Bearer ${system.env.MAIL_RELAY_SECRET}` },
    { 'x-inbound-secret': inboundSecret },
  );
  for (const role of ['staff', 'director', 'admin'] as Role[]) {
    const user = await addUser(db, role);
    credentials.push({ authorization: `Bearer ${(await createApiToken(db, user.id, 'fuzz')).token}` });
    const session = await createSession(db, user.id, 3_600_000);
    credentials.push({ cookie: `pact_session=${session}` }, { cookie: `pact_session=${session}`, origin: base });
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
  await system?.stop();
});

/** Every byte of the UTF-8 as %XX (encodeURIComponent refuses a lone surrogate). */
const percentEncoded = (text: string) =>
  [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

/** Everything a request could change (not the "last used" times that reading with a credential moves), as one digest. */
async function digest(): Promise<string> {
  const { rows } = await sql<{ digest: string }>`
    select md5(concat_ws('|',
      (select count(*) from partners), (select count(*) from contacts), (select count(*) from projects),
      (select count(*) from journey_events), (select count(*) from email_outbox),
      (select count(*) from staff_users), (select count(*) from api_tokens where revoked_at is null),
      (select count(*) from staff_sessions),
      (select string_agg(id || status || token_generation, ',' order by id) from requests),
      (select string_agg(partner_id || stage || status, ',' order by partner_id) from journeys)
    )) as digest`.execute(system.db);
  return rows[0]!.digest;
}

/** After an accepted change, waits until its effects (workflows, emails) have settled: the new baseline. */
async function settledDigest(): Promise<string> {
  let last = await digest();
  for (let stableFor = 0; stableFor < 1_500;) {
    await sleep(250);
    const now = await digest();
    stableFor = now === last ? stableFor + 250 : 0;
    last = now;
  }
  return last;
}

test(`${requestCount} random requests over the whole route table: no 5xx but 503, no change on an error`, async () => {
  const seed = faultSeed();
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const targets = routes.filter((route) => route.method !== 'HEAD');
  expect(targets.length).toBeGreaterThan(20);

  // Raw URL text: valid ids, NUL bytes, broken UTF-8 and percent-escapes, surrogates, long and odd text.
  const texts = () => [
    known.partnerId,
    known.requestId,
    known.linkToken,
    'no-such-id',
    '%00',
    'a%00b',
    '%C3%28',
    '%ED%A0%80',
    '%FF%FE',
    '%',
    '%zz',
    '..',
    '%2e%2e%2f',
    '%F0%9F%98%80',
    '%27%3B%20drop%20table%20partners%3B--',
    'x'.repeat(300),
    '9'.repeat(40),
    '-1',
    '1e309',
    'true',
    '[]',
    '%7B%7D',
    percentEncoded(randomText()),
  ];
  const queryNames = ['stage', 'sector', 'status', 'q', 'groupBy', 'period', 'lang', 'next', 'page', 'refused', 'x'];
  const fieldNames = [
    'name',
    'actorType',
    'sector',
    'language',
    'contacts',
    'email',
    'role',
    'password',
    'reason',
    'action',
    'title',
    'description',
    'levers',
    'partnerIds',
    'decision',
    'comment',
    'values',
    'summary',
    'goals',
    'narrative',
    'targets',
    'csrf',
    'lang',
    'next',
    'to',
    'subject',
  ];
  const contentTypes = [
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; x=application/json',
    'multipart/form-data; boundary=fuzz',
    'multipart/form-data',
    'text/csv',
    'text/plain',
    'message/rfc822',
    'application/octet-stream',
    'garbage/',
  ];

  function randomText(): string {
    const alphabet = [
      'a',
      'Z',
      '0',
      ' ',
      '\u0000',
      '\ud800',
      '\udfff',
      'é',
      '😀',
      '"',
      "'",
      '<',
      '=',
      '+',
      '\t',
      '\r\n',
      ',',
      ';',
      '%',
      '\\',
    ];
    return Array.from({ length: Math.floor(random() * 12) }, () => pick(alphabet)).join('');
  }
  function randomJson(depth = 0): unknown {
    const kind = Math.floor(random() * (depth > 2 ? 5 : 7));
    if (kind === 0) return randomText();
    if (kind === 1) return pick([0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2]);
    if (kind === 2) return pick([true, false, null]);
    if (kind === 3) return pick([known.partnerId, 'approve', 'decline', 'trust', 'work', 'staff', 'admin']);
    if (kind === 4) return pick(['', 'x'.repeat(6000)]);
    if (kind === 5) return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(depth + 1));
    return Object.fromEntries(
      Array.from({ length: Math.floor(random() * 5) }, () => [
        chance(0.9) ? pick(fieldNames) : randomText(),
        randomJson(depth + 1),
      ]),
    );
  }
  function randomBody(): string | Buffer | undefined {
    switch (Math.floor(random() * 7)) {
      case 0:
        return undefined;
      case 1:
      case 2:
        return JSON.stringify(randomJson());
      case 3:
        return new URLSearchParams(
          Array.from({ length: Math.floor(random() * 5) }, (): [string, string] => [pick(fieldNames), randomText()]),
        ).toString();
      case 4:
        return `name,actorType,sector,coordinatorName,coordinatorEmail\r\n${randomText()},state,work,${randomText()},x@y.example\r\n`;
      case 5:
        return `--fuzz\r\nContent-Disposition: form-data; name="${pick(fieldNames)}"\r\n\r\n${randomText()}\r\n--fuzz--\r\n`;
      default:
        return Buffer.from(Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256)));
    }
  }
  function randomRequest() {
    const route = pick(targets);
    const path = route.url.replace(/:\w+|\*/g, () => pick(texts()));
    const query = chance(0.5)
      ? `?${Array.from({ length: 1 + Math.floor(random() * 3) }, () => `${pick(queryNames)}=${pick(texts())}`).join('&')}`
      : '';
    const contentType = pick(contentTypes);
    const body = ['GET', 'HEAD', 'TRACE', 'OPTIONS'].includes(route.method) ? undefined : randomBody();
    return {
      method: route.method,
      path: `${path}${query}`,
      headers: {
        accept: pick(['application/json', 'text/html', '*/*']),
        ...(contentType && body !== undefined ? { 'content-type': contentType } : {}),
        ...pick(credentials),
      },
      body,
    };
  }

  const failures: string[] = [];
  let baseline = await settledDigest();
  const statuses = new Map<number, number>();
  for (let i = 0; i < requestCount && failures.length < 20; i++) {
    const request = randomRequest();
    const what = `#${i} ${request.method} ${request.path} ${JSON.stringify(request.headers)} ${String(request.body).slice(0, 200)}`;
    let status: number;
    let location: string | undefined;
    try {
      const answer = await rawRequest(base, request);
      status = answer.status;
      location = String(answer.headers.location ?? '');
    } catch (error) {
      failures.push(`${what}: no answer (${(error as Error).message})`);
      continue;
    }
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status >= 500 && status !== 503) failures.push(`${what}: ${status}`);
    if (status >= 400) {
      const after = await digest();
      if (after !== baseline) {
        failures.push(`${what}: answered ${status} but the database changed`);
        baseline = await settledDigest();
      }
    } else if (!['GET', 'HEAD'].includes(request.method) && !location?.startsWith('/staff/login')) {
      // Maybe an accepted change: once its effects (workflows, emails) settle, they are the new baseline.
      const changed = (await digest()) !== baseline || (await sleep(300), await digest()) !== baseline;
      if (changed) baseline = await settledDigest();
    }
  }
  const summary = `seed ${seed} (FAULT_SEED=${seed} repeats this run); statuses ${JSON.stringify(Object.fromEntries(statuses))}`;
  // Printed on success too, so that runs can be repeated and compared.
  process.stderr.write(`random input: ${summary}\n`);
  expect([summary, failures]).toEqual([summary, []]);
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(requestCount);
}, 600_000);
