// The mail a Mailpit kept, read through its REST API and parsed once per message with mailparser:
// the tests and the benchmarks assert on it (tests/support/mail-inbox.ts), and the demo pact
// (demo/) follows the links in it as the partners would.
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

/** A message Mailpit kept, parsed. */
export interface CaughtMessage {
  /** Mailpit's id (its web inbox shows the message at /view/<id>). */
  id: string;
  /** When Mailpit stored it (millisecond precision): before it answered the sender's DATA with 250. */
  receivedAt: Date;
  /** What the SMTP client said: MAIL FROM (Mailpit's Return-Path) and every RCPT TO (To, Cc, and Bcc, which Mailpit adds for a recipient the headers do not name). */
  envelope: { from: string; to: string[] };
  /** Bare address of the From header. */
  from: string;
  /** Bare addresses of the To header. */
  to: string[];
  /** Reply-To header as written (name and address), if any. */
  replyTo: string | undefined;
  subject: string;
  text: string;
  html: string | undefined;
  messageId: string | undefined;
  /** Lower-cased header name → value; a repeated header is joined with newlines. */
  headers: Record<string, string>;
  /** The message as Mailpit keeps it: as sent, with a Return-Path (and Bcc, see `envelope`) header added. */
  raw: string;
  /** The calendar part of an invitation (`text/calendar`), if the message has one. */
  calendar?: string;
}

export interface MailReader {
  /** Every message so far, oldest first (in the order this reader found them). */
  messages(): Promise<CaughtMessage[]>;
  /** The first message, earlier or later, for which `match` is true. */
  waitForMessage(match: (m: CaughtMessage) => boolean, timeoutMs?: number): Promise<CaughtMessage>;
  /** Deletes every message in Mailpit. */
  clear(): Promise<void>;
  /** Stops waiting: pending waits are rejected. */
  close(): void;
}

const DEFAULT_WAIT_MS = 10_000;
const POLL_MS = 100;
const FIRST_PAGE = 25;
const PAGE = 250;
const RAW_FETCHES_AT_ONCE = 8;

interface Summary {
  ID: string;
  Created: string;
}

interface Waiter {
  match: (m: CaughtMessage) => boolean;
  resolve: (m: CaughtMessage) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  /** How much of the list it has looked at. */
  seen: number;
}

/**
 * Reads a Mailpit's messages through its REST API. One poll loop (every 100 ms while anyone waits)
 * and one request at a time serve every caller, however many wait at once (the worker-crash fault
 * test has hundreds); each message's source is fetched and parsed once.
 */
export function mailReader(httpUrl: string, options: { pollMs?: number } = {}): MailReader {
  const pollMs = options.pollMs ?? POLL_MS;
  let list: CaughtMessage[] = [];
  const known = new Set<string>();
  const waiters = new Set<Waiter>();
  let closed = false;
  let polling = false;
  let lastError: unknown;
  // Syncs and clears run one after another; a sync asked for while one waits to start joins it.
  let queue: Promise<unknown> = Promise.resolve();
  let pendingSync: Promise<void> | undefined;

  async function api(path: string, init?: RequestInit): Promise<Response> {
    const response = await fetch(`${httpUrl}${path}`, init);
    if (!response.ok) throw new Error(`Mailpit answered ${response.status} to ${init?.method ?? 'GET'} ${path}`);
    return response;
  }

  /** Whatever Mailpit stored before this call is in the list once it resolves. */
  function sync(): Promise<void> {
    if (pendingSync) return pendingSync;
    const next = queue
      .catch(() => undefined)
      .then(() => {
        pendingSync = undefined;
        return fetchNew();
      });
    pendingSync = next;
    queue = next;
    return next;
  }

  async function fetchNew(): Promise<void> {
    // Newest first. Count what is missing rather than stopping at the first known id: a message
    // stored a moment earlier may be committed after a later one.
    const found = new Map<string, Summary>();
    for (let start = 0, limit = FIRST_PAGE; ; start += limit, limit = PAGE) {
      const page = (await (await api(`/api/v1/messages?start=${start}&limit=${limit}`)).json()) as {
        total: number;
        messages: Summary[];
      };
      for (const summary of page.messages) if (!known.has(summary.ID)) found.set(summary.ID, summary);
      if (page.total - known.size - found.size <= 0 || page.messages.length < limit) break;
    }
    // Oldest first; Mailpit's times are whole milliseconds, so ties keep the reverse of its order.
    const fresh = [...found.values()]
      .reverse()
      .map((summary, i) => ({ summary, i, at: Date.parse(summary.Created) }))
      .sort((a, b) => a.at - b.at || a.i - b.i)
      .map((s) => s.summary);
    const parsed: CaughtMessage[] = new Array(fresh.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(RAW_FETCHES_AT_ONCE, fresh.length) }, async () => {
        for (let i = next++; i < fresh.length; i = next++) {
          const summary = fresh[i]!;
          const raw = Buffer.from(await (await api(`/api/v1/message/${summary.ID}/raw`)).arrayBuffer());
          parsed[i] = await toMessage(summary.ID, new Date(summary.Created), raw);
        }
      }),
    );
    for (const message of parsed) {
      known.add(message.id);
      list.push(message);
    }
    if (parsed.length) notify();
  }

  function notify(): void {
    for (const waiter of waiters) {
      for (; waiter.seen < list.length; waiter.seen++) {
        const message = list[waiter.seen]!;
        let matched: boolean;
        try {
          matched = waiter.match(message);
        } catch (error) {
          settle(waiter);
          waiter.reject(error instanceof Error ? error : new Error(String(error)));
          break;
        }
        if (matched) {
          settle(waiter);
          waiter.resolve(message);
          break;
        }
      }
    }
  }

  function settle(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    waiters.delete(waiter);
  }

  async function poll(): Promise<void> {
    if (polling) return;
    polling = true;
    try {
      while (waiters.size > 0 && !closed) {
        try {
          await sync();
          lastError = undefined;
        } catch (error) {
          lastError = error; // Mailpit busy or restarting: try again until the waits time out
        }
        if (waiters.size === 0) break;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    } finally {
      polling = false;
    }
  }

  return {
    async messages() {
      await sync();
      return [...list];
    },

    waitForMessage(match, timeoutMs = DEFAULT_WAIT_MS) {
      if (closed) return Promise.reject(new Error('the mail reader is closed'));
      return new Promise<CaughtMessage>((resolve, reject) => {
        const waiter: Waiter = {
          match,
          resolve,
          reject,
          seen: 0,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            const why = lastError ? ` Reading Mailpit failed: ${String(lastError)}.` : '';
            reject(new Error(`No matching message within ${timeoutMs} ms.${why} ${describe(list)}`));
          }, timeoutMs),
        };
        waiters.add(waiter);
        notify(); // what this reader has already found
        if (waiters.has(waiter)) void poll();
      });
    },

    clear() {
      const next = queue
        .catch(() => undefined)
        .then(async () => {
          await api('/api/v1/messages', { method: 'DELETE' });
          list = [];
          known.clear();
          for (const waiter of waiters) waiter.seen = 0;
        });
      queue = next;
      return next;
    },

    close() {
      closed = true;
      for (const waiter of [...waiters]) {
        settle(waiter);
        waiter.reject(new Error('Mailpit stopped before a matching message arrived'));
      }
    },
  };
}

/** A message as the assertions read it, from its source as Mailpit keeps it. */
export async function toMessage(id: string, receivedAt: Date, raw: Buffer): Promise<CaughtMessage> {
  const parsed = await simpleParser(raw);
  const headers = headerRecord(parsed);
  return {
    id,
    receivedAt,
    envelope: {
      from: (headers['return-path'] ?? '').replace(/^<|>$/g, ''),
      to: [...addresses(parsed.to), ...addresses(parsed.cc), ...addresses(parsed.bcc)],
    },
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

/** A meeting invitation's iCalendar text. */
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
  const shown = messages.slice(-30).map((m) => `"${m.subject}" → ${m.envelope.to.join(', ') || m.to.join(', ')}`);
  return `${messages.length} message(s) arrived${messages.length > shown.length ? `, the last ${shown.length}` : ''}: ${shown.join('; ')}`;
}
