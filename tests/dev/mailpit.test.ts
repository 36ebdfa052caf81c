// Mailpit is the SMTP server of the test suite, the benchmarks and `npm start` (dev/mailpit.ts), read
// through its REST API (tests/support/mail-inbox.ts): tested with real SMTP (nodemailer) and real HTTP.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { ensureGoBinary, findGo, type GoProgram } from '../../dev/go-binary';
import { mailpitVersion, startMailpit } from '../../dev/mailpit';
import { freePort } from '../support/free-port';
import { type MailInbox, mailReader, startMailInbox } from '../support/mail-inbox';
import { sharedServers } from '../support/shared-servers';

const binary = () => sharedServers().mailpitBinary;
const folders: string[] = [];
const folder = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
};
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function send(port: number, mail: Mail.Options, auth?: { user: string; pass: string }) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, auth });
  return transport.sendMail({ from: '"Integratiepact" <noreply@pact.test>', ...mail });
}

describe('a Go program (dev/go-binary.ts: the Temporal CLI and Mailpit)', () => {
  const program: GoProgram = {
    title: 'Nothing',
    command: 'integratiepact-no-such-program',
    module: 'example.invalid/nothing',
    version: 'v0.0.1',
    pathSetting: 'NOTHING_PATH',
    cacheSetting: 'NOTHING_CACHE',
    cacheName: 'nothing',
    buildTakes: 'no time',
    installUrl: 'https://example.invalid',
  };
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['NOTHING_PATH', 'NOTHING_CACHE', 'GOPROXY']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  test('comes from its path setting, else its cache', async () => {
    const cache = folder('go-program-');
    process.env.NOTHING_CACHE = cache;
    const cached = join(cache, 'integratiepact-no-such-program');
    writeFileSync(cached, '#!/bin/sh\n');
    chmodSync(cached, 0o755);
    await expect(ensureGoBinary(program, () => undefined)).resolves.toEqual({ path: cached, source: 'cache' });
    process.env.NOTHING_PATH = cached;
    await expect(ensureGoBinary(program, () => undefined)).resolves.toEqual({
      path: cached,
      source: 'NOTHING_PATH',
    });
  });

  test('a path setting that is no program stops with one line naming the setting', async () => {
    process.env.NOTHING_PATH = join(folder('go-program-'), 'absent');
    const failure = ensureGoBinary(program, () => undefined);
    await expect(failure).rejects.toThrow(/^NOTHING_PATH=\S+ is not an executable file: point it at/);
  });

  (findGo() ? test : test.skip)(
    'a build that fails stops with one line naming the command and the setting',
    async () => {
      const cache = folder('go-program-');
      process.env.NOTHING_CACHE = cache;
      process.env.GOPROXY = 'off'; // fails at once, network or not
      const lines: string[] = [];
      const error = await ensureGoBinary(program, (line) => lines.push(line)).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      const message = (error as Error).message;
      expect(message).toMatch(
        /^could not build Nothing with `go install example\.invalid\/nothing@v0\.0\.1`: exit code 1: /,
      );
      expect(message).toMatch(/Install it yourself \(https:\/\/example\.invalid\) and set NOTHING_PATH\.$/);
      expect(message).not.toContain('\n');
      expect(lines).toEqual(['building Nothing v0.0.1 from its Go module (first run only; no time)…']);
    },
  );

  (findGo() ? test : test.skip)('Mailpit is the version docker-compose runs, built from its Go module', () => {
    // `mailpit version` says "dev" for a `go install` build; the build info names the module's tag.
    const info = execFileSync(findGo()!, ['version', '-m', binary()], { encoding: 'utf8' });
    expect(info).toMatch(
      new RegExp(`\\bmod\\s+github\\.com/axllent/mailpit\\s+${mailpitVersion.replace(/\./g, '\\.')}\\b`),
    );
  });
});

describe('Mailpit read through its REST API', () => {
  let inbox: MailInbox;
  beforeAll(async () => {
    inbox = await startMailInbox(binary());
  });
  afterAll(() => inbox?.close());
  beforeEach(() => inbox.clear());

  test('a message sent through SMTP is read back as sent', async () => {
    await send(inbox.smtpPort, {
      to: 'Ann Partner <ann@example.org>',
      bcc: 'staff@pact.test',
      replyTo: 'reply+tok123@inbound.pact.test',
      subject: 'Uw intentieverklaring – bevestiging',
      text: 'Hallo Ann,\nOnderteken hier: http://localhost:3000/r/abc',
      html: '<p>Hallo <b>Ann</b></p>',
      headers: { 'X-Idempotency-Key': 'intent-42', 'Auto-Submitted': 'auto-generated' },
    });
    // A resolved sendMail means Mailpit stored the message: the next read has it.
    const [message, ...more] = await inbox.messages();
    expect(more).toEqual([]);
    expect(message).toMatchObject({
      subject: 'Uw intentieverklaring – bevestiging',
      html: '<p>Hallo <b>Ann</b></p>',
      from: 'noreply@pact.test',
      to: ['ann@example.org'],
      envelope: { from: 'noreply@pact.test', to: ['ann@example.org', 'staff@pact.test'] },
      replyTo: 'reply+tok123@inbound.pact.test',
    });
    expect(message!.text).toContain('Onderteken hier: http://localhost:3000/r/abc');
    expect(message!.headers).toMatchObject({
      'reply-to': 'reply+tok123@inbound.pact.test',
      'x-idempotency-key': 'intent-42',
      'auto-submitted': 'auto-generated',
    });
    expect(message!.messageId).toMatch(/^<.+@pact\.test>$/);
    expect(message!.raw).toContain('X-Idempotency-Key: intent-42');
    expect(Math.abs(message!.receivedAt.getTime() - Date.now())).toBeLessThan(10_000);
  });

  test('accepts any credentials when a client authenticates', async () => {
    await send(inbox.smtpPort, { to: 'a@example.org', subject: 'with auth', text: 'x' }, { user: 'u', pass: 'p' });
    expect((await inbox.messages()).map((m) => m.subject)).toEqual(['with auth']);
  });

  test('keeps every delivery, a second copy of the same message included', async () => {
    // The fault tests count copies by idempotency key: a message sent twice must arrive twice.
    const copy = { to: 'twice@example.org', subject: 'Twee keer', text: 'x', messageId: '<same@pact.test>' };
    await send(inbox.smtpPort, copy);
    await send(inbox.smtpPort, copy);
    const copies = (await inbox.messages()).filter((m) => m.messageId === '<same@pact.test>');
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((m) => m.id)).size).toBe(2);
  });

  test('waitForMessage resolves for an earlier and for a later message, for many waiting at once', async () => {
    await send(inbox.smtpPort, { to: 'early@example.org', subject: 'early', text: 'x' });
    await expect(inbox.waitForMessage((m) => m.subject === 'early')).resolves.toMatchObject({ subject: 'early' });

    const waiting = Array.from({ length: 40 }, (_, i) =>
      inbox.waitForMessage((m) => m.to.includes(`late${i}@example.org`), 10_000),
    );
    await send(inbox.smtpPort, { to: 'other@example.org', subject: 'not this one', text: 'x' });
    for (let i = 0; i < 40; i++)
      await send(inbox.smtpPort, { to: `late${i}@example.org`, subject: `late ${i}`, text: 'x' });
    expect((await Promise.all(waiting)).map((m) => m.subject)).toEqual(
      Array.from({ length: 40 }, (_, i) => `late ${i}`),
    );
  });

  test('waitForMessage times out with a list of what did arrive', async () => {
    await send(inbox.smtpPort, { to: 'ann@example.org', subject: 'Herinnering', text: 'x' });
    const started = Date.now();
    await expect(inbox.waitForMessage((m) => m.subject === 'never', 300)).rejects.toThrow(
      /No matching message within 300 ms\. 1 message\(s\) arrived: "Herinnering" → ann@example\.org/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  test('messages are oldest first; clear empties Mailpit', async () => {
    for (const subject of ['one', 'two', 'three'])
      await send(inbox.smtpPort, { to: 'a@example.org', subject, text: 'x' });
    expect((await inbox.messages()).map((m) => m.subject)).toEqual(['one', 'two', 'three']);
    await inbox.clear();
    expect(await inbox.messages()).toEqual([]);
    // Another reader of the same Mailpit sees it empty too.
    expect(await mailReader(inbox.httpUrl).messages()).toEqual([]);
  });

  test("a meeting invitation's calendar part is read", async () => {
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';
    await send(inbox.smtpPort, {
      to: 'ann@example.org',
      subject: 'Uitnodiging',
      text: 'x',
      icalEvent: { method: 'REQUEST', content: ics, filename: 'invitation.ics' },
    });
    await send(inbox.smtpPort, { to: 'ann@example.org', subject: 'Plain', text: 'x' });
    const [invitation, plain] = await inbox.messages();
    expect(invitation!.calendar).toBe(ics);
    expect(plain!.calendar).toBeUndefined();
  });

  test('the web inbox answers on the loopback', async () => {
    expect(inbox.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${inbox.httpUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Mailpit');
  });
});

describe('Mailpit under npm start', () => {
  test('keeps the mail in its database file across a restart', async () => {
    const database = join(folder('mailpit-'), 'mailpit.db');
    const options = async () => ({
      binary: binary(),
      smtpPort: await freePort(),
      httpPort: await freePort(),
      database,
    });
    const first = await startMailpit(await options());
    try {
      await send(first.smtpPort, { to: 'ann@example.org', subject: 'Bewaard', text: 'blijft' });
    } finally {
      await first.stop();
    }
    const second = await startMailpit(await options());
    try {
      expect((await mailReader(second.httpUrl).messages()).map((m) => m.subject)).toEqual(['Bewaard']);
    } finally {
      await second.stop();
    }
  });

  test.each(['smtp', 'http'] as const)(
    'its %s port in use stops it with one line naming the setting',
    async (which) => {
      const taken: Server = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const port = (taken.address() as { port: number }).port;
      try {
        const start = startMailpit({
          binary: binary(),
          smtpPort: which === 'smtp' ? port : await freePort(),
          httpPort: which === 'http' ? port : await freePort(),
          database: join(folder('mailpit-'), 'mailpit.db'),
          portSettings: { smtp: 'MAILPIT_SMTP_PORT', http: 'MAILPIT_HTTP_PORT' },
        });
        await expect(start).rejects.toThrow(
          `127.0.0.1:${port} (Mailpit's ${which === 'smtp' ? 'SMTP' : 'web inbox'}) is already in use: set ${
            which === 'smtp' ? 'MAILPIT_SMTP_PORT' : 'MAILPIT_HTTP_PORT'
          } to a free port`,
        );
      } finally {
        await new Promise((resolve) => taken.close(resolve));
      }
    },
  );
});
