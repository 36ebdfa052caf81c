import type { Lever, PactGoal } from '../../domain/vocabulary';
import type { Intent } from '../../domain/request-topics';
import type { CaughtMessage } from './mail-inbox';
import { readJson } from './http';
import { onboardingBody } from './onboarding-body';
import type { TestSystem } from './test-system';

/**
 * What people do in tests, the way they do it for real: staff call the API; partners, staff and
 * the director open the link in the email they received and answer it.
 */
export class Actors {
  private readonly handled = new Set<string>();

  constructor(readonly system: TestSystem) {}

  /**
   * Onboards a partner with a coordinator and a signatory at example addresses. All test files
   * share one Temporal server, so each file uses partner names no other file uses.
   */
  async onboard(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const response = await this.system.staffFetch('/api/partners', {
      method: 'POST',
      body: onboardingBody(name, extra),
    });
    if (response.status !== 201)
      throw new Error(`onboarding ${name} failed: ${response.status} ${await response.text()}`);
    return (await readJson(response)).id;
  }

  /** The next email to `to` not handled yet (optionally whose subject matches), marked handled. */
  async nextEmail(to: string, subject?: RegExp, timeoutMs = 30_000): Promise<CaughtMessage> {
    const message = await this.system.mail.waitForMessage(
      (m) => m.to.includes(to) && !this.handled.has(m.id) && (!subject || subject.test(m.subject)),
      timeoutMs,
    );
    this.handled.add(message.id);
    return message;
  }

  /** The partner link in an email. */
  linkIn(message: CaughtMessage): string {
    const link = new RegExp(`${this.system.url}/r/[A-Za-z0-9_-]{43}`).exec(message.text)?.[0];
    if (!link) throw new Error(`no link in "${message.subject}"`);
    return link;
  }

  /** Opens the link of the next email to `to` and posts the answer, as the page does. */
  async answer(
    to: string,
    answer: Record<string, unknown>,
    subject?: RegExp,
  ): Promise<{ status: number; body: any; link: string }> {
    const link = this.linkIn(await this.nextEmail(to, subject));
    return { ...(await this.post(link, answer)), link };
  }

  async post(link: string, answer: Record<string, unknown>): Promise<{ status: number; body: any }> {
    const response = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(answer),
    });
    return { status: response.status, body: await readJson(response) };
  }

  addresses(partnerId: string) {
    return {
      coordinator: `coordinator@${partnerId}.example`,
      signatory: `signatory@${partnerId}.example`,
      staff: this.system.config.staffEmail,
      director: this.system.config.directorEmail,
    };
  }

  /** Intent, review, signature and countersignature, all approved: the partner reaches `prototype`. */
  async formalise(partnerId: string): Promise<void> {
    const who = this.addresses(partnerId);
    await this.expectOk(this.answer(who.coordinator, intentAnswer));
    await this.expectOk(this.answer(who.staff, { decision: 'approve' }, new RegExp(partnerName(partnerId), 'i')));
    await this.expectOk(this.answer(who.signatory, { decision: 'approve' }));
    await this.expectOk(this.answer(who.director, { decision: 'approve' }, new RegExp(partnerName(partnerId), 'i')));
    await this.waitForStage(partnerId, 'prototype');
  }

  async expectOk(answered: Promise<{ status: number; body: any }>): Promise<void> {
    const { status, body } = await answered;
    if (status !== 200) throw new Error(`answer refused: ${status} ${JSON.stringify(body)}`);
  }

  async journey(partnerId: string): Promise<any> {
    return readJson(await this.system.staffFetch(`/api/partners/${partnerId}`));
  }

  /** Polls the read model (what staff see) until the journey reaches a stage. */
  async waitForStage(partnerId: string, stage: string, timeoutMs = 30_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const journey = await this.journey(partnerId);
      if (journey.stage === stage) return journey;
      if (Date.now() > deadline) throw new Error(`${partnerId} is in stage ${journey.stage}, not ${stage}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export const intentAnswer = {
  levers: ['agency', 'trust'] satisfies Lever[],
  goals: ['counter_discrimination', 'placements_for_newcomers'] satisfies PactGoal[],
  summary: 'Wij bieden tien stageplaatsen aan inburgeraars en trainen ons personeel.',
  targets: { placements_offered: 10 },
} satisfies Intent;

/** Matches a subject naming the partner: test partners are named like their id, e.g. "Voka" for voka. */
const partnerName = (partnerId: string) => partnerId.replace(/-/g, '.');
