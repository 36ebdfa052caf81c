import type { Email } from './email';
import type { Outbox, OutboxOptions } from './outbox';

/** What POST /internal/mail takes (api/mail-relay.ts). */
export interface RelayedEmail {
  email: Email;
  options: OutboxOptions;
}

/** Longer than the relay may take to record an accepted message, shorter than an activity's timeout. */
const relayTimeoutMs = 50_000;

/**
 * Hands emails to the API's mail relay instead of talking SMTP here. The relay sends and records
 * each one whether or not this process is still there to hear the answer, so a worker killed in the
 * middle of a send leaves a message that is sent once: the retried activity finds it recorded.
 */
export function relayOutbox(relayUrl: string, secret: string): Outbox {
  return {
    async send(email, options) {
      const body: RelayedEmail = { email, options };
      const response = await fetch(`${relayUrl}/internal/mail`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(relayTimeoutMs),
      });
      const answer = (await response.json().catch(() => ({}))) as { messageId?: string; error?: { message?: string } };
      if (!response.ok || !answer.messageId) {
        // The activity fails and Temporal retries it with back-off (SMTP or the database away).
        throw new Error(
          `mail relay ${relayUrl} answered ${response.status}: ${answer.error?.message ?? 'no message id'}`,
        );
      }
      return answer.messageId;
    },
  };
}
