import { type Kysely, sql } from 'kysely';

// Issue 28: emails that need not wait for SMTP are queued in the outbox and sent by the API's
// dispatcher (mail/email-dispatcher.ts). The stored copy has its link tokens blanked out, so the
// email as it is to be sent travels sealed with a data key until it is sent, then is dropped.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('email_outbox')
    .addColumn('sealed_email', 'bytea')
    .addColumn('sealed_key_id', 'text')
    .addColumn('next_attempt_at', 'timestamptz')
    .execute();
  // The dispatcher's claim: the queued rows due now, oldest first; sent rows are not in the index.
  await sql`create index email_outbox_due on email_outbox (next_attempt_at, id)
    where status = 'pending' and sealed_email is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('email_outbox_due').ifExists().execute();
  await db.schema
    .alterTable('email_outbox')
    .dropColumn('sealed_email')
    .dropColumn('sealed_key_id')
    .dropColumn('next_attempt_at')
    .execute();
}
