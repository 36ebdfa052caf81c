/**
 * The demo's policy: durations of minutes instead of weeks, so reminders, escalations, expiries,
 * reporting periods and ended commitments happen while someone looks (stated in the banner). Settings
 * in the environment win, as under `npm start`.
 */
export const demoPolicy: Record<string, string> = {
  PACT_REMINDER_AFTER: '10m',
  PACT_REMINDER_EVERY: '10m',
  PACT_MAX_REMINDERS: '2',
  PACT_ESCALATE_AFTER: '30m',
  PACT_EXPIRE_AFTER: '60m',
  PACT_REPORT_EVERY: '2m',
  PACT_COMMITMENT_TERM: '2h',
  PACT_MEETING_REMINDER_BEFORE: '1h',
};

/** The policy in effect, one line for the banner. */
export function describePolicy(env: NodeJS.ProcessEnv): string {
  const value = (name: string) => env[name]?.trim() || demoPolicy[name];
  return (
    `reminder after ${value('PACT_REMINDER_AFTER')} (then every ${value('PACT_REMINDER_EVERY')}, at most ${value('PACT_MAX_REMINDERS')}), ` +
    `escalation after ${value('PACT_ESCALATE_AFTER')}, expiry after ${value('PACT_EXPIRE_AFTER')}, ` +
    `a report every ${value('PACT_REPORT_EVERY')}, commitments of ${value('PACT_COMMITMENT_TERM')}`
  );
}
