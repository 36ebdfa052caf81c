// A local SMTP server that keeps every message it receives, for two users:
// a person running `npm start` without SMTP_URL (browsable through the web inbox),
// and the test suite, which needs a real SMTP server and a way to wait for mail.
import { randomBytes } from 'node:crypto';
import { promises as fs, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { CaughtMessage } from './caught-message';
import { startWebInbox, type WebInbox } from './web-inbox';

export type { CaughtMessage };

export interface MailCatcher {
  smtpPort: number;
  httpUrl: string | undefined;
  /** All messages, oldest first. */
  messages(): CaughtMessage[];
  waitForMessage(match: (m: CaughtMessage) => boolean, timeoutMs?: number): Promise<CaughtMessage>;
  clear(): void;
  close(): Promise<void>;
}

export interface MailCatcherOptions {
  /** 0 = a random free port. Default 1025. */
  smtpPort?: number;
  /** undefined = no web inbox; 0 = a random free port. */
  httpPort?: number;
  /** Default 127.0.0.1, so the catcher is never reachable from the network by accident. */
  host?: string;
  /** When set, each message is saved as <id>.eml (plus <id>.json for the envelope) and loaded at start. */
  storeDir?: string;
}

const MAX_MESSAGE_BYTES = 50 * 1024 * 1024;
const DEFAULT_WAIT_MS = 10_000;
// Ids appear in URLs and file names, so only allow this shape from disk.
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;

interface Waiter {
  match: (m: CaughtMessage) => boolean;
  resolve: (m: CaughtMessage) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const storeDir = options.storeDir;
  let messages: CaughtMessage[] = storeDir ? await loadStore(storeDir) : [];
  const waiters = new Set<Waiter>();

  async function accept(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const receivedAt = new Date();
    // Millisecond prefix keeps ids (and .eml files) sorted by arrival.
    const id = `${receivedAt.getTime()}-${randomBytes(4).toString('hex')}`;
    const envelope = {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((r) => r.address),
    };
    const message = await toMessage(id, receivedAt, envelope, raw);
    if (storeDir) {
      await fs.writeFile(path.join(storeDir, `${id}.eml`), raw);
      await fs.writeFile(path.join(storeDir, `${id}.json`), JSON.stringify({ receivedAt, envelope }));
    }
    messages.push(message);
    for (const waiter of waiters) {
      let matched: boolean;
      try {
        matched = waiter.match(message);
      } catch (error) {
        settle(waiter);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (matched) {
        settle(waiter);
        waiter.resolve(message);
      }
    }
  }

  function settle(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    waiters.delete(waiter);
  }

  const smtp = new SMTPServer({
    logger: false,
    banner: 'mail catcher',
    authOptional: true,
    allowInsecureAuth: true, // any credentials are fine, also without TLS
    disabledCommands: ['STARTTLS'], // plain SMTP; no certificate to manage
    size: MAX_MESSAGE_BYTES,
    closeTimeout: 1000, // don't keep close() waiting on idle pooled connections
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anyone' });
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          return;
        }
        // Answer 250 only once the message is stored, so a resolved sendMail()
        // means the message is already visible in messages().
        accept(Buffer.concat(chunks), session).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });

  const smtpPort = await listenSmtp(smtp, options.smtpPort ?? 1025, host);
  let web: WebInbox | undefined;

  const catcher: MailCatcher = {
    smtpPort,
    httpUrl: undefined,
    messages: () => [...messages],
    waitForMessage(match, timeoutMs = DEFAULT_WAIT_MS) {
      let found: CaughtMessage | undefined;
      try {
        found = messages.find(match);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      if (found) return Promise.resolve(found);
      return new Promise<CaughtMessage>((resolve, reject) => {
        const waiter: Waiter = {
          match,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`No matching message within ${timeoutMs} ms. ${describe(messages)}`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    clear() {
      const old = messages;
      messages = [];
      if (storeDir) {
        // Synchronous so a restart right after clear() cannot bring messages back.
        for (const m of old) {
          rmSync(path.join(storeDir, `${m.id}.eml`), { force: true });
          rmSync(path.join(storeDir, `${m.id}.json`), { force: true });
        }
      }
    },
    async close() {
      for (const waiter of [...waiters]) {
        settle(waiter);
        waiter.reject(new Error('Mail catcher closed before a matching message arrived'));
      }
      await Promise.all([new Promise<void>((resolve) => smtp.close(() => resolve())), web?.close()]);
    },
  };

  if (options.httpPort !== undefined) {
    try {
      web = await startWebInbox(catcher, { port: options.httpPort, host });
    } catch (error) {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      throw error;
    }
    catcher.httpUrl = web.url;
  }
  return catcher;
}

function listenSmtp(smtp: SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? Object.assign(new Error(`SMTP port ${port} on ${host} is already in use`), { code: error.code })
          : error,
      );
    };
    // SMTPServer re-emits its net.Server's errors on itself.
    smtp.once('error', onError);
    smtp.listen(port, host, () => {
      smtp.off('error', onError);
      // From now on errors come from single client connections (resets, timeouts):
      // they must not crash the catcher, and the client sees its own failure.
      smtp.on('error', () => undefined);
      resolve((smtp.server.address() as AddressInfo).port);
    });
  });
}

async function toMessage(
  id: string,
  receivedAt: Date,
  envelope: CaughtMessage['envelope'],
  raw: Buffer,
): Promise<CaughtMessage> {
  const parsed = await simpleParser(raw);
  const headers = headerRecord(parsed);
  return {
    id,
    receivedAt,
    envelope,
    from: addresses(parsed.from)[0] ?? '',
    to: addresses(parsed.to),
    replyTo: headers['reply-to'],
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: parsed.html === false ? undefined : parsed.html,
    messageId: parsed.messageId,
    headers,
    raw: raw.toString('utf8'),
    ...calendarOf(parsed.attachments),
  };
}

/** A meeting invitation's iCalendar text, so the web inbox can offer it as an .ics file. */
function calendarOf(attachments: { contentType: string; content: Buffer }[]): { calendar?: string } {
  const part = attachments.find((a) => a.contentType === 'text/calendar');
  return part ? { calendar: part.content.toString('utf8') } : {};
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  // Groups ("undisclosed-recipients: a@x, b@y;") nest their members one level down.
  return objects
    .flatMap((o) => o.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .map((a) => a.address ?? '')
    .filter((a) => a !== '');
}

// mailparser turns many headers into objects (addresses, dates, params); tests want
// the text as sent, so take the raw line, but prefer mailparser's decoded string
// (e.g. an encoded-word Subject) where it has one.
function headerRecord(parsed: ParsedMail): Record<string, string> {
  const rawValues = new Map<string, string[]>();
  for (const { key, line } of parsed.headerLines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    rawValues.set(key, [...(rawValues.get(key) ?? []), value]);
  }
  const headers: Record<string, string> = {};
  for (const [key, values] of rawValues) {
    const decoded = parsed.headers.get(key);
    headers[key] = values.length === 1 && typeof decoded === 'string' ? decoded : values.join('\n');
  }
  return headers;
}

function describe(messages: CaughtMessage[]): string {
  if (messages.length === 0) return 'No messages arrived.';
  const list = messages.map((m) => `"${m.subject}" → ${m.envelope.to.join(', ') || m.to.join(', ')}`);
  return `${messages.length} message(s) arrived: ${list.join('; ')}`;
}

async function loadStore(dir: string): Promise<CaughtMessage[]> {
  await fs.mkdir(dir, { recursive: true });
  const loaded: CaughtMessage[] = [];
  for (const file of await fs.readdir(dir)) {
    if (!file.endsWith('.eml')) continue;
    const id = file.slice(0, -'.eml'.length);
    if (!ID_PATTERN.test(id)) continue;
    const emlPath = path.join(dir, file);
    const raw = await fs.readFile(emlPath);
    // The sidecar may be missing for a hand-dropped .eml; fall back to what the file says.
    const meta = await readMeta(path.join(dir, `${id}.json`));
    const receivedAt = meta?.receivedAt ? new Date(meta.receivedAt) : (await fs.stat(emlPath)).mtime;
    const message = await toMessage(id, receivedAt, meta?.envelope ?? { from: '', to: [] }, raw);
    if (!meta?.envelope) message.envelope = { from: message.from, to: message.to };
    loaded.push(message);
  }
  return loaded.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.id.localeCompare(b.id));
}

async function readMeta(
  file: string,
): Promise<{ receivedAt?: string; envelope?: CaughtMessage['envelope'] } | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as { receivedAt?: string; envelope?: CaughtMessage['envelope'] };
  } catch {
    return undefined;
  }
}
