import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { durationHint, parseDuration } from '../domain/durations';
import type { Policy } from '../domain/policy';
import { loadTemporalConnection, type TemporalConnectionSettings } from './temporal-connection';
import { temporalUiPath } from './temporal-ui';

/**
 * Configuration, read from the environment once and validated (README.md, Configuration).
 * Every process (API, worker, `npm start`) builds its Config here; nothing else reads process.env.
 */
export interface Config {
  /** Postgres connection; unset means `npm start` runs an embedded Postgres under .data/. */
  databaseUrl: string | undefined;
  temporal: {
    /** Unset means `npm start` runs a local Temporal dev server. */
    address: string | undefined;
    namespace: string;
    /** TLS, API key and gRPC metadata from the standard TEMPORAL_* variables (config/temporal-connection.ts). */
    connection: TemporalConnectionSettings['options'];
    taskQueue: string;
    /**
     * Where the API reaches the Temporal UI server, which it serves to administrators on its own
     * origin under config/temporal-ui.ts's path; unset means no UI.
     */
    uiUpstream: string | undefined;
    /**
     * Worker only: workflow tasks it works on at once. Few, so that waiting tasks stay in the
     * server, which hands out a partner's answer before background work (workflows/priorities.ts).
     */
    workflowTaskSlots: number;
    /**
     * Worker only: a file of workflow code bundled in advance (bundleWorkflowCode), so a worker
     * restarts in seconds instead of bundling workflows/ again; unset means it bundles at start.
     */
    workflowBundlePath: string | undefined;
  };
  /** Outgoing mail; unset means `npm start` runs Mailpit (dev/mailpit.ts). */
  smtpUrl: string | undefined;
  /**
   * The mail relay (docs/reliability.md): the API sends the workers' emails, so a worker that dies
   * mid-send cannot send one twice. `url` (worker): where the API is; unset means the worker talks
   * SMTP itself. `secret` (both): shared secret of POST /internal/mail; unset disables the route.
   */
  mailRelay: { url: string | undefined; secret: string | undefined };
  mailFrom: string;
  /** The sender's name as mail clients show it ("vzw Integratiepact" <MAIL_FROM>). */
  mailFromName: string;
  /**
   * DKIM signing by this system, for relays that do not sign (DKIM_DOMAIN, DKIM_SELECTOR and
   * DKIM_PRIVATE_KEY_FILE, all three or none): the domain's DNS publishes the selector's public key.
   */
  dkim: { domainName: string; keySelector: string; privateKey: string } | undefined;
  publicUrl: string;
  port: number;
  /** Where the public listener and the inbound SMTP listener bind (HOST); every interface by default. */
  host: string;
  /**
   * The API's second listener, for the worker and operators only: the mail relay, /metrics and the
   * detailed /readyz. Loopback by default; compose sets INTERNAL_HOST so the worker reaches it on the
   * private network, and never publishes it.
   */
  internal: { port: number; host: string };
  /**
   * Worker only: the port on INTERNAL_HOST where the Temporal SDK serves its own metrics for
   * Prometheus (workflow task latency and failures, activity failures, slots, cache). Unset means
   * none: several workers on one host would otherwise compete for the port.
   */
  workerMetricsPort: number | undefined;
  /**
   * Worker only: whether it places new nodes of the pact's map in the background (worker/map-layout.ts).
   * Several workers may all run it (one at a time does the work), but the one that does carries the
   * layout's memory peak (docs/benchmarks.md, P4): with several workers, turn it off on all but one.
   */
  workerMapLayout: boolean;
  /**
   * Reply-by-email (inbound/). `domain` unset (the production default) means no listener and no
   * Reply-To on emails; `requireAuth` makes a reply count only with a DKIM or DMARC pass in the
   * Authentication-Results header of the receiving server named `authservId` (RFC 8601 authserv-id).
   */
  inbound: {
    domain: string | undefined;
    smtpPort: number | undefined;
    requireAuth: boolean;
    authservId: string | undefined;
  };
  apiToken: string | undefined;
  /** Shared secret of POST /api/inbound/email; unset means the route is disabled. */
  inboundSecret: string | undefined;
  /** Secret from which partner-link tokens are derived (security/request-tokens.ts); the worker needs it. */
  tokenSecret: string | undefined;
  /**
   * PACT_MASTER_KEY, 32 bytes: wraps the payload codec's data keys (privacy/data-keys.ts). The API
   * and the worker need it; losing it makes every history unreadable (docs/privacy.md).
   */
  masterKey: Buffer | undefined;
  staffEmail: string;
  directorEmail: string;
  policy: Policy;
  /** Requests per minute one client address may make to the partner pages (token guessing). */
  pageRateLimit: number;
  /** Joins one client may send from the public form per hour (`/pact/join`). */
  joinRateLimit: number;
  /** Every published cell of the public figures covers at least this many distinct partners (PUBLIC_MIN_PARTNERS). */
  publicMinPartners: number;
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For): a hop count, or the
   * proxies' addresses/CIDRs; false (unset) believes none. Fastify's `trustProxy`.
   */
  trustProxy: false | number | string[];
  /** A staff session unused this long ends (PACT_SESSION_IDLE_TIMEOUT). */
  sessionIdleTimeoutMs: number;
  logLevel: LogLevel;
}

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

/** A setting that cannot work; its message says which variable to fix and how. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** A base URL without the slashes that end it (a loop: a pattern like /\/+$/ is quadratic on many slashes). */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const duration = (name: string, fallback: string) => {
    const text = read(name) ?? fallback;
    const ms = parseDuration(text);
    if (ms === null) problems.push(`${name}="${text}" is not a duration: use ${durationHint}`);
    return ms ?? 0;
  };
  const count = (name: string, fallback: number) => {
    const text = read(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) problems.push(`${name}="${text}" must be a whole number, 0 or more`);
    return n;
  };
  const atLeast = (name: string, minimum: number, fallback: number) => {
    const n = count(name, fallback);
    if (n < minimum) problems.push(`${name}="${n}" must be ${minimum} or more`);
    return n;
  };
  const port = (name: string, fallback?: number) => {
    const text = read(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > 65535) problems.push(`${name}="${text}" must be a TCP port (1-65535)`);
    return n;
  };
  const url = (name: string, protocols: string[]) => {
    const text = read(name);
    if (text === undefined) return undefined;
    try {
      const parsed = new URL(text);
      if (!protocols.includes(parsed.protocol)) throw new Error();
      return text;
    } catch {
      problems.push(
        `${name}="${redact(text)}" must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      );
      return undefined;
    }
  };
  /** An http(s) URL that others are appended to. */
  const baseUrl = (name: string) => {
    const text = url(name, ['http:', 'https:']);
    return text === undefined ? undefined : withoutTrailingSlashes(text);
  };
  const flag = (name: string, fallback = false) => {
    const text = read(name);
    if (text !== undefined && !['0', '1'].includes(text)) problems.push(`${name}="${text}" must be 1 (on) or 0 (off)`);
    return text === undefined ? fallback : text === '1';
  };
  const secret = (name: string) => {
    const text = read(name);
    if (text !== undefined && text.length < minimumSecretLength)
      problems.push(
        `${name} must be at least ${minimumSecretLength} characters: generate one with \`openssl rand -base64 48\``,
      );
    return text;
  };
  const email = (name: string, fallback: string) => {
    const text = read(name) ?? fallback;
    if (!/^[^\s@]+@[^\s@]+$/.test(text)) problems.push(`${name}="${text}" must be an email address`);
    return text;
  };

  const oneLine = (name: string, fallback: string) => {
    const text = read(name) ?? fallback;
    if (/[\r\n"<>]/.test(text) || text.length > 80)
      problems.push(`${name} must be one line of at most 80 characters, without quotes or angle brackets`);
    return text;
  };

  const logLevel = (read('LOG_LEVEL') ?? 'info').toLowerCase() as LogLevel;
  if (!logLevels.includes(logLevel)) problems.push(`LOG_LEVEL="${logLevel}" must be one of: ${logLevels.join(', ')}`);
  const appPort = port('PORT', 3000) ?? 3000;
  const temporalConnection = (() => {
    try {
      return loadTemporalConnection(env);
    } catch (error) {
      problems.push(`the TEMPORAL_* connection settings cannot be used: ${(error as Error).message}`);
      return { address: undefined, namespace: undefined, options: {} };
    }
  })();
  const publicUrl = baseUrl('PUBLIC_URL') ?? `http://localhost:${appPort}`;
  // Once where administrators opened the UI; a deployment still setting it would lose the UI silently.
  if (read('TEMPORAL_UI_URL') !== undefined)
    problems.push(
      `TEMPORAL_UI_URL is no longer read: the app serves the Temporal UI at PUBLIC_URL${temporalUiPath}/; set TEMPORAL_UI_UPSTREAM to the UI server's address instead`,
    );
  const config: Config = {
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    temporal: {
      address: temporalConnection.address,
      namespace: temporalConnection.namespace ?? 'default',
      connection: temporalConnection.options,
      taskQueue: read('TEMPORAL_TASK_QUEUE') ?? 'integratiepact',
      uiUpstream: baseUrl('TEMPORAL_UI_UPSTREAM'),
      workflowTaskSlots: atLeast('WORKER_WORKFLOW_TASK_SLOTS', 2, 10), // docs/benchmarks.md: the measured trade-off
      workflowBundlePath: read('WORKFLOW_BUNDLE_PATH'),
    },
    smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:']),
    mailRelay: {
      url: baseUrl('MAIL_RELAY_URL'),
      secret: secret('MAIL_RELAY_SECRET'),
    },
    mailFrom: email('MAIL_FROM', 'integratiepact@integratiepact.localhost'),
    mailFromName: oneLine('MAIL_FROM_NAME', 'vzw Integratiepact'),
    dkim: dkim(read('DKIM_DOMAIN'), read('DKIM_SELECTOR'), read('DKIM_PRIVATE_KEY_FILE'), problems),
    publicUrl,
    port: appPort,
    host: read('HOST') ?? '0.0.0.0',
    internal: { port: port('INTERNAL_PORT', 3001) ?? 3001, host: read('INTERNAL_HOST') ?? '127.0.0.1' },
    workerMetricsPort: port('WORKER_METRICS_PORT'),
    workerMapLayout: flag('WORKER_MAP_LAYOUT', true),
    inbound: {
      domain: read('INBOUND_DOMAIN')?.toLowerCase(),
      smtpPort: port('INBOUND_SMTP_PORT'),
      requireAuth: flag('INBOUND_REQUIRE_AUTH'),
      authservId: read('INBOUND_AUTHSERV_ID')?.toLowerCase(),
    },
    apiToken: secret('PACT_API_TOKEN'),
    inboundSecret: secret('INBOUND_WEBHOOK_SECRET'),
    tokenSecret: secret('PACT_TOKEN_SECRET'),
    masterKey: masterKey(read('PACT_MASTER_KEY'), problems),
    staffEmail: email('PACT_STAFF_EMAIL', 'staff@integratiepact.localhost'),
    directorEmail: email('PACT_DIRECTOR_EMAIL', 'director@integratiepact.localhost'),
    policy: {
      reminderAfterMs: duration('PACT_REMINDER_AFTER', '7d'),
      reminderEveryMs: duration('PACT_REMINDER_EVERY', '7d'),
      maxReminders: count('PACT_MAX_REMINDERS', 3),
      escalateAfterMs: duration('PACT_ESCALATE_AFTER', '21d'),
      expireAfterMs: duration('PACT_EXPIRE_AFTER', '30d'),
      reportEveryMs: duration('PACT_REPORT_EVERY', '3mo'),
      commitmentTermMs: duration('PACT_COMMITMENT_TERM', '2y'),
      meetingReminderBeforeMs: duration('PACT_MEETING_REMINDER_BEFORE', '1d'),
    },
    pageRateLimit: count('PACT_PAGE_RATE_LIMIT', 120),
    joinRateLimit: count('PACT_JOIN_RATE_LIMIT', 10),
    publicMinPartners: atLeast('PUBLIC_MIN_PARTNERS', 2, 3),
    trustProxy: trustedProxies(read('TRUST_PROXY'), problems),
    sessionIdleTimeoutMs: duration('PACT_SESSION_IDLE_TIMEOUT', '8h'),
    logLevel,
  };
  if (
    config.policy.maxReminders > 0 &&
    config.policy.expireAfterMs &&
    config.policy.expireAfterMs <= config.policy.reminderAfterMs
  ) {
    problems.push(
      'PACT_EXPIRE_AFTER must be longer than PACT_REMINDER_AFTER, or no reminder is ever sent (set PACT_MAX_REMINDERS=0 for none)',
    );
  }
  if (config.sessionIdleTimeoutMs <= 0) problems.push('PACT_SESSION_IDLE_TIMEOUT must be longer than 0');
  if (config.mailRelay.url && !config.mailRelay.secret) {
    problems.push('MAIL_RELAY_URL is set but MAIL_RELAY_SECRET is not: give the worker and the API the same secret');
  }
  if (config.inbound.domain && !config.tokenSecret) {
    problems.push('INBOUND_DOMAIN is set but PACT_TOKEN_SECRET is not: reply addresses are derived from it');
  }
  if (config.inbound.requireAuth && !config.inbound.authservId) {
    problems.push(
      'INBOUND_REQUIRE_AUTH=1 needs INBOUND_AUTHSERV_ID: the name your receiving mail server writes first in its Authentication-Results header',
    );
  }
  if (config.inbound.authservId && !/^[^\s;()]+$/.test(config.inbound.authservId)) {
    problems.push(
      `INBOUND_AUTHSERV_ID="${config.inbound.authservId}" must be one name (RFC 8601 authserv-id), e.g. mx.example.org`,
    );
  }
  if (config.internal.port === config.port) {
    problems.push(
      `INTERNAL_PORT must differ from PORT (${config.port}): the internal listener is never the public one`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems.join('; '));
  return config;
}

/** Every shared secret and token (PACT_API_TOKEN, PACT_TOKEN_SECRET, INBOUND_WEBHOOK_SECRET, MAIL_RELAY_SECRET). */
export const minimumSecretLength = 32;

/**
 * TRUST_PROXY: a hop count ("1": the one proxy in front), or a comma-separated list of the
 * proxies' addresses or CIDRs ("10.0.0.0/8, 127.0.0.1"). `true` is refused: it would let any
 * client choose its own address with X-Forwarded-For, and so its own rate limits.
 */
function trustedProxies(text: string | undefined, problems: string[]): false | number | string[] {
  if (text === undefined) return false;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  const wrong = entries.filter((entry) => !isAddressOrCidr(entry));
  if (wrong.length === 0) return entries;
  problems.push(
    `TRUST_PROXY="${text}" must be a hop count (e.g. 1) or a comma-separated list of the proxies' addresses or CIDRs (e.g. 10.0.0.0/8,127.0.0.1); not understood: ${wrong.join(', ')}`,
  );
  return false;
}

function isAddressOrCidr(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/** The command that makes a valid PACT_MASTER_KEY, for messages. */
export const masterKeyHint = 'generate one with `openssl rand -base64 32` and keep a copy (docs/privacy.md)';

function masterKey(text: string | undefined, problems: string[]): Buffer | undefined {
  if (text === undefined) return undefined;
  const key = parseMasterKey(text);
  if (!key) problems.push(`PACT_MASTER_KEY must be 32 bytes in base64 (44 characters): ${masterKeyHint}`);
  return key;
}

function dkim(
  domainName: string | undefined,
  keySelector: string | undefined,
  keyFile: string | undefined,
  problems: string[],
): Config['dkim'] {
  const given = [domainName, keySelector, keyFile].filter((v) => v !== undefined).length;
  if (given === 0) return undefined;
  if (given < 3) {
    problems.push('DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE go together: set all three, or none');
    return undefined;
  }
  try {
    const privateKey = readFileSync(keyFile!, 'utf8');
    createPrivateKey(privateKey); // a PEM private key, or the line below says so
    return { domainName: domainName!, keySelector: keySelector!, privateKey };
  } catch (error) {
    problems.push(
      `DKIM_PRIVATE_KEY_FILE="${keyFile}" must be a readable PEM private key (${(error as Error).message})`,
    );
    return undefined;
  }
}

/** A master key is 32 bytes in base64; anything else is undefined. */
export function parseMasterKey(text: string): Buffer | undefined {
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : undefined;
  return key?.length === 32 ? key : undefined;
}

/** Hide a password in a connection URL before it is shown in a message. */
export function redact(text: string): string {
  return text.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
