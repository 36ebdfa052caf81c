import { createHash } from 'node:crypto';
import type { Language } from '../domain/vocabulary';
import type { RenderedEmail } from '../mail/email';
import { sendThroughOutbox } from '../mail/outbox';
import { mayAnswerAgain } from './answer-cap';
import type { InboundDeps } from './deps';
import type { MessageHeaders } from './read-message';
import { lacksRequiredAuthentication } from './sender-authentication';

/** A short stable key of a message or an address, for the outbox keys of the answers to it. */
export const inboundHash = (data: string | Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 32);

/**
 * The seam shared by the replies that answer to a link of their own (a meeting invitation's, a
 * ballot's): who the link is for, and how an automatic answer to the reply goes out. Each kind keeps
 * what it reads in the body and what it says.
 */
export interface ReplySeam<Answer> {
  /** Outbox key prefix of the answers about one invitee or ballot: the daily cap counts per prefix. */
  keyPrefix: string;
  /** The personal link, redacted from the outbox's logs. */
  link: string;
  partnerId: string;
  /** The address the reply must come from, the name to greet it by, and the language to answer in. */
  addressee: { email: string; name: string; language: Language };
  /** The meeting's or round's title, for the answer's subject. */
  title: string;
  /** The answer as an email; `name` is absent for an address that is not the addressee's. */
  render: (
    answer: Answer,
    context: { language: Language; title: string; staffEmail: string; name?: string },
  ) => RenderedEmail;
}

/**
 * Tells the sender `answer`, threaded under its message and marked auto-replied, at most once per
 * `key` and within the daily cap of automatic answers (answer-cap.ts).
 */
export function replyTeller<Answer>(deps: InboundDeps, message: MessageHeaders, seam: ReplySeam<Answer>) {
  return async (answer: Answer, to: string, key: string): Promise<void> => {
    if (!(await mayAnswerAgain(deps.db, seam.keyPrefix))) return;
    const { addressee } = seam;
    const email = seam.render(answer, {
      language: addressee.language,
      title: seam.title,
      staffEmail: deps.config.staffEmail,
      ...(to === addressee.email ? { name: addressee.name } : {}),
    });
    const threading: Record<string, string> = message.messageId
      ? { 'In-Reply-To': message.messageId, References: message.messageId }
      : {};
    await sendThroughOutbox(
      deps.db,
      deps.mailer,
      {
        idempotencyKey: `${seam.keyPrefix}${key}`,
        to,
        partnerIds: [seam.partnerId],
        ...email,
        headers: { 'Auto-Submitted': 'auto-replied', ...threading },
      },
      { from: deps.config.mailFrom, redact: [seam.link] },
    );
  };
}

/**
 * Whether the reply may be read: it must come from the addressee (another sender is told so once, with
 * no link, since it is not known to be the addressee) and carry the authentication the settings ask for.
 */
export async function replySender<Answer>(
  deps: InboundDeps,
  message: MessageHeaders,
  from: string,
  seam: ReplySeam<Answer>,
  tell: (answer: Answer, to: string, key: string) => Promise<void>,
  wrongSender: Answer,
): Promise<'wrong_sender' | 'unauthenticated' | 'ok'> {
  if (from.toLowerCase() !== seam.addressee.email.toLowerCase()) {
    await tell(wrongSender, from, `wrong_sender/${inboundHash(from.toLowerCase())}`);
    return 'wrong_sender';
  }
  if (lacksRequiredAuthentication(deps.config.inbound, message, from)) return 'unauthenticated';
  return 'ok';
}
