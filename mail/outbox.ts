import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connection';
import { redactAddresses } from '../security/address-redaction';
import type { Email } from './email';
import type { Mailer } from './mailer';

export interface OutboxOptions {
  from: string;
  /** Secrets (link tokens) to blank out of the stored copy: the outbox keeps a record, not credentials. */
  redact?: string[];
}

/** Where activities hand their emails: this process's SMTP connection, or the API's mail relay. */
export interface Outbox {
  /** Sends the email unless its idempotency key was sent before; resolves with its Message-ID. */
  send(email: Email, options: OutboxOptions): Promise<string>;
}

/** Sends through this process's own SMTP connection. */
export const localOutbox = (db: Db, mailer: Mailer): Outbox => ({
  send: (email, options) => sendThroughOutbox(db, mailer, email, options),
});

/**
 * Sends an email at most once per idempotency key.
 *
 * The outbox row is locked while the message goes out, so two attempts racing on the same key
 * (an activity retried while the first still runs) send once. A crash after the SMTP server
 * accepted the message but before the row is marked sent is the one gap no SMTP client can close;
 * the Message-ID is derived from the key, so the duplicate is recognisable downstream.
 * When it is the database that goes away at that moment, the outbox keeps trying to record the
 * send (recordAccepted) instead of letting the activity retry and send again.
 */
export async function sendThroughOutbox(db: Db, mailer: Mailer, email: Email, options: OutboxOptions): Promise<string> {
  const hide = (text: string) => (options.redact ?? []).reduce((t, secret) => t.split(secret).join('[token]'), text);
  await db
    .insertInto('email_outbox')
    .values({
      idempotency_key: email.idempotencyKey,
      to_address: email.to,
      reply_to: email.replyTo ? hide(email.replyTo) : null,
      subject: email.subject,
      text_body: hide(email.text),
      html_body: hide(email.html),
      calendar_method: email.calendar?.method ?? null,
      partner_ids: email.partnerIds,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();

  let accepted: string | undefined;
  try {
    return await db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('email_outbox')
        .select(['id', 'status', 'message_id'])
        .where('idempotency_key', '=', email.idempotencyKey)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (row.status === 'sent' && row.message_id) return row.message_id;

      const messageId = messageIdFor(email.idempotencyKey, options.from);
      await mailer.sendMail({
        from: options.from,
        to: email.to,
        replyTo: email.replyTo,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId,
        // Every email here is written by the system (RFC 3834), so out-of-office answers stay away
        // from the reply address; answers to replies say `auto-replied` instead.
        headers: { 'Auto-Submitted': 'auto-generated', ...email.headers, 'X-Idempotency-Key': email.idempotencyKey },
        ...(email.calendar
          ? {
              icalEvent: { method: email.calendar.method, content: email.calendar.content, filename: 'invitation.ics' },
            }
          : {}),
      });
      accepted = messageId;
      await tx
        .updateTable('email_outbox')
        .set({ ...markedSent(messageId), attempts: sql`attempts + 1` })
        .where('id', '=', row.id)
        .execute();
      return messageId;
    });
  } catch (error) {
    // The SMTP server has the message; only recording it failed (the database went away).
    if (accepted) return recordAccepted(db, email.idempotencyKey, accepted, error);
    // Kept outside the rolled-back transaction so staff can see why a message is stuck.
    await db
      .updateTable('email_outbox')
      .set({
        attempts: sql`attempts + 1`,
        last_error: redactAddresses(String((error as Error).message ?? error)).slice(0, 500),
      })
      .where('idempotency_key', '=', email.idempotencyKey)
      .where('status', '!=', 'sent')
      .execute()
      .catch(() => undefined);
    throw error;
  }
}

/**
 * The Message-ID of the email sent for an idempotency key: derived from it, so a later email can
 * answer it (a reminder threads under the first request) and a duplicate is recognisable.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${from.split('@')[1]}>`;
}

/** The row of a message the SMTP server accepted. */
const markedSent = (messageId: string) =>
  ({ status: 'sent', message_id: messageId, sent_at: new Date(), last_error: null }) as const;

/** How long the outbox insists on recording an accepted message: well within an activity's one-minute timeout. */
const recordAcceptedForMs = 40_000;

/**
 * The SMTP server accepted the message, but marking the row sent failed: the database connection
 * dropped between the server's "250" and the commit. Throwing would make the activity retry and
 * send the message a second time, so record it on a fresh connection, retrying while the database
 * is away. Only an outage longer than `recordAcceptedForMs` still ends in a (recognisable) duplicate.
 */
async function recordAccepted(db: Db, idempotencyKey: string, messageId: string, cause: unknown): Promise<string> {
  const deadline = Date.now() + recordAcceptedForMs;
  for (let waitMs = 250; ; waitMs = Math.min(waitMs * 2, 4_000)) {
    try {
      await db
        .updateTable('email_outbox')
        .set({ ...markedSent(messageId), attempts: sql`attempts + 1` })
        .where('idempotency_key', '=', idempotencyKey)
        .execute();
      return messageId;
    } catch {
      if (Date.now() + waitMs > deadline) throw cause;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
