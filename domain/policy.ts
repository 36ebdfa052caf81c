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
}
