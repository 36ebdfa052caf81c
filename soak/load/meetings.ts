import { brusselsAt } from '../../tests/support/meeting-mail';
import { contactAddresses, onboardingBody } from '../../tests/support/onboarding-body';
import type { SoakSystem } from '../system';
import { type LoadCounters, patienceMs, untilAnswered } from '../retry';

const answers = ['yes', 'no', 'maybe'] as const;

/**
 * Follow-up meetings for the care sector's partners, planned through the staff API while the
 * chaos goes on; each invitee answers on the invitation's page, and sometimes changes their mind.
 * The last answer each invitee gave is what the meeting must show at the end.
 */
export class MeetingLoad {
  /** Meeting id → partner id → the answer given last. */
  readonly lastAnswers = new Map<string, Map<string, string>>();
  readonly partners: string[] = [];
  readonly failures: string[] = [];
  private readonly running: Promise<void>[] = [];
  private planned = 0;

  constructor(
    private readonly system: SoakSystem,
    private readonly counters: LoadCounters,
    private readonly random: () => number,
  ) {}

  /** The invitees: partners of the care sector, not taken further than onboarding. */
  async onboardInvitees(names: string[]): Promise<void> {
    for (const name of names) {
      const response = await untilAnswered('onboarding', this.counters, () =>
        this.system.staffFetch('/api/partners', { method: 'POST', body: onboardingBody(name, { sector: 'care' }) }),
      );
      if (response.status !== 201) throw new Error(`onboarding ${name}: ${response.status} ${await response.text()}`);
      this.partners.push(contactAddresses(name).id);
      this.counters.count('onboarding');
    }
  }

  begin(): void {
    this.running.push(
      this.meeting(++this.planned).catch((error: unknown) => {
        this.failures.push(`meeting ${this.planned}: ${(error as Error).message}`);
      }),
    );
  }

  async settled(): Promise<void> {
    await Promise.all(this.running);
  }

  private async meeting(n: number): Promise<void> {
    const title = `Soak opvolging ${n}`;
    const idempotencyKey = `soak-meeting-${n}`;
    const planned = await untilAnswered('plan a meeting', this.counters, () =>
      this.system.staffFetch('/api/meetings', {
        method: 'POST',
        body: JSON.stringify({
          title,
          sector: 'care',
          levers: ['trust'],
          startsAt: brusselsAt(5, 14),
          endsAt: brusselsAt(5, 16),
          place: 'Huis van het Integratiepact, Brussel',
          agenda: '1. Stand van zaken',
          invitees: { sector: 'care' },
          idempotencyKey,
        }),
      }),
    );
    const body = await planned.text();
    // 409 after a lost answer: the first attempt planned it; the refusal names that meeting.
    const id =
      planned.status === 201
        ? (JSON.parse(body) as { id: string }).id
        : planned.status === 409
          ? /meeting "([0-9a-f-]{36})"/.exec(body)?.[1]
          : undefined;
    if (!id) throw new Error(`planning refused: ${planned.status} ${body}`);
    this.counters.count('meeting planned');
    const last = new Map<string, string>();
    this.lastAnswers.set(id, last);
    await Promise.all(
      this.partners.map(async (partnerId) => {
        const invitation = await this.system.mail.waitForMessage(
          (m) => m.to.includes(`coordinator@${partnerId}.example`) && m.subject.includes(title),
          patienceMs,
        );
        const link = new RegExp(`${this.system.url}/m/[A-Za-z0-9_-]{43}`).exec(invitation.text)?.[0];
        if (!link) throw new Error(`no link in "${invitation.subject}"`);
        for (let times = this.random() < 0.3 ? 2 : 1; times > 0; times--) {
          const answer = answers[Math.floor(this.random() * answers.length)]!;
          const response = await untilAnswered('meeting answer', this.counters, () =>
            fetch(link, {
              method: 'POST',
              headers: { 'content-type': 'application/json', accept: 'application/json' },
              body: JSON.stringify({ answer }),
            }),
          );
          if (response.status !== 200) throw new Error(`answer refused: ${response.status} ${await response.text()}`);
          last.set(partnerId, answer);
          this.counters.count('meeting answer');
        }
      }),
    );
  }
}
