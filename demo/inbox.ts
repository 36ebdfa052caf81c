import nodemailer, { type Transporter } from 'nodemailer';
import { type CaughtMessage, type MailReader, mailReader } from '../dev/mail-reader';

/**
 * What the demo's people receive and how they answer by email: the system's mail as Mailpit kept it
 * (its REST API), and replies sent to the API's inbound SMTP port as a mail client would.
 */
export class Inbox {
  private readonly reader: MailReader;
  private readonly sender: Transporter;

  constructor(mailpitUrl: string, inbound: { host: string; port: number }) {
    this.reader = mailReader(mailpitUrl, { pollMs: 250 });
    this.sender = nodemailer.createTransport({ ...inbound, secure: false, ignoreTLS: true });
  }

  /**
   * The email the system sent to `to` under an idempotency key that `key` accepts (the outbox's
   * X-Idempotency-Key names the request, ballot or meeting): one email, found again on a second run.
   */
  email(to: string, key: (idempotencyKey: string) => boolean, timeoutMs = 120_000): Promise<CaughtMessage> {
    return this.reader.waitForMessage((m) => m.to.includes(to) && key(m.headers['x-idempotency-key'] ?? ''), timeoutMs);
  }

  /** The personal link of a kind (`/r/`, `/m/`, `/b/`, `/j/`) in an email. */
  link(message: CaughtMessage, prefix: string): string {
    const link = new RegExp(`https?://[^\\s/]+${prefix}[A-Za-z0-9_-]{43}`).exec(message.text)?.[0];
    if (!link) throw new Error(`no ${prefix} link in "${message.subject}"`);
    return link;
  }

  /** Replies to an email from `from`, the answer on top and the original quoted below. */
  async reply(message: CaughtMessage, from: string, text: string): Promise<void> {
    const to = /reply\+[A-Za-z0-9_-]{43}@[^\s>]+/.exec(message.replyTo ?? '')?.[0];
    if (!to) throw new Error(`"${message.subject}" has no reply address: is INBOUND_DOMAIN set?`);
    await this.sender.sendMail({
      from,
      to,
      subject: `Re: ${message.subject}`,
      ...(message.messageId ? { inReplyTo: message.messageId } : {}),
      text: `${text}\n\n${message.text.replace(/^/gm, '> ')}`,
    });
  }

  close(): void {
    this.reader.close();
    this.sender.close();
  }
}
