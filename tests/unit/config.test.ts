import { ConfigError, loadConfig } from '../../config/config';
import { parseDuration } from '../../domain/durations';

describe('configuration', () => {
  it('uses the defaults of DESIGN §4 when nothing is set', () => {
    const config = loadConfig({});
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.policy).toEqual({
      reminderAfterMs: 7 * 86_400_000,
      reminderEveryMs: 7 * 86_400_000,
      maxReminders: 3,
      escalateAfterMs: 21 * 86_400_000,
      expireAfterMs: 30 * 86_400_000,
      reportEveryMs: 90 * 86_400_000,
      commitmentTermMs: 730 * 86_400_000,
    });
  });

  it('reads short policy durations for tests and demos', () => {
    expect(loadConfig({ PACT_REMINDER_AFTER: '2s', PACT_EXPIRE_AFTER: '1m' }).policy).toMatchObject({
      reminderAfterMs: 2000,
      expireAfterMs: 60_000,
    });
  });

  it.each([
    [{ PACT_REMINDER_AFTER: 'soon' }, 'PACT_REMINDER_AFTER="soon" is not a duration'],
    [{ PACT_MAX_REMINDERS: '-1' }, 'PACT_MAX_REMINDERS="-1" must be a whole number'],
    [{ PORT: '70000' }, 'PORT="70000" must be a TCP port'],
    [{ WORKER_WORKFLOW_TASK_SLOTS: '1' }, 'WORKER_WORKFLOW_TASK_SLOTS="1" must be 2 or more'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL="mysql://x" must be a URL starting with postgres://'],
    [{ PACT_STAFF_EMAIL: 'staff' }, 'PACT_STAFF_EMAIL="staff" must be an email address'],
    [{ PACT_TOKEN_SECRET: 'short' }, 'PACT_TOKEN_SECRET must be at least 32 characters'],
    [{ PACT_MASTER_KEY: Buffer.alloc(16).toString('base64') }, 'PACT_MASTER_KEY must be 32 bytes in base64'],
    [{ PACT_MASTER_KEY: 'not base64!' }, 'openssl rand -base64 32'],
    [
      { PACT_REMINDER_AFTER: '10d', PACT_EXPIRE_AFTER: '5d' },
      'PACT_EXPIRE_AFTER must be longer than PACT_REMINDER_AFTER',
    ],
  ])('rejects %j with a message saying what to fix', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never shows a database password in its messages', () => {
    expect(() => loadConfig({ DATABASE_URL: 'http://user:secret@host/db' })).toThrow('http://user:***@host/db');
  });
});

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['2s', 2000],
    ['7d', 604_800_000],
    ['3mo', 7_776_000_000],
    ['1.5h', 5_400_000],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '7', 'd', '-1d', '0s', '7 days'])('%j is not a duration', (text) =>
    expect(parseDuration(text)).toBeNull(),
  );
});
