import { randomUUID } from 'node:crypto';
import { brusselsLocal } from '../../domain/brussels-time';
import { roundWorkflowId } from '../../domain/workflow-ids';
import { handleInboundEmail, type InboundDeps } from '../../inbound/handle-reply';
import { createMailer, type Mailer } from '../../mail/mailer';
import { openForm } from '../../dev/form-page';
import { captureHistory } from '../support/history-fixtures';
import { readJson } from '../support/http';
import type { CaughtMessage } from '../support/mail-inbox';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * A prioritisation round (docs/prioritisation.md) over five initiatives for four partners: one ranks
 * on the page, one by JSON (changing its ranking twice), one by replying to the email with numbers,
 * and one never answers and expires when staff close the round early. The result is the Borda count
 * done by hand below.
 */
let system: TestSystem;
let actors: Actors;
let mailer: Mailer;
let inbound: InboundDeps;
let partners: [string, string, string, string];
let roundId: string;
/** The five initiatives a…e, numbered 1…5 in the round. */
const ids: Record<'a' | 'b' | 'c' | 'd' | 'e', string> = {
  a: randomUUID(),
  b: randomUUID(),
  c: randomUUID(),
  d: randomUUID(),
  e: randomUUID(),
};
const titles = {
  a: 'Buddywerking voor nieuwkomers',
  b: 'Cultuursensitief personeelsbeleid',
  c: 'Taalcafé op de werkvloer',
  d: 'Open bedrijvendag',
  e: 'Stageplaatsen in de zorg',
};
const ballots: Record<string, CaughtMessage> = {};

beforeAll(async () => {
  system = await startTestSystem({
    PACT_REMINDER_AFTER: '15s',
    PACT_REMINDER_EVERY: '1h',
    PACT_MAX_REMINDERS: '1',
    PACT_ESCALATE_AFTER: '2h',
    PACT_EXPIRE_AFTER: '3h',
  });
  actors = new Actors(system);
  mailer = createMailer(system.config);
  inbound = { db: system.db, temporal: system.temporal, mailer, config: system.config };
  partners = [
    await actors.onboard('Borda Atelier', { sector: 'care' }),
    await actors.onboard('Borda Brug', { sector: 'work' }),
    await actors.onboard('Borda Cirkel', { sector: 'care' }),
    await actors.onboard('Borda Duin', { sector: 'education' }),
  ];
  // The portfolio is another feature's (initiative CRUD): its rows, as that feature stores them.
  await system.db
    .insertInto('initiatives')
    .values(
      (Object.keys(ids) as (keyof typeof ids)[]).map((k) => ({
        id: ids[k],
        idempotency_key: `test-${ids[k]}`,
        title: titles[k],
        description: `${titles[k]}: beschrijving.`,
        kind: 'proposal' as const,
        origin: 'staff' as const,
        levers: JSON.stringify(['trust']),
      })),
    )
    .execute();
  await system.db
    .insertInto('initiative_partners')
    .values([
      { initiative_id: ids.d, partner_id: partners[0], role: 'supporter' },
      { initiative_id: ids.d, partner_id: partners[1], role: 'proposer' },
    ])
    .execute();
});
afterAll(async () => {
  mailer?.close();
  await system?.stop();
});

const post = (path: string, body?: unknown) =>
  system.staffFetch(path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const round = async () => readJson(await system.staffFetch(`/api/prioritisation-rounds/${roundId}`));
const ballotOf = async (partnerId: string) =>
  (await round()).ballots.find((b: { partnerId: string }) => b.partnerId === partnerId);
const linkIn = (message: CaughtMessage) => new RegExp(`${system.url}/b/[A-Za-z0-9_-]{43}`).exec(message.text)![0];
const replyAddressIn = (message: CaughtMessage) => /reply\+[A-Za-z0-9_-]{43}@[^\s>]+/.exec(message.replyTo ?? '')![0];
const inDays = (days: number) => brusselsLocal(Date.now() + days * 86_400_000);
const plainReply = (partnerId: string, message: CaughtMessage, text: string, from?: string) =>
  Buffer.from(
    [
      `From: ${from ?? actors.addresses(partnerId).coordinator}`,
      `To: ${replyAddressIn(message)}`,
      `Subject: Re: ${message.subject}`,
      `Message-ID: <ballot-${randomUUID()}@${partnerId}.example>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
      '',
      `> ${message.text.split('\n')[0]}`,
      '',
    ].join('\r\n'),
  );
const roundBody = (extra: Record<string, unknown> = {}) => ({
  title: 'Prioriteiten 2027',
  initiativeIds: [ids.a, ids.b, ids.c, ids.d, ids.e],
  invitees: { partnerIds: partners },
  closesAt: inDays(7),
  maxRanked: 3,
  prioritiseTop: 2,
  ...extra,
});

test('bad input is a 400 that names the problem, and nothing is stored', async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ initiativeIds: [] }, /initiativeIds: choose at least one initiative/],
    [{ initiativeIds: [ids.a, 'not-an-initiative'] }, /initiativeIds: unknown initiative not-an-initiative/],
    [{ closesAt: '2020-01-01T12:00' }, /closesAt: must be in the future/],
    [{ closesAt: 'next week' }, /closesAt/],
    // No filter: every formalised partner, and none of these four has signed yet.
    [{ invitees: {} }, /invitees: no partner/],
    [{ invitees: { partnerIds: ['nobody-here'] } }, /invitees.partnerIds: unknown partner nobody-here/],
    [{ maxRanked: 0 }, /maxRanked/],
  ];
  for (const [extra, message] of cases) {
    const response = await post('/api/prioritisation-rounds', roundBody(extra));
    expect(response.status).toBe(400);
    expect((await readJson(response)).error.message).toMatch(message);
  }
  expect(await system.db.selectFrom('prioritisation_rounds').selectAll().execute()).toEqual([]);
  expect(await system.db.selectFrom('ballots').selectAll().execute()).toEqual([]);
});

test('staff open a round: each coordinator gets a ballot with the initiatives numbered 1…5', async () => {
  const opened = await post('/api/prioritisation-rounds', roundBody());
  expect(opened.status).toBe(201);
  const body = await readJson(opened);
  roundId = body.id;
  expect(body).toEqual({
    id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    workflowId: `round-${roundId}`,
    status: 'open',
    ballots: 4,
  });
  for (const partnerId of partners) {
    const message = await actors.nextEmail(actors.addresses(partnerId).coordinator, /Stem mee: Prioriteiten 2027/);
    ballots[partnerId] = message;
    expect(message.text).toContain(`1. ${titles.a}\n2. ${titles.b}\n3. ${titles.c}\n4. ${titles.d}\n5. ${titles.e}`);
    expect(message.text).toContain('bijvoorbeeld "3, 1, 5" (ten hoogste 3 nummers)');
    expect(linkIn(message)).toBeTruthy();
    expect(replyAddressIn(message)).toMatch(/@reply\.integratiepact\.localhost$/);
  }
  // The outbox keeps a record, not credentials.
  const stored = await system.db
    .selectFrom('email_outbox')
    .select(['text_body', 'reply_to'])
    .where('idempotency_key', 'like', `ballot/${roundId}/%`)
    .execute();
  expect(stored).toHaveLength(4);
  for (const row of stored) {
    expect(row.text_body).not.toMatch(/\/b\/[A-Za-z0-9_-]{43}/);
    expect(row.reply_to).toBe('reply+[token]@reply.integratiepact.localhost');
  }
  expect((await readJson(await system.staffFetch('/api/prioritisation-rounds'))).prioritisationRounds).toEqual([
    expect.objectContaining({ id: roundId, status: 'open', ballots: 4, answered: 0, maxRanked: 3, prioritiseTop: 2 }),
  ]);
  // The workflow's input holds ids only.
  const history = await system.temporal.workflow.getHandle(roundWorkflowId(roundId)).fetchHistory();
  expect(JSON.stringify(history)).not.toContain('Borda');
});

test('the first partner ranks on the page; a ranking naming one initiative twice is refused and changes nothing', async () => {
  const link = linkIn(ballots[partners[0]]!);
  const form = await openForm(link);
  expect(form.status).toBe(200);
  expect(form.html).toContain('Prioriteiten 2027');
  expect(form.html).toContain('1e keuze');
  expect(form.html).toContain(titles.e);

  const twice = await form.submit([
    ['choice1', ids.a],
    ['choice2', ids.a],
  ]);
  expect(twice.status).toBe(400);
  expect(await twice.text()).toContain(`Meer dan één keer gekozen: 1. ${titles.a}`);
  expect(await ballotOf(partners[0])).toMatchObject({ status: 'pending', ranking: null });

  const ranked = await form.submit([
    ['choice1', ids.c],
    ['choice2', ids.a],
    ['choice3', ids.e],
  ]);
  expect(ranked.status).toBe(200);
  expect(await ranked.text()).toContain('uw rangschikking is geregistreerd');
  expect(await ballotOf(partners[0])).toMatchObject({
    status: 'answered',
    via: 'page',
    ranking: [ids.c, ids.a, ids.e],
  });
  const again = await openForm(link, '?lang=fr');
  expect(again.html).toContain('Votre classement actuel');
  expect(again.html).toMatch(new RegExp(`<option value="${ids.c}" selected`));
});

test('the second partner ranks by JSON: bad rankings are 400s naming the problem; changed twice, the last counts once', async () => {
  const link = linkIn(ballots[partners[1]]!);
  const shown = await fetch(link, { headers: { accept: 'application/json' } });
  expect(await readJson(shown)).toEqual({
    round: { id: roundId, title: 'Prioriteiten 2027', status: 'open' },
    closesAt: expect.any(String),
    maxRanked: 3,
    initiatives: (['a', 'b', 'c', 'd', 'e'] as const).map((k, i) => ({ id: ids[k], number: i + 1, title: titles[k] })),
    ranking: [],
  });
  const bad: [unknown, RegExp][] = [
    [[ids.a, 'elsewhere'], /ranking: not in this round: elsewhere/],
    [[ids.a, ids.a], /ranking: ranked more than once/],
    [[ids.a, ids.b, ids.c, ids.d], /ranking: rank at most 3 initiatives/],
    [[], /ranking: rank at least one initiative/],
    ['a, b', /ranking: must be array/],
    [{ first: ids.a }, /ranking: must be array/],
  ];
  for (const [ranking, message] of bad) {
    const { status, body } = await actors.post(link, { ranking });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(message);
  }
  expect(await ballotOf(partners[1])).toMatchObject({ status: 'pending', ranking: null });

  for (const ranking of [[ids.b], [ids.d, ids.b], [ids.a, ids.c]]) {
    const { status, body } = await actors.post(link, { ranking });
    expect(status).toBe(200);
    expect(body).toEqual({ roundId, ranking });
  }
  expect(await ballotOf(partners[1])).toMatchObject({ status: 'answered', via: 'api', ranking: [ids.a, ids.c] });
  const timeline = await system.db
    .selectFrom('journey_events')
    .select('type')
    .where('partner_id', '=', partners[1])
    .where('type', '=', 'ballot_answered')
    .execute();
  expect(timeline).toHaveLength(3);
});

test('the third partner replies to the email: an unclear reply is told what to write, then "5 1 2" ranks', async () => {
  const partnerId = partners[2];
  const message = ballots[partnerId]!;
  expect(await handleInboundEmail(inbound, plainReply(partnerId, message, 'Ik kies het taalcafé en de buddies'))).toBe(
    'ballot_unclear',
  );
  const told = await actors.nextEmail(actors.addresses(partnerId).coordinator, /Uw stem: Prioriteiten 2027/);
  expect(told.text).toContain('bijvoorbeeld: 3, 1, 5');
  expect(told.text).toContain(`3. ${titles.c}`);
  expect(told.headers['auto-submitted']).toBe('auto-replied');
  // A number not in the email, or more than N numbers: unclear too, nothing changes.
  expect(await handleInboundEmail(inbound, plainReply(partnerId, message, '6, 1'))).toBe('ballot_unclear');
  expect(await handleInboundEmail(inbound, plainReply(partnerId, message, '1, 2, 3, 4'))).toBe('ballot_unclear');
  for (let told = 0; told < 2; told++) {
    const answer = await actors.nextEmail(actors.addresses(partnerId).coordinator, /Uw stem: Prioriteiten 2027/);
    expect(answer.text).toContain('er is niets gewijzigd');
  }
  expect(await ballotOf(partnerId)).toMatchObject({ status: 'pending', ranking: null });
  // From another address: nothing changes.
  expect(await handleInboundEmail(inbound, plainReply(partnerId, message, '1', 'someone@elsewhere.example'))).toBe(
    'ballot_wrong_sender',
  );

  expect(await handleInboundEmail(inbound, plainReply(partnerId, message, '5 1 2'))).toBe('ballot_answered');
  expect(await ballotOf(partnerId)).toMatchObject({
    status: 'answered',
    via: 'email',
    ranking: [ids.e, ids.a, ids.b],
  });
  const confirmed = await actors.nextEmail(actors.addresses(partnerId).coordinator, /Uw stem: Prioriteiten 2027/);
  expect(confirmed.text).toContain(`1. ${titles.e} (5)\n2. ${titles.a} (1)\n3. ${titles.b} (2)`);
});

test('the fourth partner, who has not ranked, is reminded before the round closes', async () => {
  const reminder = await actors.nextEmail(
    actors.addresses(partners[3]).coordinator,
    /Herinnering: stem mee over Prioriteiten 2027/,
    40_000,
  );
  expect(reminder.text).toContain(`4. ${titles.d}`);
  expect(linkIn(reminder)).toBe(linkIn(ballots[partners[3]]!));
  const toFirst = (await system.mail.messages()).filter(
    (m) => m.to.includes(actors.addresses(partners[0]).coordinator) && /Herinnering: stem mee/.test(m.subject),
  );
  expect(toFirst).toEqual([]);
}, 60_000);

test('staff close the round early: the unanswered ballot expires and the result is the Borda count by hand', async () => {
  const closed = await post(`/api/prioritisation-rounds/${roundId}/close`);
  expect(closed.status).toBe(200);
  // N = 3: rank r scores 4 − r.
  //   page  c, a, e → c 3, a 2, e 1
  //   JSON  a, c    → a 3, c 2        (its earlier rankings b and d, b count nothing)
  //   email e, a, b → e 3, a 2, b 1
  //   expired       → nothing
  //   a 7, c 5, e 4, b 1, d 0
  const expected = [
    { initiativeId: ids.a, score: 7, rank: 1 },
    { initiativeId: ids.c, score: 5, rank: 2 },
    { initiativeId: ids.e, score: 4, rank: 3 },
    { initiativeId: ids.b, score: 1, rank: 4 },
    { initiativeId: ids.d, score: 0, rank: 5 },
  ];
  expect((await readJson(closed)).result).toMatchObject(expected);
  const detail = await round();
  expect(detail.status).toBe('closed');
  expect(detail.result).toMatchObject(expected);
  expect(detail.result[4]).toMatchObject({ supporters: 2, firstPlaces: 0 });
  // From the close on the round keeps its turnout: the rounds list reads it rather than counting.
  const turnout = await system.db
    .selectFrom('prioritisation_rounds')
    .select(['ballots_sent', 'ballots_answered'])
    .where('id', '=', roundId)
    .executeTakeFirst();
  expect(turnout).toEqual({ ballots_sent: 4, ballots_answered: 3 });
  const byPartner = Object.fromEntries(
    detail.ballots.map((b: { partnerId: string; status: string; via: string }) => [b.partnerId, [b.status, b.via]]),
  );
  expect(byPartner).toEqual({
    [partners[0]]: ['answered', 'page'],
    [partners[1]]: ['answered', 'api'],
    [partners[2]]: ['answered', 'email'],
    [partners[3]]: ['expired', null],
  });
  // The top K = 2 become prioritised, in order: the pact's list of initiatives in order of importance.
  const initiatives = await system.db
    .selectFrom('initiatives')
    .select(['id', 'status', 'priority_rank'])
    .orderBy('priority_rank')
    .execute();
  expect(initiatives.filter((i) => i.status === 'prioritised')).toEqual([
    { id: ids.a, status: 'prioritised', priority_rank: 1 },
    { id: ids.c, status: 'prioritised', priority_rank: 2 },
  ]);
  expect(initiatives.filter((i) => i.status === 'proposed')).toHaveLength(3);
  // The initiative's own page and JSON name the round and its place in it.
  const winner = await readJson(await system.staffFetch(`/api/initiatives/${ids.a}`));
  expect(winner.rounds).toEqual([expect.objectContaining({ id: roundId, status: 'closed', rank: 1, score: 7 })]);
  await system.temporal.workflow.getHandle(roundWorkflowId(roundId)).result();
  await captureHistory(system, roundWorkflowId(roundId), 'prioritisation-round-closed-by-staff');
});

test('after the close, every channel is told the round has closed and nothing changes', async () => {
  const link = linkIn(ballots[partners[0]]!);
  const { status, body } = await actors.post(link, { ranking: [ids.d] });
  expect(status).toBe(410);
  expect(body.error.code).toBe('round_closed');
  const page = await openForm(link);
  expect(page.html).toContain('Deze stemming is gesloten.');
  expect(page.html).not.toContain('<form');
  const message = ballots[partners[3]]!;
  expect(await handleInboundEmail(inbound, plainReply(partners[3], message, '4'))).toBe('ballot_closed');
  const told = await actors.nextEmail(actors.addresses(partners[3]).coordinator, /Uw stem: Prioriteiten 2027/);
  expect(told.text).toContain('Deze stemming is gesloten');
  expect(await ballotOf(partners[3])).toMatchObject({ status: 'expired', ranking: null });
  expect((await post(`/api/prioritisation-rounds/${roundId}/close`)).status).toBe(409);
});

test('staff see the round, its ballots by channel and its result; the partner page lists its ballot; the network summary the priorities', async () => {
  const page = await system.staffFetch(`/staff/prioritisation-rounds/${roundId}`);
  expect(page.status).toBe(200);
  const text = await page.text();
  expect(text).toContain('Resultaat (Borda-telling)');
  expect(text).toMatch(new RegExp(`1\\. ${titles.a}[^<]*<span class="badge ok">geprioriteerd`));
  for (const channel of ['via de link', 'via de API', 'per e-mail', 'verlopen']) expect(text).toContain(channel);
  expect(text).not.toContain('Nu sluiten');
  const list = await (await system.staffFetch('/staff/prioritisation-rounds?lang=en')).text();
  expect(list).toContain('Prioriteiten 2027');
  expect(list).toContain('3 / 4');
  expect(list).toContain('Open a round');
  expect(list).toMatch(/Latest closed round: <a[^>]*>Prioriteiten 2027<\/a>/);
  expect(list).toMatch(
    new RegExp(`<li>${titles.a} <span class="muted">\\(7\\)</span> <span class="badge ok">prioritised</span></li>`),
  );
  expect(list).toContain(titles.d); // a candidate for the next round

  const partnerPage = await (await system.staffFetch(`/staff/partners/${partners[3]}`)).text();
  expect(partnerPage).toContain(`href="/staff/prioritisation-rounds/${roundId}">Prioriteiten 2027</a>`);
  expect(partnerPage).toContain('Niet gestemd in een prioriteringsronde');
  const voter = await (await system.staffFetch(`/staff/partners/${partners[2]}`)).text();
  expect(voter).toContain('Gestemd in een prioriteringsronde');
  expect(voter).toContain('Prioriteiten 2027: per e-mail');
  expect((await readJson(await system.staffFetch(`/api/partners/${partners[2]}/ballots`))).ballots).toEqual([
    expect.objectContaining({ roundId, roundTitle: 'Prioriteiten 2027', status: 'answered', via: 'email' }),
  ]);

  await system.temporal.workflow.execute('networkSummary', {
    taskQueue: system.config.temporal.taskQueue,
    workflowId: `network-summary-borda-${Date.now()}`,
  });
  const summary = await actors.nextEmail(system.config.staffEmail, /Lerend netwerk/);
  expect(summary.text).toContain('Prioriteiten van het netwerk (ronde "Prioriteiten 2027"');
  expect(summary.text).toContain(`1. ${titles.a}: 7 punten\n2. ${titles.c}: 5 punten`);
});

test("a corrected coordinator address renews the ballot's links and gets the ballot; the old link stops working", async () => {
  const partnerId = partners[3];
  const body = roundBody({
    title: 'Tweede ronde',
    invitees: { partnerIds: [partnerId] },
    initiativeIds: [ids.b, ids.d],
    idempotencyKey: `tweede-ronde-${roundId}`,
  });
  const opened = await post('/api/prioritisation-rounds', body);
  expect(opened.status).toBe(201);
  const second = (await readJson(opened)).id as string;
  // The same form or key again opens nothing and names the round it opened.
  const again = await post('/api/prioritisation-rounds', body);
  expect(again.status).toBe(409);
  expect((await readJson(again)).error).toMatchObject({ code: 'round_exists', details: { id: second } });
  const oldAddress = actors.addresses(partnerId).coordinator;
  const oldLink = linkIn(await actors.nextEmail(oldAddress, /Stem mee: Tweede ronde/));
  expect((await fetch(oldLink)).status).toBe(200);

  const contacts = (await actors.journey(partnerId)).contacts as { role: string; email: string }[];
  const newAddress = 'nieuw-adres@borda-duin.example';
  const put = await system.staffFetch(`/api/partners/${partnerId}/contacts`, {
    method: 'PUT',
    body: JSON.stringify({
      contacts: contacts.map((c) => (c.role === 'coordinator' ? { ...c, email: newAddress } : c)),
    }),
  });
  expect(put.status).toBe(200);
  expect((await fetch(oldLink)).status).toBe(404);
  const renewed = await actors.nextEmail(newAddress, /Stem mee: Tweede ronde/);
  const newLink = linkIn(renewed);
  expect(newLink).not.toBe(oldLink);
  const { status } = await actors.post(newLink, { ranking: [ids.d] });
  expect(status).toBe(200);
  const detail = await readJson(await system.staffFetch(`/api/prioritisation-rounds/${second}`));
  expect(detail.ballots).toEqual([expect.objectContaining({ partnerId, status: 'answered', ranking: [ids.d] })]);
  // The closed round's ballot was renewed too, and stays closed.
  expect(await handleInboundEmail(inbound, plainReply(partnerId, ballots[partnerId]!, '4', newAddress))).toBe(
    'ignored',
  );
});
