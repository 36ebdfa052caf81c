import nodemailer from 'nodemailer';
import type { CaughtMessage } from '../../tests/support/mail-inbox';
import { type LoadCounters, patienceMs, sleep } from '../retry';

/**
 * A person answering by replying to a request email, through the APIs' reply-by-email SMTP
 * listeners: a listener that is down or answers 4xx (the engine away) gets the same message again,
 * with the same Message-ID, on the next listener, as a sending mail server retries.
 */
export async function replyByEmail(
  inboundPorts: number[],
  counters: LoadCounters,
  to: CaughtMessage,
  from: string,
  text: string,
  messageId: string,
): Promise<void> {
  const replyAddress = /reply\+[A-Za-z0-9_-]{43}@[^\s>]+/.exec(to.replyTo ?? '')?.[0];
  if (!replyAddress) throw new Error(`no reply address on "${to.subject}"`);
  const deadline = Date.now() + patienceMs;
  for (let attempt = 0; ; attempt++) {
    const port = inboundPorts[attempt % inboundPorts.length]!;
    const sender = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      await sender.sendMail({
        from,
        to: replyAddress,
        subject: `Re: ${to.subject}`,
        inReplyTo: to.messageId,
        messageId,
        text: `${text}\n\n${to.text.replace(/^/gm, '> ')}`,
      });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`reply to "${to.subject}" not accepted: ${error}`);
      counters.retry('email reply');
      await sleep(1_000);
    } finally {
      sender.close();
    }
  }
}
