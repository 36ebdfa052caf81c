import { createHash } from 'node:crypto';
import { journeyWorkflowId } from '../../domain/workflow-ids';
import { eventually } from '../support/eventually';
import { readJson } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** The walking skeleton, end to end: HTTP → Postgres → Temporal → SMTP → partner link. */

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(() => system?.stop());

const minderhedenforum = {
  name: 'Minderhedenforum',
  actorType: 'civil_society',
  sector: 'civil_society',
  contacts: [
    { name: 'Amina Coördinator', email: 'amina@minderhedenforum.example', role: 'coordinator' },
    { name: 'Jan Voorzitter', email: 'jan@minderhedenforum.example', role: 'signatory' },
  ],
};

const post = (body: unknown) =>
  system.staffFetch('/api/partners', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('onboarding a partner', () => {
  let created: { id: string; workflowId: string; stage: string };
  let link: string;
  let replyToken: string;

  beforeAll(async () => {
    const response = await post(minderhedenforum);
    expect(response.status).toBe(201);
    created = await readJson(response);
  });

  it('answers with the partner id, its journey workflow and the first stage', () => {
    expect(created).toEqual({ id: 'minderhedenforum', workflowId: 'journey-minderhedenforum', stage: 'intent' });
  });

  it('emails the coordinator a Dutch invitation with a personal link and a reply address', async () => {
    const message = await system.mail.waitForMessage((m) => m.to.includes('amina@minderhedenforum.example'), 30_000);
    expect(message.subject).toContain('Minderhedenforum');
    expect(message.subject).toMatch(/Uitnodiging/);
    expect(message.text).toMatch(/Beste Amina Coördinator/);
    expect(message.html).toContain('<a href="');
    const match = new RegExp(`${system.url}/r/([A-Za-z0-9_-]{43})`).exec(message.text);
    expect(match).not.toBeNull();
    link = match![0];
    const reply = new RegExp(`^reply\\+([A-Za-z0-9_-]{43})@${system.config.inbound.domain}$`).exec(message.replyTo!);
    expect(reply).not.toBeNull();
    replyToken = reply![1]!;
    // The reply address carries a token of its own: seen by a mail server or a forward, it opens no page.
    expect(replyToken).not.toBe(match![1]);
    expect(message.headers['x-idempotency-key']).toMatch(/^request\//);
  });

  it('opens no page with the reply address token', async () => {
    const response = await fetch(`${system.url}/r/${replyToken}`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(404);
    const post = await fetch(`${system.url}/r/${replyToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(post.status).toBe(404);
  });

  it('gives the link a page that shows the request to the partner', async () => {
    const html = await fetch(link);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('Minderhedenforum');

    const json = await fetch(link, { headers: { accept: 'application/json' } });
    expect(await readJson(json)).toMatchObject({
      kind: 'intent',
      status: 'pending',
      partner: { id: 'minderhedenforum', name: 'Minderhedenforum' },
    });
  });

  it('stores the partner, its contacts, the read model and the timeline, and the token only as a hash', async () => {
    const token = link.split('/r/')[1]!;
    const partner = await system.db
      .selectFrom('partners')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(partner).toMatchObject({
      name: 'Minderhedenforum',
      actor_type: 'civil_society',
      sector: 'civil_society',
      language: 'nl',
    });
    const contacts = await system.db
      .selectFrom('contacts')
      .select(['email', 'role'])
      .where('partner_id', '=', created.id)
      .orderBy('role')
      .execute();
    expect(contacts).toEqual([
      { email: 'amina@minderhedenforum.example', role: 'coordinator' },
      { email: 'jan@minderhedenforum.example', role: 'signatory' },
    ]);
    const journey = await system.db
      .selectFrom('journeys')
      .selectAll()
      .where('partner_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(journey).toMatchObject({
      stage: 'intent',
      status: 'waiting_partner',
      workflow_id: 'journey-minderhedenforum',
    });

    // The email leaves before the activity records that it was sent.
    await eventually(async () => {
      const events = await system.db
        .selectFrom('journey_events')
        .select('type')
        .where('partner_id', '=', created.id)
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.type)).toEqual(['journey_started', 'request_sent']);
    });

    const request = await system.db
      .selectFrom('requests')
      .selectAll()
      .where('partner_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({
      kind: 'intent',
      status: 'pending',
      recipient_email: 'amina@minderhedenforum.example',
    });
    expect(request.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    const outbox = await system.db.selectFrom('email_outbox').selectAll().execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ status: 'sent', attempts: 1, to_address: 'amina@minderhedenforum.example' });
    expect(JSON.stringify(outbox)).not.toContain(token);
  });

  it('runs the journey in Temporal with the search attributes administrators filter on', async () => {
    const description = await system.temporal.workflow.getHandle(journeyWorkflowId(created.id)).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.type).toBe('partnerJourney');
    const attributes = Object.fromEntries(
      description.typedSearchAttributes.getAll().map((pair) => [pair.key.name, pair.value]),
    );
    expect(attributes).toMatchObject({
      PartnerId: 'minderhedenforum',
      PartnerName: 'Minderhedenforum',
      JourneyStage: 'intent',
      Sector: 'civil_society',
      ActorType: 'civil_society',
    });
  });

  it('shows the partner with stage, pending request, timeline and a link to the Temporal UI', async () => {
    const response = await system.staffFetch(`/api/partners/${created.id}`);
    expect(response.status).toBe(200);
    const detail = await readJson(response);
    expect(detail).toMatchObject({
      id: 'minderhedenforum',
      stage: 'intent',
      status: 'waiting_partner',
      overdue: false,
    });
    expect(detail.pendingRequests).toEqual([
      expect.objectContaining({ kind: 'intent', recipientEmail: 'amina@minderhedenforum.example' }),
    ]);
    expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual(['journey_started', 'request_sent']);
    expect(detail.temporalUiUrl).toBe(`${system.url}/temporal/namespaces/default/workflows/journey-minderhedenforum`);
  });

  it('refuses the same partner a second time with 409, naming the existing id, and starts no second journey', async () => {
    const firstRun = (await system.temporal.workflow.getHandle(created.workflowId).describe()).runId;
    const again = await post({ ...minderhedenforum, name: '  MINDERHEDENFORUM ' });
    expect(again.status).toBe(409);
    const body = await readJson(again);
    expect(body.error).toMatchObject({ code: 'partner_exists', details: { id: 'minderhedenforum' } });
    expect(body.error.message).toContain('minderhedenforum');
    expect((await system.temporal.workflow.getHandle(created.workflowId).describe()).runId).toBe(firstRun);
    expect(await system.db.selectFrom('partners').select('id').execute()).toHaveLength(1);
  });
});

describe('bad input', () => {
  const valid = {
    name: 'Vzw Nooitopgeslagen',
    actorType: 'market',
    sector: 'work',
    contacts: [{ name: 'Vera', email: 'vera@nooit.example', role: 'coordinator' }],
  };

  async function expectRejected(response: Response, status: number, code: string, mentions: string) {
    expect(response.status).toBe(status);
    const body = await readJson(response);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toContain(mentions);
    // Nothing stored, no journey started.
    expect(
      await system.db.selectFrom('partners').select('id').where('id', '=', 'vzw-nooitopgeslagen').execute(),
    ).toHaveLength(0);
    await expect(system.temporal.workflow.getHandle('journey-vzw-nooitopgeslagen').describe()).rejects.toThrow();
  }

  it('rejects malformed JSON', async () =>
    expectRejected(await post('{"name": "Vzw Nooitopgeslagen",'), 400, 'invalid_body', 'JSON'));
  it('rejects a missing field, naming it', async () =>
    expectRejected(await post({ ...valid, sector: undefined }), 400, 'invalid_request', 'sector: is required'));
  it('rejects an unknown actor type, listing the allowed ones', async () =>
    expectRejected(
      await post({ ...valid, actorType: 'company' }),
      400,
      'invalid_request',
      'actorType: must be one of: state, civil_society, market',
    ));
  it('rejects an invalid email address', async () =>
    expectRejected(
      await post({ ...valid, contacts: [{ ...valid.contacts[0], email: 'not-an-address' }] }),
      400,
      'invalid_request',
      'contacts.0.email',
    ));
  it('rejects unknown fields instead of ignoring them', async () =>
    expectRejected(await post({ ...valid, sectr: 'work' }), 400, 'invalid_request', 'sectr: is not a known field'));
  it('rejects a partner without a coordinator', async () =>
    expectRejected(
      await post({ ...valid, contacts: [{ ...valid.contacts[0], role: 'signatory' }] }),
      400,
      'invalid_request',
      'coordinator',
    ));
  it('rejects staff calls without a token', async () =>
    expectRejected(
      await fetch(`${system.url}/api/partners`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(valid),
      }),
      401,
      'unauthenticated',
      'Authorization',
    ));
  it('rejects a wrong token', async () =>
    expectRejected(
      await fetch(`${system.url}/api/partners`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer nope' },
        body: JSON.stringify(valid),
      }),
      401,
      'unauthenticated',
      'not valid',
    ));
});

describe('health', () => {
  it('answers /healthz, a bare /readyz in public and the dependencies on the internal listener', async () => {
    expect((await fetch(`${system.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${system.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await readJson(ready)).toEqual({ status: 'ready' });
    const detailed = await fetch(`${system.internalUrl}/readyz`);
    expect(await readJson(detailed)).toEqual({ status: 'ready', checks: { database: 'ok', temporal: 'ok' } });
  });

  it('keeps the mail relay and /metrics off the public port', async () => {
    for (const [method, path] of [
      ['POST', '/internal/mail'],
      ['GET', '/metrics'],
    ]) {
      const response = await fetch(`${system.url}${path}`, { method });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    expect((await fetch(`${system.internalUrl}/metrics`)).status).toBe(200);
  });

  it('answers 404 for an unknown link without revealing anything', async () => {
    const response = await fetch(`${system.url}/r/${'x'.repeat(43)}`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(404);
    expect((await readJson(response)).error.code).toBe('link_not_found');
    const page = await fetch(`${system.url}/r/${'x'.repeat(43)}`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Deze link is niet bekend');
  });
});
