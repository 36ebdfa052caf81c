import { startEmailDispatcher } from '../../mail/email-dispatcher';
import { createMailer } from '../../mail/mailer';
import { dataKeySealer } from '../../privacy/data-key-sealer';
import { eventually } from '../support/eventually';
import { contactAddresses } from '../support/onboarding-body';
import { Actors } from '../support/partner-actions';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * Issue 28: a request's email is queued in the outbox and sent by the API's dispatcher
 * (mail/email-dispatcher.ts), so opening a request does not wait for SMTP. Sent once; kept and sent
 * once SMTP is back; two dispatchers racing over the same queue send each email once.
 */
let system: TestSystem;
let smtp: TcpProxy;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({}, { routeSmtp: async (target) => (smtp = await startTcpProxy(target)) });
  actors = new Actors(system);
});
afterAll(async () => {
  smtp?.restore();
  await system?.stop();
  await smtp?.close();
});

const keyOf = (m: { headers: Record<string, string> }) => m.headers['x-idempotency-key'] ?? '';
const copiesOf = async (key: string) => (await system.mail.messages()).filter((m) => keyOf(m) === key);
const outboxRow = (key: string) =>
  system.db.selectFrom('email_outbox').selectAll().where('idempotency_key', '=', key).executeTakeFirstOrThrow();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("a request's email arrives once, and the outbox keeps no sealed copy once it is sent", async () => {
  const id = await actors.onboard('Zendkwartier');
  const message = await actors.nextEmail(contactAddresses('Zendkwartier').coordinator);
  const key = keyOf(message);
  expect(key).toMatch(/^request\/.+\/0\/sent$/);
  await eventually(async () =>
    expect(await outboxRow(key)).toMatchObject({
      status: 'sent',
      attempts: 1,
      sealed_email: null,
      sealed_key_id: null,
      partner_ids: [id],
    }),
  );
  await sleep(1_000);
  expect(await copiesOf(key)).toHaveLength(1);
  // The stored copy keeps no link token: the link in the email is not in the row.
  const token = /\/r\/([A-Za-z0-9_-]{43})/.exec(message.text)![1]!;
  expect(JSON.stringify(await outboxRow(key))).not.toContain(token);
});

test('with SMTP away the request still opens; its email stays queued and arrives once after SMTP returns', async () => {
  const { coordinator } = contactAddresses('Uitstelhuis');
  smtp.cut();
  const id = await actors.onboard('Uitstelhuis');
  // The request is open and recorded as sent to the recipient while nothing could be sent.
  const request = await eventually(async () => {
    const row = await system.db
      .selectFrom('requests')
      .select(['id', 'status'])
      .where('partner_id', '=', id)
      .executeTakeFirstOrThrow();
    const events = await system.db.selectFrom('journey_events').select('type').where('partner_id', '=', id).execute();
    expect(events.map((e) => e.type)).toContain('request_sent');
    return row;
  }, 30_000);
  expect(request.status).toBe('pending');
  const key = `request/${request.id}/0/sent`;
  const waiting = await eventually(async () => {
    const row = await outboxRow(key);
    expect(row.attempts).toBeGreaterThan(0);
    return row;
  }, 20_000);
  expect(waiting).toMatchObject({ status: 'pending' });
  expect(waiting.last_error).toBeTruthy();
  expect(waiting.last_error).not.toContain(coordinator); // addresses are redacted in errors
  expect(await copiesOf(key)).toHaveLength(0);

  smtp.restore();
  await actors.nextEmail(coordinator, undefined, 90_000);
  await eventually(async () => expect(await outboxRow(key)).toMatchObject({ status: 'sent', sealed_email: null }));
  await sleep(2_000);
  expect(await copiesOf(key)).toHaveLength(1);
}, 150_000);

test('two dispatchers racing over the same queue send each email once', async () => {
  const mailer = createMailer(system.config);
  const emails = Array.from({ length: 30 }, (_, i) => ({
    idempotencyKey: `dispatch-race/${i}`,
    to: `race-${i}@dispatch.example`,
    partnerIds: [],
    subject: `Wedloop ${i}`,
    text: `Bericht ${i}`,
    html: `<p>Bericht ${i}</p>`,
  }));
  // Queued by a dispatcher that is stopped already, so none of them is sent before the race starts.
  const recorder = startEmailDispatcher(system.db, mailer, dataKeySealer(system.dataKeys));
  await recorder.close();
  for (const email of emails) await recorder.queue(email, { from: system.config.mailFrom });

  const racers = [1, 2].map(() =>
    startEmailDispatcher(system.db, mailer, dataKeySealer(system.dataKeys), { sweepMs: 200 }),
  );
  try {
    await eventually(async () => {
      const rows = await system.db
        .selectFrom('email_outbox')
        .select('status')
        .where('idempotency_key', 'like', 'dispatch-race/%')
        .execute();
      expect(rows.filter((r) => r.status === 'sent')).toHaveLength(emails.length);
    }, 30_000);
  } finally {
    await Promise.all(racers.map((racer) => racer.close()));
    mailer.close();
  }
  await sleep(1_000);
  const received = (await system.mail.messages()).map(keyOf).filter((key) => key.startsWith('dispatch-race/'));
  expect(received.sort()).toEqual(emails.map((e) => e.idempotencyKey).sort());
}, 60_000);
