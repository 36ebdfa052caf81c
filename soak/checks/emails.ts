import { emailFigures, keyOf } from '../../tests/faults/fault-kit';
import type { CaughtMessage } from '../../tests/support/mail-inbox';
import type { ChaosEvent } from '../chaos';
import type { SoakSystem } from '../system';
import { checked, type CheckResult } from './check';

/** An email the SMTP server got more than once, and the blow of chaos between its copies. */
export interface Duplicate {
  key: string;
  messageId: string;
  copies: number;
  /** Seconds between the first and the last copy. */
  apartS: number;
  /** The kill that caused it: the last one before the second copy arrived. */
  cause: string;
}

/**
 * No email lost: every request's email and every formalised partner's email reached the SMTP
 * server, and the outbox has each marked sent. Duplicates are counted by Message-ID (a resend of
 * the same email keeps it) and each is put down to the kill just before its second copy.
 */
export async function checkEmails(
  system: SoakSystem,
  partnerIds: string[],
  formalised: string[],
  events: ChaosEvent[],
): Promise<{ results: CheckResult[]; duplicates: Duplicate[]; received: number }> {
  const requests = await system.db.selectFrom('requests').select('id').where('partner_id', 'in', partnerIds).execute();
  const expected = [
    ...requests.map((r) => `request/${r.id}/0/sent`),
    ...formalised.map((id) => `partner/${id}/formalised`),
  ];
  const figures = await emailFigures(system, system.db, expected);
  const messages = await system.mail.messages();
  const byMessageId = new Map<string, CaughtMessage[]>();
  for (const m of messages) byMessageId.set(m.messageId ?? m.id, [...(byMessageId.get(m.messageId ?? m.id) ?? []), m]);
  const duplicates = [...byMessageId.entries()]
    .filter(([, copies]) => copies.length > 1)
    .map(([messageId, copies]) => {
      const times = copies.map((c) => c.receivedAt.getTime()).sort((a, b) => a - b);
      const cause = events.filter((e) => e.at <= times[1]! + 1_000).at(-1);
      return {
        key: keyOf(copies[0]!),
        messageId,
        copies: copies.length,
        apartS: Math.round((times.at(-1)! - times[0]!) / 100) / 10,
        cause: cause
          ? `${cause.parts.join(' + ')} at ${new Date(cause.at).toISOString().slice(11, 19)}`
          : 'no kill before it (a defect)',
      };
    });
  // Two different messages for one idempotency key would be two sends of one email: never allowed.
  const sentTwice = figures.duplicates
    .filter((d) => new Set(d.messageIds).size > 1)
    .map((d) => `${d.key}: ${d.copies} copies with different Message-IDs`);
  return {
    received: messages.length,
    duplicates,
    results: [
      checked(
        'no email lost',
        [...figures.missing.map((k) => `${k}: never received`), ...figures.outboxProblems],
        `${expected.length} expected emails received, every outbox row sent (${messages.length} messages in all)`,
      ),
      checked(
        'duplicates only as resends of the same message',
        [...sentTwice, ...duplicates.filter((d) => d.cause.includes('defect')).map((d) => `${d.key}: ${d.cause}`)],
        `${duplicates.length} resent (same Message-ID), each after a kill`,
      ),
    ],
  };
}
