import { monitorEventLoopDelay } from 'node:perf_hooks';
import nodemailer, { type Transporter } from 'nodemailer';
import { handleInboundEmail, type InboundResult } from '../../inbound/handle-reply';
import { startInboundSmtp, type InboundSmtp } from '../../inbound/smtp-listener';
import { createMailer, type Mailer } from '../../mail/mailer';
import { freePort } from '../support/free-port';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * Issue 22: one email of `On ` followed by many `schreef ` froze the API for hours (the reply parser
 * backtracked over it). Here a reply of that shape, as large as the listener takes, goes to the real
 * inbound SMTP listener of the running API (in this process, as api/main.ts wires it), once for an
 * unknown reply address and once from the addressee of a real one, whose body is then read. The
 * event loop must never stall for 200 ms, and the API must answer pages all along.
 * LARGE_REPLY_BYTES makes the body smaller, e.g. to watch the old parser fail in reasonable time.
 */
const bodyBytes = Number(process.env.LARGE_REPLY_BYTES ?? 5 * 1024 * 1024 - 16 * 1024);
const maxDelayMs = 200;

let system: TestSystem;
let actors: Actors;
let mailer: Mailer;
let inbound: InboundSmtp;
let sender: Transporter;
const results: InboundResult[] = [];
const errors: unknown[] = [];

beforeAll(async () => {
  system = await startTestSystem({ PACT_REMINDER_AFTER: '1h', PACT_ESCALATE_AFTER: '2h', PACT_EXPIRE_AFTER: '3h' });
  actors = new Actors(system);
  mailer = createMailer(system.config);
  const deps = { db: system.db, temporal: system.temporal, mailer, config: system.config };
  inbound = await startInboundSmtp({
    port: await freePort(),
    domain: system.config.inbound.domain!,
    handle: async (raw, envelope) => results.push(await handleInboundEmail(deps, raw, envelope)),
    onError: (error) => errors.push(error),
  });
  sender = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
}, 120_000);
afterAll(async () => {
  sender?.close();
  await inbound?.close();
  mailer?.close();
  await system?.stop();
});

/** The raw message: one body line of `On ` and `schreef ` up to `bodyBytes`, unencoded as a sender may write it. */
function frozenReply(from: string, to: string): string {
  const body = `On ${'schreef '.repeat(Math.floor((bodyBytes - 3) / 8))}`;
  return [
    `From: ${from}`,
    `To: ${to}`,
    'Subject: Re: uw verzoek',
    `Message-ID: <${Math.random().toString(36).slice(2)}@sender.example>`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}

/** Sends the message while asking the API for pages every 50 ms; what the event loop and the pages did meanwhile. */
async function sendWhileServing(from: string, to: string) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const pages: number[] = [];
  let sending = true;
  const ask = async () => {
    while (sending) {
      for (const path of ['/healthz', '/api/partners']) {
        const response = await fetch(`${system.url}${path}`, {
          headers: { authorization: `Bearer ${system.apiToken}` },
        });
        pages.push(response.status);
        await response.arrayBuffer();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  delay.enable();
  const asking = ask();
  const started = Date.now();
  try {
    await sender.sendMail({ envelope: { from, to: [to] }, raw: frozenReply(from, to) });
  } finally {
    sending = false;
    await asking;
    delay.disable();
  }
  return { maxDelayMs: delay.max / 1e6, tookMs: Date.now() - started, pages, result: results.at(-1) };
}

test('a 5 MiB reply of `On ` and many `schreef ` stalls nothing, whether its reply address is known or not', async () => {
  const id = await actors.onboard('Bevroren');
  const who = actors.addresses(id);
  await actors.expectOk(actors.answer(who.coordinator, intentAnswer));
  await actors.expectOk(actors.answer(who.staff, { decision: 'approve' }, /Bevroren/));
  const ask = await actors.nextEmail(who.signatory);
  const replyAddress = /reply\+[\w-]{43}@[^\s>]+/.exec(ask.replyTo ?? '')?.[0];
  expect(replyAddress).toBeDefined();

  // An unknown reply address: the body is never read.
  const stranger = await sendWhileServing(
    'someone@elsewhere.example',
    `reply+${'A'.repeat(43)}@${system.config.inbound.domain}`,
  );
  // The addressee of a real request: the body is read, and has no decision in its head.
  const addressee = await sendWhileServing(who.signatory, replyAddress!);

  console.log(
    `large reply (${(bodyBytes / 1024 / 1024).toFixed(2)} MiB): unknown address ${JSON.stringify(stranger)}; addressee ${JSON.stringify({ ...addressee, pages: addressee.pages.length })}`,
  );
  expect(errors).toEqual([]);
  expect(stranger.result).toBe('ignored');
  expect(addressee.result).toBe('unclear');
  for (const sent of [stranger, addressee]) {
    expect(sent.maxDelayMs).toBeLessThan(maxDelayMs);
    expect(sent.pages.length).toBeGreaterThanOrEqual(2);
    expect(sent.pages.every((status) => status === 200)).toBe(true);
  }
  // The addressee is asked again, with the link: nothing was recorded.
  expect((await actors.nextEmail(who.signatory, /^Re:/)).text).toContain('geen beslissing');
  expect(
    await system.db
      .selectFrom('requests')
      .select('status')
      .where('partner_id', '=', id)
      .where('recipient_email', '=', who.signatory)
      .executeTakeFirstOrThrow(),
  ).toEqual({ status: 'pending' });
});
