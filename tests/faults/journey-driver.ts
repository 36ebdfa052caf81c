import type { Db } from '../../db/connection';
import { intentAnswer } from '../support/partner-actions';
import type { TestSystem } from '../support/test-system';
import { contactAddresses, onboardingBody } from '../support/onboarding-body';
import { type AnswerStats, answerAfterReminders, waitForStageInDb } from './fault-kit';

/**
 * Partners taken from onboarding to `prototype` by answering each request through its link, after
 * its reminder and escalation (see answerAfterReminders), under a policy of
 * PACT_REMINDER_AFTER=1s, PACT_MAX_REMINDERS=1, PACT_ESCALATE_AFTER=2s and a long expiry.
 * Each journey then sends exactly 13 emails: 4 requests × (request, reminder, escalation) and one
 * nudge to staff that the partner waits for a prototype project.
 */
export class JourneyDriver {
  readonly handled = new Set<string>();
  readonly stats: AnswerStats = { retried: 0 };
  /** Onboarding attempts answered 5xx and tried again. */
  onboardRetries = 0;

  constructor(
    readonly system: TestSystem,
    readonly direct: Db,
  ) {}

  async onboard(name: string): Promise<string> {
    const { id } = contactAddresses(name);
    for (;;) {
      const response = await this.system.staffFetch('/api/partners', {
        method: 'POST',
        body: onboardingBody(name, { actorType: 'market' }),
      });
      if (response.status === 201) return id;
      // A 503 changed nothing (or, if the start reached the engine after all, the retry says 409).
      if (response.status === 409 && this.onboardRetries > 0) return id;
      if (response.status < 500) throw new Error(`onboarding ${name}: ${response.status} ${await response.text()}`);
      this.onboardRetries += 1;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  /** Onboards a partner and answers every request until it is formalised and staff were nudged. */
  async toPrototype(name: string): Promise<string> {
    const id = await this.onboard(name);
    const named = new RegExp(`${name}(?!\\d)`);
    const answer = (to: string, subject: RegExp, body: Record<string, unknown>) =>
      answerAfterReminders(this.system, this.handled, this.stats, to, subject, body);
    await answer(`coordinator@${id}.example`, /engagementsintentie/, intentAnswer);
    await answer(this.system.config.staffEmail, named, { decision: 'approve' });
    await answer(`signatory@${id}.example`, /ondertekening/, { decision: 'approve' });
    await answer(this.system.config.directorEmail, named, { decision: 'approve' });
    await this.system.mail.waitForMessage(
      (m) => m.headers['x-idempotency-key'] === `journey/${id}/prototype-nudge-1`,
      300_000,
    );
    await waitForStageInDb(this.direct, id, 'prototype');
    return id;
  }

  /** The 14 idempotency keys each journey brought to `prototype` must have sent, from its request rows. */
  async expectedKeys(partnerIds: string[]): Promise<{ keys: string[]; requestsPerPartner: Map<string, string[]> }> {
    const requests = await this.direct
      .selectFrom('requests')
      .select(['id', 'partner_id', 'kind'])
      .where('partner_id', 'in', partnerIds)
      .execute();
    const requestsPerPartner = new Map<string, string[]>();
    for (const r of requests)
      requestsPerPartner.set(r.partner_id, [...(requestsPerPartner.get(r.partner_id) ?? []), r.kind].sort());
    const keys = [
      ...requests.flatMap((r) => [
        `request/${r.id}/0/sent`,
        `request/${r.id}/0/reminder-1`,
        `request/${r.id}/escalation`,
      ]),
      ...partnerIds.map((id) => `journey/${id}/prototype-nudge-1`),
      // Countersigned: the partner is told its partnership is formalised (patched('formalised-email')).
      ...partnerIds.map((id) => `partner/${id}/formalised`),
    ];
    return { keys, requestsPerPartner };
  }
}

export const deterministicPolicy = {
  PACT_REMINDER_AFTER: '1s',
  PACT_REMINDER_EVERY: '1s',
  PACT_MAX_REMINDERS: '1',
  PACT_ESCALATE_AFTER: '2s',
  PACT_EXPIRE_AFTER: '1h',
};
