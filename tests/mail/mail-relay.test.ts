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
const copies = (to: string) => system.mail.messages().filter((m) => m.to.includes(to));

test('sends an email once, however often a worker hands it over', async () => {
  const first = await relay(relayed);
  expect(first.status).toBe(200);
  const { messageId } = await readJson(first);
  const again = await readJson(await relay(relayed));
  expect(again.messageId).toBe(messageId);
  expect(copies('relay@partner.example')).toHaveLength(1);
  expect(copies('relay@partner.example')[0]).toMatchObject({ subject: 'Via het relais' });
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
  expect(copies('intruder@partner.example')).toEqual([]);
});

test('names what is wrong with a malformed email, sending nothing', async () => {
  const response = await relay({
    email: { idempotencyKey: 'relay-test/3', to: 'half@partner.example' },
    options: { from: 'x@y.z' },
  });
  expect(response.status).toBe(400);
  expect((await readJson(response)).error.message).toMatch(/email\.subject/);
  expect(copies('half@partner.example')).toEqual([]);
});
