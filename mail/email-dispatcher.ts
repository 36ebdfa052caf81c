import { sql } from 'kysely';
import type { Db } from '../db/connection';
import type { Email } from './email';
import type { Mailer } from './mailer';
import {
  markedSent,
  messageIdFor,
  recordAccepted,
  sendError,
  storedCopy,
  transmit,
  type OutboxOptions,
} from './outbox';

/**
 * The API's queue of emails whose senders need not wait for SMTP (a request's email, the join
 * form's confirmation): `queue` records one and answers at once, and the dispatcher sends what is
 * due, once. Several API processes may each run one: a row is claimed with FOR UPDATE SKIP LOCKED
 * and marked sent in the same transaction, so two dispatchers never send the same email. When SMTP
 * is away the row stays pending with `last_error` and is tried again with back-off. The one gap is
 * the one every SMTP client has: killed after the server accepted the message and before the row
 * is marked, the email goes out again, with the same Message-ID (derived from its idempotency key).
 */
export interface EmailDispatcher {
  /** Records the email unless its key was recorded before, wakes the dispatcher, and resolves with its Message-ID. */
  queue(email: Email, options: OutboxOptions): Promise<string>;
  /** Sends what is due now (a test, or a process that knows something was queued elsewhere). */
  wake(): void;
  /** Stops sweeping and waits for the sends under way. */
  close(): Promise<void>;
}

/** What travels sealed in the row: the email as it is to be sent, tokens and all. */
interface SealedEmail {
  email: Email;
  from: string;
}

export interface EmailDispatcherOptions {
  /** How often the dispatcher looks for due emails besides being woken (retries, another process's queue). */
  sweepMs?: number;
  /** Told of a failed attempt (SMTP away) or a sweep the database refused; the row keeps its error. */
  log?: (error: unknown) => void;
}

/** Sends at once per dispatcher: SMTP's pool has 3 connections (mail/mailer.ts), and each holds a database connection. */
const parallelSends = 3;
/** Back-off between a queued email's attempts: 2 s, 4 s, … up to a minute, like the activities' retries. */
const retryAfterSeconds = (attempts: number) => Math.min(2 ** attempts, 60);

/**
 * How a queued email is kept at rest until it is sent: encrypted, since it holds the link tokens
 * the stored copy blanks out (the API gives privacy/data-key-sealer.ts: the global data key).
 */
export interface EmailSealer {
  seal(plaintext: Buffer, context: string): Promise<{ keyId: string; sealed: Buffer }>;
  open(keyId: string, sealed: Buffer, context: string): Promise<Buffer>;
}

/** What a sealed email is bound to: its row, so one moved to another row fails to open. */
const sealContext = (idempotencyKey: string) => `email/${idempotencyKey}`;

export function startEmailDispatcher(
  db: Db,
  mailer: Mailer,
  sealer: EmailSealer,
  options: EmailDispatcherOptions = {},
): EmailDispatcher {
  let closed = false;
  let running = 0;
  let wanted = false;
  const idle: (() => void)[] = [];
  /**
   * Emails the SMTP server accepted whose row is not marked yet (the database went away at that
   * moment): this dispatcher must not claim them again while it keeps trying to record them.
   */
  const unrecorded = new Set<string>();

  /** Claims one due email and sends it; false when none is due or SMTP refused (the sweep tries again). */
  async function dispatchOne(): Promise<boolean> {
    let accepted: { key: string; messageId: string } | undefined;
    try {
      return await db.transaction().execute(async (tx) => {
        const row = await tx
          .selectFrom('email_outbox')
          .select(['id', 'idempotency_key', 'attempts', 'sealed_email', 'sealed_key_id'])
          .where('status', '=', 'pending')
          .where('sealed_email', 'is not', null)
          .where('next_attempt_at', '<=', sql<Date>`now()`)
          .$if(unrecorded.size > 0, (q) => q.where('idempotency_key', 'not in', [...unrecorded]))
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (!row) return false;
        try {
          const opened = await sealer.open(row.sealed_key_id!, row.sealed_email!, sealContext(row.idempotency_key));
          const sealed = JSON.parse(opened.toString('utf8')) as SealedEmail;
          const messageId = await transmit(mailer, sealed.email, sealed.from);
          accepted = { key: row.idempotency_key, messageId };
          await tx
            .updateTable('email_outbox')
            .set({ ...markedSent(messageId), attempts: sql`attempts + 1` })
            .where('id', '=', row.id)
            .execute();
          return true;
        } catch (error) {
          if (accepted) throw error;
          // Recorded in this transaction, which commits: the row stays pending, due again after the back-off.
          await tx
            .updateTable('email_outbox')
            .set({
              attempts: sql`attempts + 1`,
              last_error: sendError(error),
              next_attempt_at: sql`now() + make_interval(secs => ${retryAfterSeconds(row.attempts + 1)})`,
            })
            .where('id', '=', row.id)
            .execute();
          options.log?.(error);
          return false;
        }
      });
    } catch (error) {
      // The SMTP server has the message; only recording it failed (the database went away).
      if (!accepted) {
        options.log?.(error);
        return false;
      }
      unrecorded.add(accepted.key);
      try {
        await recordAccepted(db, accepted.key, accepted.messageId, error);
      } catch (lasting) {
        options.log?.(lasting); // away longer than the outbox waits: the one duplicate it cannot rule out
      } finally {
        unrecorded.delete(accepted.key);
      }
      return false;
    }
  }

  /**
   * Sends due emails until none is left, up to `parallelSends` at a time. A wake while every sender
   * is busy is remembered (`wanted`), so an email queued as a sender found nothing is not left to the sweep.
   */
  function drain(): void {
    if (closed) return;
    wanted = true;
    while (running < parallelSends && wanted) {
      wanted = false;
      running++;
      void (async () => {
        try {
          while (!closed && (await dispatchOne()));
        } finally {
          running--;
          if (wanted) drain();
          if (running === 0) idle.splice(0).forEach((resolve) => resolve());
        }
      })();
    }
  }

  const sweep = setInterval(drain, options.sweepMs ?? 5_000);
  sweep.unref();
  drain(); // what an earlier process queued and did not send

  return {
    async queue(email, outboxOptions) {
      const sealed: SealedEmail = { email, from: outboxOptions.from };
      const { keyId, sealed: bytes } = await sealer.seal(
        Buffer.from(JSON.stringify(sealed)),
        sealContext(email.idempotencyKey),
      );
      await db
        .insertInto('email_outbox')
        .values({
          ...storedCopy(email, outboxOptions),
          sealed_email: bytes,
          sealed_key_id: keyId,
          next_attempt_at: sql`now()`,
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute();
      drain();
      return messageIdFor(email.idempotencyKey, outboxOptions.from);
    },
    wake: drain,
    async close() {
      closed = true;
      clearInterval(sweep);
      if (running > 0) await new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
