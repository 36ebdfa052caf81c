// The mail catcher is the real SMTP server of the test suite and the dev inbox of
// `npm start`, so it is tested with real SMTP (nodemailer) and real HTTP (fetch).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { startMailCatcher, type CaughtMessage, type MailCatcher } from '../../dev/mail-catcher/mail-catcher';

function send(catcher: MailCatcher, mail: Mail.Options, auth?: { user: string; pass: string }) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: catcher.smtpPort,
    secure: false,
    ignoreTLS: true,
    auth,
  });
  return transport.sendMail({ from: '"Integratiepact" <noreply@pact.test>', ...mail });
}

async function get(url: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

function unescapeHtml(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('mail catcher', () => {
  let catcher: MailCatcher;

  beforeEach(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  });
  afterEach(async () => {
    await catcher.close();
  });

  it('captures subject, text, html, reply-to and custom headers', async () => {
    await send(catcher, {
      to: 'Ann Partner <ann@example.org>',
      bcc: 'staff@pact.test',
      replyTo: 'reply+tok123@inbound.pact.test',
      subject: 'Uw intentieverklaring – bevestiging',
      text: 'Hallo Ann,\nOnderteken hier: http://localhost:3000/r/abc',
      html: '<p>Hallo <b>Ann</b></p>',
      headers: { 'X-Idempotency-Key': 'intent-42', 'Auto-Submitted': 'auto-generated' },
    });

    // A resolved sendMail means the catcher already stored the message.
    const [m] = catcher.messages();
    expect(m).toBeDefined();
    const message = m as CaughtMessage;
    expect(message.subject).toBe('Uw intentieverklaring – bevestiging');
    expect(message.text).toContain('Onderteken hier: http://localhost:3000/r/abc');
    expect(message.html).toContain('<b>Ann</b>');
    expect(message.from).toBe('noreply@pact.test');
    expect(message.to).toEqual(['ann@example.org']);
    expect(message.envelope).toEqual({ from: 'noreply@pact.test', to: ['ann@example.org', 'staff@pact.test'] });
    expect(message.replyTo).toBe('reply+tok123@inbound.pact.test');
    expect(message.headers['reply-to']).toBe('reply+tok123@inbound.pact.test');
    expect(message.headers['x-idempotency-key']).toBe('intent-42');
    expect(message.headers['auto-submitted']).toBe('auto-generated');
    expect(message.messageId).toMatch(/^<.+@pact\.test>$/);
    expect(message.raw).toContain('X-Idempotency-Key: intent-42');
    expect(message.receivedAt).toBeInstanceOf(Date);
  });

  it('accepts any credentials when a client authenticates', async () => {
    await send(catcher, { to: 'a@example.org', subject: 'with auth', text: 'x' }, { user: 'u', pass: 'p' });
    expect(catcher.messages().map((m) => m.subject)).toEqual(['with auth']);
  });

  it('waitForMessage resolves for an earlier and for a later message', async () => {
    await send(catcher, { to: 'early@example.org', subject: 'early', text: 'x' });
    await expect(catcher.waitForMessage((m) => m.subject === 'early')).resolves.toMatchObject({ subject: 'early' });

    const waiting = catcher.waitForMessage((m) => m.to.includes('late@example.org'), 5000);
    await send(catcher, { to: 'other@example.org', subject: 'not this one', text: 'x' });
    await send(catcher, { to: 'late@example.org', subject: 'late', text: 'x' });
    await expect(waiting).resolves.toMatchObject({ subject: 'late' });
  });

  it('waitForMessage times out with a list of what did arrive', async () => {
    await send(catcher, { to: 'ann@example.org', subject: 'Herinnering', text: 'x' });
    const started = Date.now();
    await expect(catcher.waitForMessage((m) => m.subject === 'never', 200)).rejects.toThrow(
      /No matching message within 200 ms.*"Herinnering" → ann@example\.org/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('clear empties the inbox', async () => {
    await send(catcher, { to: 'a@example.org', subject: 'one', text: 'x' });
    catcher.clear();
    expect(catcher.messages()).toEqual([]);
  });

  it('offers the calendar part of a meeting invitation as an .ics file', async () => {
    const base = catcher.httpUrl as string;
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';
    await send(catcher, {
      to: 'ann@example.org',
      subject: 'Uitnodiging',
      text: 'x',
      icalEvent: { method: 'REQUEST', content: ics, filename: 'invitation.ics' },
    });
    await send(catcher, { to: 'ann@example.org', subject: 'Plain', text: 'x' });
    const [plain, invitation] = catcher.messages().slice().reverse();
    expect((await get(`${base}/messages/${invitation!.id}`)).body).toContain(`/messages/${invitation!.id}.ics`);
    const file = await get(`${base}/messages/${invitation!.id}.ics`);
    expect([file.status, file.type, file.body]).toEqual([200, 'text/calendar; charset=utf-8', ics]);
    expect((await get(`${base}/messages/${plain!.id}`)).body).not.toContain('.ics');
    expect((await get(`${base}/messages/${plain!.id}.ics`)).status).toBe(404);
  });

  it('serves an escaped web inbox, message pages, raw mail and JSON', async () => {
    const base = catcher.httpUrl as string;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await send(catcher, { to: 'first@example.org', subject: 'First', text: 'x' });
    await send(catcher, {
      to: 'ann@example.org',
      subject: 'Hi <script>alert(1)</script>',
      text: 'Open http://localhost:3000/r/tok?a=1&b=2. Thanks',
      html: '<p onclick="evil()">"quoted" & <i>html</i></p>',
    });

    const list = await get(`${base}/`);
    expect(list.status).toBe(200);
    expect(list.type).toContain('text/html');
    expect(list.body).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(list.body).not.toContain('<script>alert(1)');
    expect(list.body.indexOf('Hi &lt;script')).toBeLessThan(list.body.indexOf('First')); // newest first

    const json = (await (await fetch(`${base}/api/messages`)).json()) as Array<Record<string, unknown>>;
    expect(json.map((m) => m.subject)).toEqual(['Hi <script>alert(1)</script>', 'First']);
    expect(json[0]).not.toHaveProperty('raw');
    const id = json[0]?.id as string;

    const page = await get(`${base}/messages/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain(
      '<a href="http://localhost:3000/r/tok?a=1&amp;b=2" rel="noreferrer" target="_blank">http://localhost:3000/r/tok?a=1&amp;b=2</a>. Thanks',
    );
    // The HTML part only appears escaped inside a sandboxed iframe, and survives the round trip.
    const srcdoc = /<iframe sandbox(?:="[^"]*")? [^>]*srcdoc="([^"]*)"/.exec(page.body)?.[1];
    expect(srcdoc).toBeDefined();
    expect(unescapeHtml(srcdoc as string)).toContain('<p onclick="evil()">"quoted" & <i>html</i></p>');
    expect(page.body).not.toContain('<p onclick');

    const raw = await get(`${base}/messages/${id}.eml`);
    expect(raw.status).toBe(200);
    expect(raw.type).toContain('message/rfc822');
    expect(raw.body).toContain('Subject: Hi <script>alert(1)</script>');

    const one = (await (await fetch(`${base}/api/messages/${id}`)).json()) as Record<string, unknown>;
    expect(one).toMatchObject({ id, subject: 'Hi <script>alert(1)</script>' });
    expect(one.raw).toEqual(expect.stringContaining('Subject:'));

    expect((await get(`${base}/messages/nope`)).status).toBe(404);
    expect((await fetch(`${base}/api/messages/nope`)).status).toBe(404);

    const deleted = await fetch(`${base}/api/messages`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(catcher.messages()).toEqual([]);
    expect((await get(`${base}/`)).body).toContain('No messages yet.');
  });
});

describe('mail catcher with storeDir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mail-catcher-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the inbox across a restart, and clear removes the files', async () => {
    const first = await startMailCatcher({ smtpPort: 0, storeDir: dir });
    expect(first.httpUrl).toBeUndefined();
    await send(first, {
      to: 'ann@example.org',
      bcc: 'staff@pact.test',
      subject: 'Bewaard',
      text: 'blijft',
      html: '<p>blijft</p>',
    });
    await send(first, { to: 'bob@example.org', subject: 'Tweede', text: 'ook' });
    const before = first.messages();
    await first.close();
    expect((await readdir(dir)).filter((f) => f.endsWith('.eml'))).toHaveLength(2);

    const second = await startMailCatcher({ smtpPort: 0, storeDir: dir });
    try {
      const after = second.messages();
      expect(after.map((m) => m.id)).toEqual(before.map((m) => m.id));
      expect(after[0]).toMatchObject({
        subject: 'Bewaard',
        envelope: { from: 'noreply@pact.test', to: ['ann@example.org', 'staff@pact.test'] },
        receivedAt: before[0]?.receivedAt,
        html: '<p>blijft</p>',
      });
      await expect(second.waitForMessage((m) => m.subject === 'Tweede')).resolves.toBeDefined();

      second.clear();
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await second.close();
    }
  });
});

describe('mail catcher ports', () => {
  it('reports a port in use clearly', async () => {
    const first = await startMailCatcher({ smtpPort: 0 });
    try {
      await expect(startMailCatcher({ smtpPort: first.smtpPort })).rejects.toThrow(
        `SMTP port ${first.smtpPort} on 127.0.0.1 is already in use`,
      );
    } finally {
      await first.close();
    }
  });
});
