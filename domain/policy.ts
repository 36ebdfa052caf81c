/**
 * Reminder and monitoring policy in milliseconds (README.md, Configuration). Read from the environment by
 * config/config.ts and handed to workflows as input, so a running journey keeps the policy it started with.
 */
export interface Policy {
  reminderAfterMs: number;
  reminderEveryMs: number;
  maxReminders: number;
  escalateAfterMs: number;
  expireAfterMs: number;
  reportEveryMs: number;
  commitmentTermMs: number;
  /** How long before a meeting those who said yes are reminded ("tot morgen"); absent in meetings planned before it existed: a day. */
  meetingReminderBeforeMs?: number;
}
