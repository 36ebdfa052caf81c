import { ConfigError, loadConfig } from '../../config/config';
import { parseDuration } from '../../domain/durations';

describe('configuration', () => {
  it('uses the defaults of README.md (Configuration) when nothing is set', () => {
    const config = loadConfig({});
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    // Reply-by-email is off unless a domain receives it; the internal listener stays on the loopback.
    expect(config.inbound).toEqual({
      domain: undefined,
      smtpPort: undefined,
      requireAuth: false,
      authservId: undefined,
    });
    expect(config.internal).toEqual({ port: 3001, host: '127.0.0.1' });
    expect(config.publicMinPartners).toBe(3);
    expect(config.workerMapLayout).toBe(true);
    expect(config.policy).toEqual({
      reminderAfterMs: 7 * 86_400_000,
      reminderEveryMs: 7 * 86_400_000,
      maxReminders: 3,
      escalateAfterMs: 21 * 86_400_000,
      expireAfterMs: 30 * 86_400_000,
      reportEveryMs: 90 * 86_400_000,
      commitmentTermMs: 730 * 86_400_000,
      meetingReminderBeforeMs: 86_400_000,
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
    [{ PUBLIC_MIN_PARTNERS: '1' }, 'PUBLIC_MIN_PARTNERS="1" must be 2 or more'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL="mysql://x" must be a URL starting with postgres://'],
    [{ PACT_STAFF_EMAIL: 'staff' }, 'PACT_STAFF_EMAIL="staff" must be an email address'],
    [{ PACT_TOKEN_SECRET: 'short' }, 'PACT_TOKEN_SECRET must be at least 32 characters'],
    [{ INBOUND_DOMAIN: 'reply.example.org' }, 'INBOUND_DOMAIN is set but PACT_TOKEN_SECRET is not'],
    [{ INBOUND_REQUIRE_AUTH: 'yes' }, 'INBOUND_REQUIRE_AUTH="yes" must be 1 (on) or 0 (off)'],
    [{ INBOUND_REQUIRE_AUTH: '1' }, 'INBOUND_REQUIRE_AUTH=1 needs INBOUND_AUTHSERV_ID'],
    [
      { INBOUND_AUTHSERV_ID: 'mx.example.org; dmarc=pass' },
      'INBOUND_AUTHSERV_ID="mx.example.org; dmarc=pass" must be one name',
    ],
    [{ INTERNAL_PORT: '3000' }, 'INTERNAL_PORT must differ from PORT (3000)'],
    [{ WORKER_METRICS_PORT: 'on' }, 'WORKER_METRICS_PORT="on" must be a TCP port'],
    [{ WORKER_MAP_LAYOUT: 'off' }, 'WORKER_MAP_LAYOUT="off" must be 1 (on) or 0 (off)'],
    [{ PACT_API_TOKEN: 'x'.repeat(31) }, 'PACT_API_TOKEN must be at least 32 characters'],
    [{ INBOUND_WEBHOOK_SECRET: 'hunter2' }, 'INBOUND_WEBHOOK_SECRET must be at least 32 characters'],
    [{ MAIL_RELAY_SECRET: 'short' }, 'MAIL_RELAY_SECRET must be at least 32 characters'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY="true" must be a hop count'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'not understood: 10.0.0.0/33'],
    [{ TRUST_PROXY: '10.0.0.1, proxy.example' }, 'not understood: proxy.example'],
    [{ PACT_SESSION_IDLE_TIMEOUT: 'never' }, 'PACT_SESSION_IDLE_TIMEOUT="never" is not a duration'],
    [{ PACT_MASTER_KEY: Buffer.alloc(16).toString('base64') }, 'PACT_MASTER_KEY must be 32 bytes in base64'],
    [{ PACT_MASTER_KEY: 'not base64!' }, 'openssl rand -base64 32'],
    [{ MAIL_FROM_NAME: 'Integratiepact <spoof@x>' }, 'MAIL_FROM_NAME must be one line'],
    [{ DKIM_DOMAIN: 'integratiepact.be' }, 'DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE go together'],
    [
      { DKIM_DOMAIN: 'integratiepact.be', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY_FILE: '/nonexistent/key.pem' },
      'DKIM_PRIVATE_KEY_FILE="/nonexistent/key.pem" must be a readable PEM private key',
    ],
    [
      { PACT_REMINDER_AFTER: '10d', PACT_EXPIRE_AFTER: '5d' },
      'PACT_EXPIRE_AFTER must be longer than PACT_REMINDER_AFTER',
    ],
  ])('rejects %j with a message saying what to fix', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('names the receiving mail server whose Authentication-Results count, as a lower-case authserv-id', () => {
    const { inbound } = loadConfig({ INBOUND_REQUIRE_AUTH: '1', INBOUND_AUTHSERV_ID: 'MX.Example.org' });
    expect(inbound).toMatchObject({ requireAuth: true, authservId: 'mx.example.org' });
  });

  it('accepts secrets of 32 characters or more', () => {
    const secret = 'x'.repeat(32);
    const config = loadConfig({ PACT_API_TOKEN: secret, PACT_TOKEN_SECRET: secret, INBOUND_WEBHOOK_SECRET: secret });
    expect([config.apiToken, config.tokenSecret, config.inboundSecret]).toEqual([secret, secret, secret]);
  });

  it('reads TRUST_PROXY as a hop count or a list of addresses and CIDRs; unset trusts no proxy', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1, fd00::/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
    ]);
  });

  it('ends idle staff sessions after 8 hours unless PACT_SESSION_IDLE_TIMEOUT says otherwise', () => {
    expect(loadConfig({}).sessionIdleTimeoutMs).toBe(8 * 3_600_000);
    expect(loadConfig({ PACT_SESSION_IDLE_TIMEOUT: '30m' }).sessionIdleTimeoutMs).toBe(1_800_000);
  });

  it('reads where the Temporal UI server is; refuses TEMPORAL_UI_URL, which no longer means anything', () => {
    expect(loadConfig({}).temporal.uiUpstream).toBeUndefined();
    expect(loadConfig({ TEMPORAL_UI_UPSTREAM: 'http://temporal-ui:8080/' }).temporal.uiUpstream).toBe(
      'http://temporal-ui:8080',
    );
    expect(() => loadConfig({ TEMPORAL_UI_URL: 'http://localhost:8233' })).toThrow(ConfigError);
    expect(() => loadConfig({ TEMPORAL_UI_URL: 'http://localhost:8233' })).toThrow(/set TEMPORAL_UI_UPSTREAM/);
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
