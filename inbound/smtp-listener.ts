import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Envelope } from './handle-reply';

export interface InboundSmtpOptions {
  port: number;
  /** Default 127.0.0.1; pass 0.0.0.0 where the MTA in front of us must reach it. */
  host?: string;
  /** Only recipients at this domain are accepted (reply+<token>@domain). */
  domain: string;
  handle: (raw: Buffer, envelope: Envelope) => Promise<unknown>;
  onError: (error: unknown) => void;
  /** After this long without a result we answer 451 and the sender retries; default 45 s. */
  handleTimeoutMs?: number;
}

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

/** Larger messages are refused with 552, read to their end but never held in memory. */
const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;
/** Replies trickle in from a few MTAs; more clients than this at once is an attack, not mail. */
const MAX_CLIENTS = 20;
/** An idle or stalled connection is closed after this long (an MTA sends a reply in seconds). */
const SOCKET_TIMEOUT_MS = 60_000;

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/**
 * Receives replies over SMTP. We answer 250 only after `handle` has finished: on a failure
 * (database or Temporal down, a crash) the sender gets 451 or no answer and retries later, so
 * no reply is lost, and retries are safe because an answer counts once and our answer email
 * has an idempotency key derived from the Message-ID. A stuck `handle` gets 451 after a timeout
 * (it may still finish; the retry then finds the request answered and sends nothing new).
 */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const domain = options.domain.toLowerCase();
  const timeoutMs = options.handleTimeoutMs ?? 45_000;
  const smtp = new SMTPServer({
    logger: false,
    banner: 'Integratiepact replies',
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'], // TLS, if any, is terminated by the MTA in front of us
    size: MAX_MESSAGE_BYTES, // announced in EHLO and checked against MAIL FROM's SIZE=, so most senders never try
    maxClients: MAX_CLIENTS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      const at = address.address.lastIndexOf('@');
      if (address.address.slice(at + 1).toLowerCase() !== domain)
        return callback(smtpError(550, `5.1.1 <${address.address}>: we only accept mail for @${domain}`));
      callback();
    },
    onData(stream, session, callback) {
      // SMTP answers only after the final dot, so an oversized message is read to its end, but
      // its bytes are dropped as they arrive instead of kept.
      const chunks: Buffer[] = [];
      let received = 0;
      stream.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received <= MAX_MESSAGE_BYTES) chunks.push(chunk);
        else chunks.length = 0;
      });
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded || received > MAX_MESSAGE_BYTES)
          return callback(smtpError(552, `5.3.4 Message larger than ${MAX_MESSAGE_BYTES} bytes`));
        const envelope: Envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`handling the message took longer than ${timeoutMs} ms`)),
            timeoutMs,
          );
        });
        Promise.race([options.handle(Buffer.concat(chunks), envelope), timeout])
          .then(
            () => callback(),
            (error: unknown) => {
              options.onError(error);
              callback(smtpError(451, '4.3.0 Temporary failure, please try again later'));
            },
          )
          .finally(() => clearTimeout(timer));
      });
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.port, options.host ?? '127.0.0.1', () => {
      smtp.off('error', reject);
      // From now on errors belong to single connections (resets, timeouts); report, never crash.
      smtp.on('error', options.onError);
      resolve((smtp.server.address() as AddressInfo).port);
    });
  });
  return { port, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
}
