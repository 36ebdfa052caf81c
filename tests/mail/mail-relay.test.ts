import { readJson } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** POST /internal/mail: the API sends the workers' emails, once per idempotency key, for workers only. */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({}, { worker: false });
});
afterAll(() => system?.stop());

const relayed = {
  email: {
    idempotencyKey: 'relay-test/1',
    to: 'relay@partner.example',
    partnerIds: [],
    subject: 'Via het relais',
    text: 'Hallo',
    html: '<p>Hallo</p>',
  },
  options: { from: 'integratiepact@integratiepact.localhost' },
};
const relay = (body: unknown, secret = system.env.MAIL_RELAY_SECRET) =>
  fetch(`${system.internalUrl}/internal/mail`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const copies = async (to: string) => (await system.mail.messages()).filter((m) => m.to.includes(to));

test('sends an email once, however often a worker hands it over', async () => {
  const first = await relay(relayed);
  expect(first.status).toBe(200);
  const { messageId } = await readJson(first);
  const again = await readJson(await relay(relayed));
  expect(again.messageId).toBe(messageId);
  expect(await copies('relay@partner.example')).toHaveLength(1);
  expect((await copies('relay@partner.example'))[0]).toMatchObject({ subject: 'Via het relais' });
  const row = await system.db
    .selectFrom('email_outbox')
    .selectAll()
    .where('idempotency_key', '=', 'relay-test/1')
    .executeTakeFirstOrThrow();
  expect(row).toMatchObject({ status: 'sent', message_id: messageId, attempts: 1 });
});

test('refuses anyone without the shared secret, sending nothing', async () => {
  const body = {
    ...relayed,
    email: { ...relayed.email, idempotencyKey: 'relay-test/2', to: 'intruder@partner.example' },
  };
  const wrong = await relay(body, 'not-the-secret');
  expect(wrong.status).toBe(401);
  expect((await readJson(wrong)).error.message).toContain('MAIL_RELAY_SECRET');
  expect(
    (
      await fetch(`${system.internalUrl}/internal/mail`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).status,
  ).toBe(401);
  expect(await copies('intruder@partner.example')).toEqual([]);
});

test('names what is wrong with a malformed email, sending nothing', async () => {
  const response = await relay({
    email: { idempotencyKey: 'relay-test/3', to: 'half@partner.example' },
    options: { from: 'x@y.z' },
  });
  expect(response.status).toBe(400);
  expect((await readJson(response)).error.message).toMatch(/email\.subject/);
  expect(await copies('half@partner.example')).toEqual([]);
});

describe('sends only what the system itself sends, naming the field it refuses', () => {
  const refused: Array<[string, Record<string, unknown>, Record<string, unknown>, string]> = [
    ['another sender', {}, { from: 'ceo@integratiepact.localhost' }, 'options.from'],
    ['two recipients', { to: 'one@partner.example, two@partner.example' }, {}, 'email.to'],
    ['a recipient with a name', { to: 'Someone <one@partner.example>' }, {}, 'email.to'],
    ['a Bcc header', { headers: { Bcc: 'spy@elsewhere.example' } }, {}, 'email.headers.Bcc'],
    ['a From header', { headers: { From: 'ceo@elsewhere.example' } }, {}, 'email.headers.From'],
    [
      'a line break in a header',
      { headers: { References: '<a@b>\r\nBcc: spy@elsewhere.example' } },
      {},
      'email.headers.References',
    ],
    ['a line break in the subject', { subject: 'Hallo\r\nBcc: spy@elsewhere.example' }, {}, 'email.subject'],
    ['a foreign reply address', { replyTo: 'attacker@elsewhere.example' }, {}, 'email.replyTo'],
    ['an oversized body', { text: 'x'.repeat(200_001) }, {}, 'email.text'],
  ];
  test.each(refused)('%s', async (_case, emailChange, optionsChange, field) => {
    const to = typeof emailChange.to === 'string' ? emailChange.to : 'refused@partner.example';
    const response = await relay({
      email: { ...relayed.email, idempotencyKey: `relay-refused/${field}`, ...emailChange, to },
      options: { ...relayed.options, ...optionsChange },
    });
    expect(response.status).toBe(400);
    expect((await readJson(response)).error.message).toContain(field);
    const stored = await system.db
      .selectFrom('email_outbox')
      .select('id')
      .where('idempotency_key', '=', `relay-refused/${field}`)
      .executeTakeFirst();
    expect(stored).toBeUndefined();
    expect((await system.mail.messages()).filter((m) => /refused@|one@|spy@|ceo@/.test(m.to.join(' ')))).toEqual([]);
  });

  test('takes the headers and reply address the system uses', async () => {
    const domain = system.config.inbound.domain;
    const response = await relay({
      email: {
        ...relayed.email,
        idempotencyKey: 'relay-test/allowed',
        to: 'allowed@partner.example',
        replyTo: `reply+${'a'.repeat(43)}@${domain}`,
        headers: { 'Auto-Submitted': 'auto-replied', 'In-Reply-To': '<x@partner.example>' },
      },
      options: relayed.options,
    });
    expect(response.status).toBe(200);
    const [sent] = await copies('allowed@partner.example');
    expect(sent?.headers['auto-submitted']).toBe('auto-replied');
  });
});

test("takes an invitation sent from its ORGANIZER's reply address, however the ORGANIZER line is written", async () => {
  const organizer = `reply+${'b'.repeat(43)}@${system.config.inbound.domain}`;
  const content = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//relay test//EN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    'UID:relay-test@integratiepact.localhost',
    'DTSTAMP:20260101T090000Z',
    'DTSTART:20260201T090000Z',
    'SUMMARY:Opvolgbijeenkomst',
    // A quoted name with a colon, and the line folded (RFC 5545 §3.1 and §3.2).
    `ORGANIZER;CN="Integratiepact: opvolging":mailto:${organizer.slice(0, 20)}`,
    ` ${organizer.slice(20)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  const response = await relay({
    email: {
      ...relayed.email,
      idempotencyKey: 'relay-test/invitation',
      to: 'invitee@partner.example',
      calendar: { method: 'REQUEST', content },
    },
    options: { from: organizer },
  });
  expect(response.status).toBe(200);
  expect(await copies('invitee@partner.example')).toHaveLength(1);
});
