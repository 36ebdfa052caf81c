import { intentAnswer } from '../../tests/support/partner-actions';
import { contactAddresses, onboardingBody } from '../../tests/support/onboarding-body';
import type { SoakSystem } from '../system';
import { type LoadCounters, patienceMs, sleep, untilAnswered, untilItWorks } from '../retry';
import { replyByEmail } from './email-reply';

/** One answer the soak gave and the API (or the reply listener) accepted: it must not be lost. */
export interface GivenAnswer {
  partnerId: string;
  requestId: string;
  via: 'page' | 'email';
  at: number;
}

/**
 * Partners onboarded through the staff API and taken to `prototype`: the intent on its page, then
 * the three sign-offs (staff review, signature, countersignature), each on its page or by replying
 * to its email as the seeded coin says. The soak knows each journey's expected stage from that.
 */
export class JourneyLoad {
  readonly partners: string[] = [];
  readonly answers: GivenAnswer[] = [];
  readonly failures: string[] = [];
  private readonly running: Promise<void>[] = [];

  constructor(
    private readonly system: SoakSystem,
    private readonly counters: LoadCounters,
    private readonly random: () => number,
  ) {}

  /** Starts one journey in the background (its failure is recorded, never thrown here). */
  begin(name: string): void {
    const byEmail = [0, 1, 2].map(() => this.random() < 0.4);
    this.running.push(
      this.drive(name, byEmail).catch((error: unknown) => {
        this.failures.push(`${name}: ${(error as Error).message}`);
      }),
    );
  }

  /** Resolves once every journey begun has had all its answers given. */
  async settled(): Promise<void> {
    await Promise.all(this.running);
  }

  private async drive(name: string, byEmail: boolean[]): Promise<void> {
    const { id } = contactAddresses(name);
    let tries = 0;
    const onboarded = await untilAnswered('onboarding', this.counters, () => {
      tries += 1;
      return this.system.staffFetch('/api/partners', { method: 'POST', body: onboardingBody(name) });
    });
    // 409 after a retry: the first attempt reached the engine after all.
    if (!(onboarded.status === 201 || (onboarded.status === 409 && tries > 1)))
      throw new Error(`onboarding refused: ${onboarded.status} ${await onboarded.text()}`);
    this.partners.push(id);
    this.counters.count('onboarding');

    const answered = new Set<string>();
    for (let step = 0; step < 4; step++) {
      const request = await this.nextRequest(id, answered);
      const email = await this.system.mail.waitForMessage(
        (m) => m.headers['x-idempotency-key'] === `request/${request.id}/0/sent`,
        patienceMs,
      );
      const via = step > 0 && byEmail[step - 1] ? 'email' : 'page';
      if (via === 'email') {
        await replyByEmail(
          this.system.inboundPorts,
          this.counters,
          email,
          request.recipient_email,
          'Ja, akkoord',
          `<soak-${request.id}@soak.localhost>`,
        );
      } else {
        const link = new RegExp(`${this.system.url}/r/[A-Za-z0-9_-]{43}`).exec(email.text)?.[0];
        if (!link) throw new Error(`no link in "${email.subject}"`);
        const body = request.kind === 'intent' ? intentAnswer : { decision: 'approve' };
        const response = await untilAnswered('answer by page', this.counters, () =>
          fetch(link, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify(body),
          }),
        );
        if (response.status !== 200) throw new Error(`answer refused: ${response.status} ${await response.text()}`);
      }
      answered.add(request.id);
      this.answers.push({ partnerId: id, requestId: request.id, via, at: Date.now() });
      this.counters.count(`answer by ${via}`);
    }
  }

  /** The partner's next open request the soak has not answered, once the workflow has opened it. */
  private async nextRequest(partnerId: string, answered: Set<string>) {
    const deadline = Date.now() + patienceMs;
    for (;;) {
      const open = await untilItWorks('read requests', () =>
        this.system.db
          .selectFrom('requests')
          .select(['id', 'kind', 'recipient_email'])
          .where('partner_id', '=', partnerId)
          .where('status', '=', 'pending')
          .orderBy('created_at')
          .execute(),
      );
      const next = open.find((r) => !answered.has(r.id));
      if (next) return next;
      if (Date.now() > deadline) throw new Error(`${partnerId}: no next request within ${patienceMs / 1000}s`);
      await sleep(1_000);
    }
  }
}
