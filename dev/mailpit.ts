import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { killOnExit, stopChild } from './child-process';
import { ensureGoBinary, GoBinaryUnavailable, type GoProgram } from './go-binary';

/**
 * Mailpit (https://mailpit.axllent.org): the SMTP server that keeps every email for `npm start`
 * (its web inbox), the tests and the benchmarks (its REST API, tests/support/mail-inbox.ts). The
 * same version as docker-compose.yml's `dev` profile, built from its Go module like the Temporal
 * CLI (dev/go-binary.ts): MAILPIT_PATH; `mailpit` on PATH; a build cached per user; `go install`.
 */
export const mailpitVersion = 'v1.33.1';

export const mailpitProgram: GoProgram = {
  title: 'Mailpit',
  command: 'mailpit',
  module: 'github.com/axllent/mailpit',
  version: mailpitVersion,
  pathSetting: 'MAILPIT_PATH',
  cacheSetting: 'MAILPIT_CACHE',
  cacheName: 'mailpit',
  buildTakes: 'about a minute',
  installUrl: 'https://mailpit.axllent.org/docs/install/',
};

/** The Mailpit binary, built when needed (about a minute, once per machine). */
export async function ensureMailpit(log: (line: string) => void = console.log): Promise<string> {
  const binary = await ensureGoBinary(mailpitProgram, log);
  if (!binary)
    throw new GoBinaryUnavailable(
      'Go is not installed, so Mailpit cannot be built: install Go (https://go.dev/dl/) or set MAILPIT_PATH to a mailpit binary',
    );
  return binary.path;
}

export interface MailpitOptions {
  binary: string;
  smtpPort: number;
  /** The web inbox and the REST API. */
  httpPort: number;
  /** SQLite file that keeps the mail (created when missing). */
  database: string;
  /** The settings that choose the ports, named when a port is taken (`npm start`: MAILPIT_SMTP_PORT, MAILPIT_HTTP_PORT). */
  portSettings?: { smtp: string; http: string };
  /** Mailpit's own log lines; without it, Mailpit logs errors only. */
  onLog?: (line: string) => void;
}

export interface Mailpit {
  smtpPort: number;
  /** What the system's SMTP_URL should be: plain SMTP on the loopback, no credentials needed. */
  smtpUrl: string;
  /** The web inbox; its REST API is under /api/v1. */
  httpUrl: string;
  pid: number;
  /** Its process, to notice when it ends on its own. */
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Mailpit did not start: the message is one line saying why (and, for a taken port, the setting that moves it). */
export class MailpitFailed extends Error {
  override name = 'MailpitFailed';
}

const host = '127.0.0.1';

/**
 * Starts Mailpit on the loopback and waits until its API answers for this database and its SMTP port
 * accepts connections. It keeps every message (`--max 0`: the default keeps 500, the worker-crash
 * fault test sends 1,900), duplicates included, accepts any or no SMTP credentials, and never calls
 * home (`--disable-version-check`).
 */
export async function startMailpit(options: MailpitOptions): Promise<Mailpit> {
  const database = resolve(options.database);
  await portFree(options.smtpPort, 'SMTP', options.portSettings?.smtp);
  await portFree(options.httpPort, 'web inbox', options.portSettings?.http);
  mkdirSync(dirname(database), { recursive: true });
  const args = [
    '--smtp',
    `${host}:${options.smtpPort}`,
    '--listen',
    `${host}:${options.httpPort}`,
    '--database',
    database,
    '--max',
    '0',
    '--disable-version-check',
    '--smtp-auth-accept-any',
    '--smtp-auth-allow-insecure',
    '--smtp-disable-rdns', // every client is on the loopback; a slow resolver must not delay a delivery
    ...(options.onLog ? [] : ['--quiet']),
  ];
  // Only these flags configure it: a developer's MP_* variables (Mailpit reads them) stay out.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MP_')));
  // Its own process group, so a Ctrl-C meant for `npm start` does not stop it before the worker.
  const child = spawn(options.binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const recent: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      options.onLog?.(line);
      recent.push(line);
      if (recent.length > 10) recent.shift();
    });
  }
  const httpUrl = `http://${host}:${options.httpPort}`;
  try {
    await waitUntilReady(child, httpUrl, options.smtpPort, database, recent, options.portSettings);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  killOnExit(child);
  return {
    smtpPort: options.smtpPort,
    smtpUrl: `smtp://${host}:${options.smtpPort}?tls=off`,
    httpUrl,
    pid: child.pid!,
    process: child,
    stop: () => stopChild(child),
  };
}

async function portFree(port: number, listener: string, setting: string | undefined): Promise<void> {
  await new Promise<void>((resolvePort, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new MailpitFailed(
          `${host}:${port} (Mailpit's ${listener}) ${error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${error.code ?? error.message})`}` +
            (setting ? `: set ${setting} to a free port` : ''),
        ),
      ),
    );
    server.listen(port, host, () => server.close(() => resolvePort()));
  });
}

async function waitUntilReady(
  child: ChildProcess,
  httpUrl: string,
  smtpPort: number,
  database: string,
  recent: string[],
  portSettings: MailpitOptions['portSettings'],
  timeoutMs = 30_000,
): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = signal ? `was stopped (${signal})` : `exited with code ${code}`));
  child.once('error', (error) => (exited = `could not start (${error.message})`));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      // Let its last words arrive: a port taken between our check and its start is said there.
      await new Promise((r) => setTimeout(r, 50));
      const taken = recent.map((l) => /listen tcp [^ ]*:(\d+): bind: address already in use/.exec(l)).find(Boolean);
      if (taken) {
        const smtp = Number(taken[1]) === smtpPort;
        const setting = smtp ? portSettings?.smtp : portSettings?.http;
        throw new MailpitFailed(
          `${host}:${taken[1]} (Mailpit's ${smtp ? 'SMTP' : 'web inbox'}) is already in use${setting ? `: set ${setting} to a free port` : ''}`,
        );
      }
      throw new MailpitFailed(
        `Mailpit ${exited} before it was ready${recent.length ? `: ${recent.slice(-3).join(' | ')}` : ''}`,
      );
    }
    if ((await answersFor(httpUrl, database)) && (await accepts(smtpPort))) return;
    if (Date.now() > deadline)
      throw new MailpitFailed(`Mailpit did not answer on ${httpUrl} within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** True when the Mailpit on this address is ours: its API names our database. */
async function answersFor(httpUrl: string, database: string): Promise<boolean> {
  try {
    const response = await fetch(`${httpUrl}/api/v1/info`, { signal: AbortSignal.timeout(1_000) });
    if (!response.ok) return false;
    const info = (await response.json()) as { Database?: string };
    return info.Database !== undefined && resolve(info.Database) === database;
  } catch {
    return false;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolveConnect) => {
    const socket = connect({ host, port });
    socket.setTimeout(1_000);
    const done = (ok: boolean) => {
      socket.destroy();
      resolveConnect(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}
