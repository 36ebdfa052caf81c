import { connect } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { registerErrorHandling } from '../../api/errors';
import type { RequestKind } from '../../domain/journey';
import { handleInboundEmail, type InboundDeps, type InboundResult } from '../../inbound/handle-reply';
import { startInboundSmtp, type InboundSmtp } from '../../inbound/smtp-listener';
import { inboundWebhookRoutes } from '../../inbound/webhook-route';
import { createMailer, type Mailer } from '../../mail/mailer';
import { freePort } from '../support/free-port';
import { readJson } from '../support/http';
import type { CaughtMessage } from '../support/mail-inbox';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** Partners act by replying to the request email (README.md, Partners act by email), through the real SMTP listener. */
const secret = 'inbound-test-secret-0123456789-abcdefgh';
let system: TestSystem;
let actors: Actors;
let mailer: Mailer;
let deps: InboundDeps & { config: TestSystem['config'] };
let inbound: InboundSmtp;
let sender: Transporter;
const results: InboundResult[] = [];
const errors: unknown[] = [];

beforeAll(async () => {
  system = await startTestSystem({
    PACT_REMINDER_AFTER: '1h',
    PACT_ESCALATE_AFTER: '2h',
    PACT_EXPIRE_AFTER: '3h',
    INBOUND_WEBHOOK_SECRET: secret,
  });
  actors = new Actors(system);
  mailer = createMailer(system.config);
  deps = { db: system.db, temporal: system.temporal, mailer, config: system.config };
  inbound = await startInboundSmtp({
    port: await freePort(),
    domain: system.config.inbound.domain!,
    handle: async (raw, envelope) => results.push(await handleInboundEmail(deps, raw, envelope)),
    onError: (error) => errors.push(error),
  });
  sender = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  sender?.close();
  await inbound?.close();
  mailer?.close();
  await system?.stop();
});
afterEach(() => expect(errors).toEqual([]));

const replyAddress = (message: CaughtMessage) =>
  /reply\+[A-Za-z0-9_-]{43}@[^\s>]+/.exec(message.replyTo ?? '')?.[0] ?? '';
const quoted = (message: CaughtMessage) =>
  `Op ma 3 jun 2024 om 10:00 schreef Integratiepact <${system.config.mailFrom}>:\n${message.text.replace(/^/gm, '> ')}`;

/** Replies the way a mail client does: the answer on top, the original quoted below. Resolves with what the handler decided. */
async function reply(
  to: CaughtMessage,
  from: string,
  text: string,
  headers: Record<string, string> = {},
): Promise<InboundResult> {
  await sender.sendMail({
    from,
    to: replyAddress(to),
    subject: `Re: ${to.subject}`,
    inReplyTo: to.messageId,
    text: `${text}\n\n${quoted(to)}`,
    headers,
  });
  const result = results.at(-1);
  if (!result) throw new Error('the listener answered before handling the message');
  return result;
}

async function requestOf(partnerId: string, kind: RequestKind) {
  return system.db
    .selectFrom('requests')
    .select(['id', 'status', 'answer'])
    .where('partner_id', '=', partnerId)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
}

const mailTo = async (address: string) => (await system.mail.messages()).filter((m) => m.to.includes(address));

/** A partner whose signatory has just received the commitment to sign. */
async function awaitingSignature(name: string) {
  const id = await actors.onboard(name);
  const who = actors.addresses(id);
  await actors.expectOk(actors.answer(who.coordinator, intentAnswer));
  await actors.expectOk(actors.answer(who.staff, { decision: 'approve' }, new RegExp(name)));
  return { id, who, ask: await actors.nextEmail(who.signatory) };
}

describe('a signature by reply', () => {
  let signed: Awaited<ReturnType<typeof awaitingSignature>>;

  test('"Ja, akkoord" above the quoted original signs, and the director is asked to countersign', async () => {
    signed = await awaitingSignature('Ledeganck');
    expect(await reply(signed.ask, signed.who.signatory, 'Ja, akkoord')).toBe('answered');

    const countersign = await actors.nextEmail(signed.who.director, /Ledeganck/);
    expect(countersign.text).toContain('Ledeganck');
    const events = await system.db
      .selectFrom('journey_events')
      .select(['type', 'summary'])
      .where('partner_id', '=', signed.id)
      .where('type', '=', 'request_answered')
      .execute();
    expect(events.map((e) => e.summary)).toContainEqual(
      expect.stringMatching(/signoff request answered \(via email\)/),
    );

    const confirmation = await actors.nextEmail(signed.who.signatory, /^Re:/);
    expect(confirmation.text).toContain('We hebben uw beslissing geregistreerd: akkoord');
    expect(confirmation.headers['auto-submitted']).toBe('auto-replied');
  });

  test('a second reply after the first was recorded gets "already answered" and changes nothing', async () => {
    const signature = await system.db
      .selectFrom('requests')
      .select(['id', 'answer'])
      .where('partner_id', '=', signed.id)
      .where('recipient_email', '=', signed.who.signatory)
      .executeTakeFirstOrThrow();
    expect(await reply(signed.ask, signed.who.signatory, 'Nee, toch niet: we trekken ons terug.')).toBe('closed');

    const answer = await actors.nextEmail(signed.who.signatory, /^Re:/);
    expect(answer.text).toContain('Dit verzoek werd al beantwoord');
    expect(answer.headers['auto-submitted']).toBe('auto-replied');
    const after = await system.db
      .selectFrom('requests')
      .select(['status', 'answer'])
      .where('id', '=', signature.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'answered', answer: { decision: 'approve' } });
  });
});

test('a signature whose recording was lost with a Temporal restart can be given again by reply', async () => {
  const { id, who, ask } = await awaitingSignature('Rietveld');
  // What a lost workflow task leaves behind: `closeRequest` committed its row, but the Temporal
  // server restarted before the task that accepted the answer was stored, so the workflow still waits.
  const signature = await requestOf(id, 'signoff');
  await system.db
    .updateTable('requests')
    .set({
      status: 'answered',
      answer: { decision: 'decline', comment: 'Lost with the task.' },
      answered_at: new Date(),
    })
    .where('id', '=', signature.id)
    .execute();

  expect(await reply(ask, who.signatory, 'Ja, akkoord')).toBe('answered');
  await actors.nextEmail(who.director, /Rietveld/); // the journey went on to the countersignature
  expect((await actors.nextEmail(who.signatory, /^Re:/)).text).toContain(
    'We hebben uw beslissing geregistreerd: akkoord',
  );
  expect(
    await system.db
      .selectFrom('requests')
      .select(['status', 'answer'])
      .where('id', '=', signature.id)
      .executeTakeFirstOrThrow(),
  ).toEqual({
    status: 'answered',
    answer: { decision: 'approve' },
  });
});

describe('replies that change nothing', () => {
  let pending: Awaited<ReturnType<typeof awaitingSignature>>;
  const signatureRequest = () =>
    system.db
      .selectFrom('requests')
      .select(['status', 'answer'])
      .where('partner_id', '=', pending.id)
      .where('recipient_email', '=', pending.who.signatory)
      .executeTakeFirstOrThrow();
  beforeAll(async () => {
    pending = await awaitingSignature('Horizont');
  });

  test('from another address: nothing happens and nobody is mailed', async () => {
    expect(await reply(pending.ask, 'someone@elsewhere.example', 'Ja, akkoord')).toBe('wrong_sender');
    expect(await signatureRequest()).toEqual({ status: 'pending', answer: null });
    expect(await mailTo('someone@elsewhere.example')).toEqual([]);
  });

  test('an auto-reply is ignored without an answer', async () => {
    const before = (await mailTo(pending.who.signatory)).length;
    expect(
      await reply(pending.ask, pending.who.signatory, 'Ja, ik ben terug op maandag.', {
        'Auto-Submitted': 'auto-replied',
      }),
    ).toBe('ignored');
    expect(await signatureRequest()).toEqual({ status: 'pending', answer: null });
    expect(await mailTo(pending.who.signatory)).toHaveLength(before);
  });

  test('an unclear reply gets a helpful answer', async () => {
    expect(await reply(pending.ask, pending.who.signatory, 'Wat moet ik hier precies mee doen?')).toBe('unclear');
    const help = await actors.nextEmail(pending.who.signatory, /^Re:/);
    expect(help.text).toContain('JA of AKKOORD');
    expect(help.text).toMatch(new RegExp(`${system.url}/r/[A-Za-z0-9_-]{43}`));
    expect(help.replyTo).toBe(replyAddress(pending.ask));
    expect(help.headers['auto-submitted']).toBe('auto-replied');
    expect(await signatureRequest()).toEqual({ status: 'pending', answer: null });
  });

  test('a decline without a reason is refused with an explanation; the sender address may differ in case', async () => {
    expect(await reply(pending.ask, pending.who.signatory.toUpperCase(), 'Nee')).toBe('refused');
    const explained = await actors.nextEmail(pending.who.signatory, /^Re:/);
    expect(explained.text).toContain('zonder reden');
    expect(explained.headers['auto-submitted']).toBe('auto-replied');
    expect(await signatureRequest()).toEqual({ status: 'pending', answer: null });
  });

  test('…and a decline with its reason counts and sends the partner back to intent', async () => {
    expect(await reply(pending.ask, pending.who.signatory, 'Nee, ons bestuur wil eerst de begroting zien.')).toBe(
      'answered',
    );
    expect(await signatureRequest()).toEqual({
      status: 'answered',
      answer: { decision: 'decline', comment: 'ons bestuur wil eerst de begroting zien.' },
    });
    const back = await actors.nextEmail(pending.who.coordinator);
    expect(back.text).toContain('ons bestuur wil eerst de begroting zien.');
    await actors.waitForStage(pending.id, 'intent');
  });
});

test('a reply to a form request gets the link to the form, in the recipient’s language', async () => {
  const id = await actors.onboard('Kiem', { language: 'fr' });
  const who = actors.addresses(id);
  const invitation = await actors.nextEmail(who.coordinator);
  expect(await reply(invitation, who.coordinator, 'Oui, nous participons.')).toBe('form_link_sent');

  const answer = await actors.nextEmail(who.coordinator, /^Re:/);
  expect(answer.text).toContain(actors.linkIn(invitation));
  expect(answer.text).toContain('Ouvrir le formulaire');
  expect(answer.headers['auto-submitted']).toBe('auto-replied');
  expect(await requestOf(id, 'intent')).toMatchObject({ status: 'pending', answer: null });

  // A robot answering every answer of ours (ignoring Auto-Submitted) gets at most five a day.
  for (let i = 0; i < 6; i++)
    expect(await reply(invitation, who.coordinator, 'Merci pour votre message.')).toBe('form_link_sent');
  expect((await mailTo(who.coordinator)).filter((m) => m.subject.startsWith('Re:'))).toHaveLength(5);
});

describe('the webhook', () => {
  // The plugin on its own small server, as the lead will register it in api/server.ts.
  async function serve(config: typeof deps.config): Promise<{ app: FastifyInstance; url: string }> {
    const app = Fastify();
    registerErrorHandling(app);
    await app.register(inboundWebhookRoutes, { ...deps, config });
    return { app, url: `${await app.listen({ port: 0, host: '127.0.0.1' })}/api/inbound/email` };
  }
  let webhook: { app: FastifyInstance; url: string };
  beforeAll(async () => {
    webhook = await serve(deps.config);
  });
  afterAll(() => webhook?.app.close());

  const post = async (raw: Buffer | string, headers: Record<string, string>, url = webhook.url) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', ...headers },
      body: raw,
    });
    return { statusCode: response.status, body: await readJson(response) };
  };

  test('confirms taking part in a project with the right secret, and refuses a wrong one', async () => {
    const id = await actors.onboard('Vuurtoren');
    await actors.formalise(id);
    const who = actors.addresses(id);
    const created = await system.staffFetch('/api/projects', {
      method: 'POST',
      body: JSON.stringify({
        title: 'Vuurtoren taalcafe',
        description: 'Een taalcafé voor nieuwkomers.',
        levers: ['agency'],
        partnerIds: [id],
      }),
    });
    expect(created.status).toBe(201);
    const invitation = await actors.nextEmail(who.coordinator, /Vuurtoren taalcafe/);
    const raw = await new MailComposer({
      from: who.coordinator,
      to: replyAddress(invitation),
      subject: `Re: ${invitation.subject}`,
      text: `Yes\n\n${quoted(invitation)}`,
    })
      .compile()
      .build();

    const wrong = await post(raw, { 'x-inbound-secret': 'not-the-secret' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await post(raw, {})).statusCode).toBe(401);
    expect(await requestOf(id, 'project')).toMatchObject({ status: 'pending' });

    const right = await post(raw, { 'x-inbound-secret': secret });
    expect(right.statusCode).toBe(202);
    expect(right.body).toEqual({ result: 'answered' });
    expect(await requestOf(id, 'project')).toMatchObject({ status: 'answered', answer: { decision: 'approve' } });
    await actors.waitForStage(id, 'monitoring');
  });

  test('is disabled (404) when no secret is configured', async () => {
    const disabled = await serve({ ...deps.config, inboundSecret: undefined });
    const response = await post('Subject: x\r\n\r\nJa', { 'x-inbound-secret': secret }, disabled.url);
    await disabled.app.close();
    expect(response).toMatchObject({ statusCode: 404, body: { error: { code: 'inbound_disabled' } } });
  });
});

test('the listener refuses recipients outside the inbound domain at RCPT', async () => {
  await expect(
    sender.sendMail({ from: 'someone@elsewhere.example', to: 'reply+abc@elsewhere.example', subject: 'x', text: 'Ja' }),
  ).rejects.toMatchObject({ responseCode: 550 });
});

/** One SMTP conversation over a bare socket, as any client (or attacker) can hold it: answers by line. */
function smtpSession(port: number) {
  const socket = connect(port, '127.0.0.1');
  let buffer = '';
  const waiting: Array<(line: string) => void> = [];
  socket.on('data', (chunk) => {
    buffer += chunk.toString();
    for (let at = buffer.indexOf('\r\n'); at >= 0; at = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      if (/^\d{3} /.test(line)) waiting.shift()?.(line); // the last line of a (multi-line) answer
    }
  });
  socket.on('error', () => undefined);
  const answer = () => new Promise<string>((resolve) => waiting.push(resolve));
  return {
    answer,
    async say(line: string) {
      const next = answer();
      socket.write(`${line}\r\n`);
      return next;
    },
    socket,
  };
}

describe('the SMTP listener protects itself', () => {
  test('refuses an oversized message with 552 after reading it, without handling it', async () => {
    const handled = results.length;
    const session = smtpSession(inbound.port);
    expect(await session.answer()).toMatch(/^220 /);
    expect(await session.say('EHLO attacker.example')).toMatch(/^250 /);
    // No SIZE= here: the listener cannot refuse at MAIL FROM and must count while it reads.
    expect(await session.say('MAIL FROM:<someone@elsewhere.example>')).toMatch(/^250 /);
    expect(await session.say(`RCPT TO:<reply+${'a'.repeat(43)}@${system.config.inbound.domain}>`)).toMatch(/^250 /);
    expect(await session.say('DATA')).toMatch(/^354 /);
    const line = `${'x'.repeat(998)}\r\n`;
    for (let sent = 0; sent <= 6 * 1024 * 1024; sent += line.length * 1024) session.socket.write(line.repeat(1024));
    expect(await session.say('.')).toMatch(/^552 /);
    session.socket.destroy();
    expect(results.length).toBe(handled);
  });

  test('turns away clients beyond its limit with 421', async () => {
    const sessions = Array.from({ length: 21 }, () => smtpSession(inbound.port));
    const greetings = await Promise.all(sessions.map((s) => s.answer()));
    for (const s of sessions) s.socket.destroy();
    expect(greetings.filter((g) => g.startsWith('220 '))).toHaveLength(20);
    expect(greetings.filter((g) => g.startsWith('421 '))).toHaveLength(1);
  });
});

describe('with INBOUND_REQUIRE_AUTH=1 a reply counts only when the receiving server named by INBOUND_AUTHSERV_ID vouches for its sender', () => {
  let pending: Awaited<ReturnType<typeof awaitingSignature>>;
  beforeAll(async () => {
    pending = await awaitingSignature('Vervalst');
  });
  const strict = () => ({
    ...deps,
    config: {
      ...deps.config,
      inbound: { ...deps.config.inbound, requireAuth: true, authservId: 'mx.integratiepact.example' },
    },
  });
  /** A reply with the addressee's From, as anyone can write it, under the given Authentication-Results headers. */
  const forged = async (authenticationResults: string[], text = 'Ja, akkoord') => {
    const raw = await new MailComposer({
      from: pending.who.signatory,
      to: replyAddress(pending.ask),
      subject: `Re: ${pending.ask.subject}`,
      text,
      headers: authenticationResults.map((value) => ({ key: 'Authentication-Results', value })),
    })
      .compile()
      .build();
    return handleInboundEmail(strict(), raw, { from: pending.who.signatory, to: [replyAddress(pending.ask)] });
  };
  const signature = () =>
    system.db
      .selectFrom('requests')
      .select(['status', 'answer'])
      .where('partner_id', '=', pending.id)
      .where('recipient_email', '=', pending.who.signatory)
      .executeTakeFirstOrThrow();
  const domain = () => pending.who.signatory.split('@')[1];

  test.each([
    ['no Authentication-Results', []],
    ['DKIM and DMARC failed', [`mx.integratiepact.example; dkim=fail header.d=elsewhere.example; dmarc=fail`]],
    ['a DKIM pass for another domain', ['mx.integratiepact.example; dkim=pass header.d=elsewhere.example']],
    [
      'a pass the sender wrote below the server’s own verdict',
      ['mx.integratiepact.example; dmarc=fail', 'mx; dmarc=pass'],
    ],
    [
      'a pass from a server of another name, on top',
      ['relay.elsewhere.example; dmarc=pass', 'mx.integratiepact.example; dmarc=fail'],
    ],
    ['only a pass from a server of another name', ['relay.elsewhere.example; dmarc=pass']],
    [
      'a pass claiming the named server, below its own verdict',
      ['mx.integratiepact.example; dmarc=fail', 'mx.integratiepact.example; dmarc=pass'],
    ],
    ['a pass with the name only in a comment', ['(mx.integratiepact.example) relay.elsewhere.example; dmarc=pass']],
  ])('a forged From with %s changes nothing and mails nobody', async (_case, headers) => {
    const before = (await system.mail.messages()).length;
    expect(await forged(headers)).toBe('unauthenticated');
    expect(await signature()).toEqual({ status: 'pending', answer: null });
    expect((await system.mail.messages()).length).toBe(before);
  });

  test('a DKIM pass for the sender’s domain from the named server signs, below another server’s header', async () => {
    expect(
      await forged([
        'spamfilter.elsewhere.example; dmarc=fail',
        `MX.Integratiepact.example 1 (Postfix); dkim=pass (good signature) header.d=${domain()}`,
      ]),
    ).toBe('answered');
    expect(await signature()).toEqual({ status: 'answered', answer: { decision: 'approve' } });
  });
});

describe('the reply address and the link carry different tokens', () => {
  let pending: Awaited<ReturnType<typeof awaitingSignature>>;
  beforeAll(async () => {
    pending = await awaitingSignature('Oudere');
  });
  const replyWithLinkToken = async () => {
    const linkToken = actors.linkIn(pending.ask).split('/r/')[1]!;
    const to = `reply+${linkToken}@${system.config.inbound.domain}`;
    const raw = await new MailComposer({ from: pending.who.signatory, to, subject: 'Re: x', text: 'Ja' })
      .compile()
      .build();
    return handleInboundEmail(deps, raw, { from: pending.who.signatory, to: [to] });
  };

  test('the link token is no reply address', async () => {
    expect(await replyWithLinkToken()).toBe('ignored');
    expect(await requestOf(pending.id, 'signoff')).toMatchObject({ status: 'pending' });
  });

  test('emails sent before reply tokens existed (reply address = link token) can still be answered', async () => {
    const { id } = await requestOf(pending.id, 'signoff');
    await system.db
      .updateTable('requests')
      .set({ reply_token_hash: sql<string>`null` })
      .where('id', '=', id)
      .execute();
    expect(await replyWithLinkToken()).toBe('answered');
    expect(await requestOf(pending.id, 'signoff')).toMatchObject({ status: 'answered' });
  });
});
