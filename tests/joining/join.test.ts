import { randomBytes } from 'node:crypto';
import { buildServer } from '../../api/server';
import { partnerIdFromName } from '../../domain/partner';
import { consentedReferrals } from '../../features/joining/referrals';
import { ensureSchedules } from '../../worker/schedules';
import { eventually } from '../support/eventually';
import { captureHistory } from '../support/history-fixtures';
import { readJson } from '../support/http';
import { endRateLimitWindows } from '../support/rate-limit-windows';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * Joining the pact from the public form (README.md, Joining the pact): double opt-in, staff
 * review, the journey starting at the intent review, referrals, expiry and the form's defences.
 */
let system: TestSystem;
let actors: Actors;
const schedulePrefix = `test-${randomBytes(4).toString('hex')}-`;
beforeAll(async () => {
  system = await startTestSystem({ PACT_MAX_REMINDERS: '0', PACT_EXPIRE_AFTER: '1h' });
  actors = new Actors(system);
});
afterAll(async () => {
  await system.temporal.schedule
    .getHandle(`${schedulePrefix}join-request-expiry`)
    .delete()
    .catch(() => undefined);
  await system?.stop();
});

const summary = 'Wij bieden vijf stageplaatsen aan en vormen onze ploeg rond vooroordelen.';

/** The JSON body of POST /pact/join for a test organisation (the shape of POST /api/partners plus intent and ref). */
function joinBody(name: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const id = partnerIdFromName(name);
  return {
    name,
    actorType: 'market',
    sector: 'work',
    language: 'nl',
    contacts: [
      { name: `Coördinator ${name}`, email: `coordinator@${id}.example`, role: 'coordinator' },
      { name: `Ondertekenaar ${name}`, email: `signatory@${id}.example`, role: 'signatory' },
    ],
    intent: { levers: ['agency', 'redistribution'], goals: ['placements_for_newcomers'], summary },
    ...fields,
  };
}

async function postJoin(body: unknown): Promise<{ status: number; body: any; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${system.url}/pact/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await readJson(response), ms: Date.now() - started };
}

/** The confirmation link in the email to the coordinator. */
async function confirmationLink(coordinator: string): Promise<string> {
  const email = await actors.nextEmail(coordinator, /Bevestig de aanmelding/);
  const link = new RegExp(`${system.url}/j/[A-Za-z0-9_-]{43}`).exec(email.text)?.[0];
  if (!link) throw new Error('no confirmation link');
  return link;
}

/** Opens the link and presses the button, as the coordinator does. */
async function confirmInBrowser(link: string): Promise<{ status: number; text: string }> {
  const page = await (await fetch(link)).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  const response = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: csrf ?? '' }).toString(),
  });
  return { status: response.status, text: await response.text() };
}

const joinRequests = async (): Promise<any[]> =>
  (await readJson(await system.staffFetch('/api/join-requests'))).joinRequests;
const joinNamed = async (name: string) => (await joinRequests()).find((j) => j.name === name);
const approve = (id: string) => system.staffFetch(`/api/join-requests/${id}/approve`, { method: 'POST' });

/** A join through the JSON form, confirmed by its email link: the id of its join request. */
async function confirmedJoin(name: string, fields: Record<string, unknown> = {}): Promise<string> {
  expect((await postJoin(joinBody(name, fields))).status).toBe(202);
  const link = await confirmationLink(`coordinator@${partnerIdFromName(name)}.example`);
  const confirmed = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(confirmed.status).toBe(200);
  return (await joinNamed(name)).id;
}

const rowCounts = async () => ({
  joins: Number(
    (
      await system.db
        .selectFrom('join_requests')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  partners: Number(
    (
      await system.db
        .selectFrom('partners')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

test('a join confirmed by its email link, reviewed and approved starts the journey at the intent review', async () => {
  const name = 'Bruggenbouwers';
  const id = partnerIdFromName(name);
  const answer = await postJoin(joinBody(name));
  expect(answer).toMatchObject({ status: 202, body: { status: 'received' } });
  expect((await joinNamed(name)).status).toBe('pending_confirmation');
  // Nothing is a partner before staff approve it.
  expect((await system.staffFetch(`/api/partners/${id}`)).status).toBe(404);

  const link = await confirmationLink(`coordinator@${id}.example`);
  const confirmed = await confirmInBrowser(link);
  expect(confirmed.status).toBe(200);
  expect(confirmed.text).toContain('bevestigd');
  // The link confirms once.
  expect((await confirmInBrowser(link)).status).toBe(404);
  const join = await joinNamed(name);
  expect(join).toMatchObject({ status: 'confirmed', actorType: 'market', sector: 'work', intent: { summary } });
  await actors.nextEmail(system.config.staffEmail, /Nieuwe aanmelding te beoordelen: Bruggenbouwers/);
  expect(await (await system.staffFetch('/staff')).text()).toMatch(/1 aanmelding te beoordelen/);

  const approved = await approve(join.id);
  expect(approved.status).toBe(201);
  expect(await readJson(approved)).toEqual({ id, workflowId: `journey-${id}`, stage: 'intent' });

  // The journey asks staff to review the intent from the form: no intent request to the coordinator.
  const review = await actors.nextEmail(system.config.staffEmail, /Bruggenbouwers/);
  const reviewPage = await (await fetch(actors.linkIn(review))).text();
  expect(reviewPage).toContain(summary);
  const partner = await actors.journey(id);
  expect(partner).toMatchObject({ stage: 'intent', status: 'waiting_staff', referredBy: null, referralUrl: null });
  expect(partner.pendingRequests).toEqual([expect.objectContaining({ kind: 'signoff' })]);
  const toCoordinator = (await system.mail.messages()).filter((m) => m.to.includes(`coordinator@${id}.example`));
  expect(toCoordinator.map((m) => m.subject)).toEqual([expect.stringMatching(/Bevestig de aanmelding/)]);
  expect(await joinNamed(name)).toMatchObject({ status: 'approved', partnerId: id, contacts: [] });

  // The review approves it: the signatory gets the commitment, as after any intent.
  expect((await actors.post(actors.linkIn(review), { decision: 'approve' })).status).toBe(200);
  await actors.nextEmail(`signatory@${id}.example`, /formeel engagement/);
  await actors.waitForStage(id, 'commitment');
  await captureHistory(system, `journey-${id}`, 'journey-joined-at-intent-review');
});

test("a join through a partner's invitation link records who brought it in", async () => {
  const referrer = await actors.onboard('Wegwijzer');
  await system.db
    .updateTable('partners')
    .set({ referral_code: 'wegwijzer-uitnodiging' })
    .where('id', '=', referrer)
    .execute();
  const form = await (await fetch(`${system.url}/pact/join?ref=wegwijzer-uitnodiging`)).text();
  expect(form).toContain('U werd uitgenodigd door Wegwijzer.');
  expect(form).toContain('name="ref" value="wegwijzer-uitnodiging"');

  const joinId = await confirmedJoin('Stapsteen', { ref: 'wegwijzer-uitnodiging' });
  expect((await joinNamed('Stapsteen')).referredBy).toEqual({ id: referrer, name: 'Wegwijzer' });
  expect((await approve(joinId)).status).toBe(201);

  const joined = await actors.journey('stapsteen');
  expect(joined).toMatchObject({ referredBy: { id: referrer, name: 'Wegwijzer' }, referralUrl: null });
  const bringer = await actors.journey(referrer);
  expect(bringer).toMatchObject({
    referredBy: null,
    referralUrl: `${system.config.publicUrl}/pact/join?ref=wegwijzer-uitnodiging`,
  });
  // The staff partner pages show the chain both ways.
  const page = await (await system.staffFetch(`/staff/partners/${referrer}`)).text();
  expect(page).toMatch(/Stapsteen/);
  const joinedPage = await (await system.staffFetch('/staff/partners/stapsteen')).text();
  expect(joinedPage).toMatch(/Wegwijzer/);
  // Further down the chain: a partner brought in by Stapsteen shows both who came before it.
  await system.db
    .updateTable('partners')
    .set({ referral_code: 'stapsteen-uitnodiging' })
    .where('id', '=', 'stapsteen')
    .execute();
  expect((await approve(await confirmedJoin('Springplank', { ref: 'stapsteen-uitnodiging' }))).status).toBe(201);
  const chained = await (await system.staffFetch('/staff/partners/springplank')).text();
  expect(chained).toMatch(/id="referred-by">[\s\S]*Wegwijzer<\/a> → <a[^>]*>Stapsteen<\/a>/);

  // A public page may show the link only once both partners consent to be listed.
  const pair = { referrerId: referrer, referrerName: 'Wegwijzer', id: 'stapsteen', name: 'Stapsteen' };
  const listed = (id: string, publicListing: boolean) =>
    system.db.updateTable('partners').set({ public_listing: publicListing }).where('id', '=', id).execute();
  await listed('stapsteen', true);
  expect(await consentedReferrals(system.db)).not.toContainEqual(pair);
  await listed(referrer, true);
  expect(await consentedReferrals(system.db)).toContainEqual(pair);
  await listed('stapsteen', false);
  expect(await consentedReferrals(system.db)).not.toContainEqual(pair);
});

test('an unconfirmed join expires and leaves nothing', async () => {
  const name = 'Vluchtheuvel';
  expect((await postJoin(joinBody(name))).status).toBe(202);
  const link = await confirmationLink(`coordinator@${partnerIdFromName(name)}.example`);
  const { id } = await joinNamed(name);
  await system.db
    .updateTable('join_requests')
    .set({ expires_at: new Date(Date.now() - 1000) })
    .where('id', '=', id)
    .execute();
  // The link no longer confirms, even before the clean-up ran.
  expect((await fetch(link)).status).toBe(404);

  await ensureSchedules(system.temporal, system.config, schedulePrefix);
  const schedule = system.temporal.schedule.getHandle(`${schedulePrefix}join-request-expiry`);
  await schedule.trigger();
  const workflowId = await eventually(async () => {
    const { info } = await schedule.describe();
    const run = info.recentActions.at(-1)?.action.workflow.workflowId;
    if (!run) throw new Error('not started yet');
    await system.temporal.workflow.getHandle(run).result();
    return run;
  });
  expect(await system.db.selectFrom('join_requests').selectAll().where('id', '=', id).execute()).toEqual([]);
  const kept = await system.db
    .selectFrom('email_outbox')
    .select('idempotency_key')
    .where('idempotency_key', 'like', `join/${id}/%`)
    .execute();
  expect(kept).toEqual([]);
  expect(await joinNamed(name)).toBeUndefined();
  await captureHistory(system, workflowId, 'scheduled-join-request-expiry');
});

test('a bad field is a 400 naming it, and nothing is stored', async () => {
  const before = await rowCounts();
  const badEmail = joinBody('Foutloos');
  (badEmail.contacts as any[])[0].email = 'not-an-address';
  const refused = await postJoin(badEmail);
  expect(refused.status).toBe(400);
  expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'contacts.0.email' })]);

  const noLevers = await postJoin(joinBody('Foutloos', { intent: { levers: [], goals: ['counter_racism'], summary } }));
  expect(noLevers.status).toBe(400);
  expect(noLevers.body.error.message).toContain('intent.levers');
  expect((await postJoin(joinBody('Foutloos', { sector: 'bakery' }))).body.error.message).toContain('sector');
  const noCoordinator = await postJoin(
    joinBody('Foutloos', { contacts: [{ name: 'Iemand', email: 'iemand@foutloos.example', role: 'signatory' }] }),
  );
  expect(noCoordinator.status).toBe(400);
  expect(noCoordinator.body.error.details).toEqual([expect.objectContaining({ field: 'contacts' })]);
  expect((await postJoin(joinBody('Foutloos', { name: '!!!' }))).body.error.details).toEqual([
    expect.objectContaining({ field: 'name' }),
  ]);

  // The page shows the problem next to its field, and stores nothing either.
  const { csrf } = await servedForm();
  const page = await postForm({ csrf, ...formFields('Foutloos'), coordinatorEmail: 'nope' });
  expect(page.status).toBe(400);
  expect(page.text).toMatch(/id="coordinatorEmail-error">Vul een geldig e-mailadres in/);
  expect(page.text).toContain('value="Foutloos"');
  expect(await rowCounts()).toEqual(before);
});

test('a filled honeypot gets the same answer, and nothing is stored or sent', async () => {
  const before = await rowCounts();
  const { csrf } = await servedForm();
  const trapped = await postForm({ csrf, ...formFields('Lokvogel'), website: 'http://spam.example' });
  const { csrf: csrf2 } = await servedForm();
  const real = await postForm({ csrf: csrf2, ...formFields('Echtegast') });
  expect(trapped.status).toBe(200);
  expect(trapped.text).toBe(real.text);
  expect((await rowCounts()).joins).toBe(before.joins + 1);
  await actors.nextEmail('coordinator@echtegast.example', /Bevestig/);
  expect((await system.mail.messages()).some((m) => m.to.includes('coordinator@lokvogel.example'))).toBe(false);
});

test('a form from another site or without its token is refused, and stores nothing', async () => {
  const before = await rowCounts();
  const forged = await postForm({ csrf: `${Date.now()}.forged`, ...formFields('Vervalst') });
  expect(forged.status).toBe(403);
  const { csrf } = await servedForm();
  const crossSite = await postForm({ csrf, ...formFields('Vervalst') }, { origin: 'https://evil.example' });
  expect(crossSite.status).toBe(403);
  expect(await rowCounts()).toEqual(before);
});

test('a known organisation or address gets the same answer, in the same time, and no "already exists"', async () => {
  await actors.onboard('Ontmoetingshuis');
  const known = await postJoin(joinBody('Ontmoetingshuis'));
  const unknown = await postJoin(joinBody('Nieuwkomer'));
  expect(known.status).toBe(unknown.status);
  expect(known.body).toEqual(unknown.body);
  for (const ms of [known.ms, unknown.ms]) expect(ms).toBeGreaterThanOrEqual(390);
  expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(300);
  // The known address gets a confirmation like anyone: nothing in it says the partner exists.
  const email = await actors.nextEmail('coordinator@ontmoetingshuis.example', /Bevestig de aanmelding/);
  expect(email.text).not.toMatch(/bestaat al|already|existe/i);
});

test('staff reject a join: its personal data and emails are erased', async () => {
  const joinId = await confirmedJoin('Afgewezen');
  const refused = await system.staffFetch(`/api/join-requests/${joinId}/reject`, {
    method: 'POST',
    body: JSON.stringify({ reason: 'Geen organisatie maar een persoon.' }),
  });
  expect(refused.status).toBe(200);
  expect(await readJson(refused)).toEqual({ id: joinId, status: 'rejected' });
  const row = await system.db
    .selectFrom('join_requests')
    .selectAll()
    .where('id', '=', joinId)
    .executeTakeFirstOrThrow();
  expect(row).toMatchObject({ status: 'rejected', data: null, reason: 'Geen organisatie maar een persoon.' });
  const emails = await system.db
    .selectFrom('email_outbox')
    .select('to_address')
    .where('idempotency_key', 'like', `join/${joinId}/%`)
    .execute();
  expect(emails).toEqual([]);
  const again = await approve(joinId);
  expect(again.status).toBe(409);
  expect((await system.staffFetch(`/api/join-requests/${joinId}/reject`, { method: 'POST', body: '{}' })).status).toBe(
    400,
  );
});

test('approving a join of an organisation that is a partner already is a 409, and changes nothing', async () => {
  await actors.onboard('Horizonwerking');
  const joinId = await confirmedJoin('Horizonwerking');
  const refused = await approve(joinId);
  expect(refused.status).toBe(409);
  expect((await readJson(refused)).error.code).toBe('partner_exists');
  expect((await joinNamed('Horizonwerking')).status).toBe('confirmed');
  // An unconfirmed join cannot be approved either.
  expect((await postJoin(joinBody('Ongeduldig'))).status).toBe(202);
  const pending = await approve((await joinNamed('Ongeduldig')).id);
  expect(pending.status).toBe(409);
  expect((await readJson(pending)).error.code).toBe('join_not_confirmed');
  expect((await system.staffFetch('/api/join-requests?colour=red')).status).toBe(400);
});

test('the join form is rate-limited per client', async () => {
  const app = await buildServer({ ...system, config: { ...system.config, joinRateLimit: 2 } });
  // The joins sent earlier in this file, from the same address, count in the window every API shares:
  // the test starts once that window has ended.
  await endRateLimitWindows(system.db);
  try {
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const send = () =>
      fetch(`${base}/pact/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect((await send()).status).toBe(400);
    expect((await send()).status).toBe(400);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // The form page itself is not counted against the joins.
    expect((await fetch(`${base}/pact/join`)).status).toBe(200);
  } finally {
    await app.close();
  }
});

/** The form page as a visitor gets it: its CSRF field. */
async function servedForm(): Promise<{ csrf: string }> {
  const page = await (await fetch(`${system.url}/pact/join`)).text();
  return { csrf: /name="csrf" value="([^"]+)"/.exec(page)![1]! };
}

function formFields(name: string): Record<string, string | string[]> {
  const id = partnerIdFromName(name);
  return {
    name,
    actorType: 'civil_society',
    sector: 'culture',
    language: 'nl',
    coordinatorName: `Coördinator ${name}`,
    coordinatorEmail: `coordinator@${id}.example`,
    levers: ['trust', 'agency'],
    goals: ['mutual_respect'],
    summary,
  };
}

async function postForm(
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  const response = await fetch(`${system.url}/pact/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: body.toString(),
  });
  return { status: response.status, text: await response.text() };
}
