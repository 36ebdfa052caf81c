import fc from 'fast-check';
import { eventually } from '../support/eventually';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** Whatever arrives, every JSON route answers 4xx with the error shape, and nothing changes. */
let system: TestSystem;
let actors: Actors;
let partnerId: string;
let requestLink: string;
beforeAll(async () => {
  system = await startTestSystem({ PACT_MAX_REMINDERS: '0', PACT_ESCALATE_AFTER: '1h', PACT_EXPIRE_AFTER: '2h' });
  actors = new Actors(system);
  partnerId = await actors.onboard('Veerkracht');
  requestLink = actors.linkIn(await actors.nextEmail(actors.addresses(partnerId).coordinator));
  // The activity records "request sent" just after the email goes out: the snapshot starts after it.
  await eventually(async () =>
    expect(
      await system.db.selectFrom('journey_events').select('id').where('type', '=', 'request_sent').execute(),
    ).toHaveLength(1),
  );
});
afterAll(() => system?.stop());

/** Everything a route could change, counted. */
async function snapshot() {
  const count = (table: 'partners' | 'contacts' | 'projects' | 'journey_events' | 'email_outbox') =>
    system.db
      .selectFrom(table)
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  const requests = await system.db
    .selectFrom('requests')
    .select(['id', 'status', 'token_generation'])
    .orderBy('id')
    .execute();
  const journeys = await system.db
    .selectFrom('journeys')
    .select(['partner_id', 'stage', 'status'])
    .orderBy('partner_id')
    .execute();
  return JSON.stringify([
    await count('partners'),
    await count('contacts'),
    await count('projects'),
    await count('journey_events'),
    await count('email_outbox'),
    requests,
    journeys,
  ]);
}

// Bodies: any JSON value, JSON-looking objects with the routes' own field names, and broken text.
const fieldNames = [
  'name',
  'actorType',
  'sector',
  'language',
  'contacts',
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
];
const body = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.dictionary(fc.constantFrom(...fieldNames), fc.jsonValue()).map((v) => JSON.stringify(v)),
  fc.string().map((s) => `{${s}`),
  fc.string(),
);

const routes = () => [
  `/api/partners`,
  `/api/partners/${partnerId}/withdraw`,
  `/api/partners/${partnerId}/expired-request`,
  `/api/projects`,
  `/api/partners/import`,
  requestLink,
];

test.each([0, 1, 2, 3, 4, 5])('route %#: arbitrary bodies never give a 5xx or change anything', async (index) => {
  const before = await snapshot();
  await fc.assert(
    fc.asyncProperty(body, async (payload) => {
      const url = routes()[index]!;
      const target = url.startsWith('http') ? url : `${system.url}${url}`;
      const response = await fetch(target, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${system.apiToken}`,
          'content-type': url.endsWith('/import') ? 'text/csv' : 'application/json',
          accept: 'application/json',
        },
        body: payload,
      });
      const answer = await response.json().catch(() => undefined);
      // A CSV import of garbage is a 200 with every row invalid, or a 400 for the whole file.
      if (url.endsWith('/import') && response.status === 200)
        return (answer as { summary: { created: number } }).summary.created === 0;
      return (
        response.status >= 400 &&
        response.status < 500 &&
        typeof (answer as { error?: { message?: string } })?.error?.message === 'string'
      );
    }),
    { numRuns: 60 },
  );
  expect(await snapshot()).toBe(before);
});

test('arbitrary query strings on the monitoring summary never give a 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(fc.dictionary(fc.constantFrom('groupBy', 'period', 'x'), fc.string()), async (query) => {
      const response = await system.staffFetch(`/api/monitoring/summary?${new URLSearchParams(query)}`);
      return response.status < 500;
    }),
    { numRuns: 60 },
  );
});
