import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface WorkerProcess {
  /** The running process's id, or undefined while it is down. */
  readonly pid: number | undefined;
  /** Times it was started (the first start included). */
  readonly starts: number;
  /** The last lines it printed, for a failure message. */
  recentOutput(): string[];
  /** Starts it and resolves once it prints `worker ready`. */
  start(): Promise<void>;
  /** SIGKILL, as a crash or the OOM killer would: no shutdown hooks, in-flight work abandoned. */
  kill(): Promise<void>;
  /** SIGTERM: a graceful stop (in-flight tasks finish). */
  stop(): Promise<void>;
}

const root = join(__dirname, '..', '..');

/**
 * The real worker process (`node --import tsx worker/main.ts`, what `npm run worker` runs), with the
 * environment of a test system: the same database, task queue, SMTP server, token secret and policy.
 */
export function workerProcess(env: Record<string, string>, options: { readyTimeoutMs?: number } = {}): WorkerProcess {
  return repositoryProcess({
    name: 'worker process',
    args: ['--import', 'tsx', 'worker/main.ts'],
    ready: /^worker ready/,
    env,
    readyTimeoutMs: options.readyTimeoutMs,
  });
}

/**
 * A Node process of this repository (`node <args>`, e.g. the worker or the API, from sources or
 * from dist/) that can be started, crashed with SIGKILL and started again: what the fault tests
 * and the chaos soak (soak/) kill.
 */
export function repositoryProcess(options: {
  name: string;
  args: string[];
  /** The line it prints once it serves. */
  ready: RegExp;
  env: Record<string, string>;
  readyTimeoutMs?: number;
  /** Each line it prints, e.g. to keep a log file. */
  onLine?: (line: string) => void;
}): WorkerProcess {
  const { name, env } = options;
  let child: ChildProcess | undefined;
  let starts = 0;
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
  };
  const killOnExit = () => child?.kill('SIGKILL');

  const exited = (process: ChildProcess) =>
    process.exitCode !== null || process.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => process.once('exit', () => resolve()));

  return {
    get pid() {
      return child?.pid;
    },
    get starts() {
      return starts;
    },
    recentOutput: () => [...recent],

    start() {
      if (child) throw new Error(`the ${name} is already running`);
      starts += 1;
      const started = spawn(process.execPath, options.args, {
        cwd: root,
        // Only what a deployed worker gets: the system's settings, no test-runner variables.
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      process.once('exit', killOnExit);
      started.once('exit', () => {
        process.removeListener('exit', killOnExit);
        if (child === started) child = undefined;
      });
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => fail(`did not print ${options.ready}`), options.readyTimeoutMs ?? 90_000);
        const fail = (why: string) => {
          clearTimeout(timer);
          started.kill('SIGKILL');
          reject(new Error(`${name} ${why}: ${recent.slice(-8).join(' | ')}`));
        };
        for (const stream of [started.stdout!, started.stderr!]) {
          createInterface({ input: stream }).on('line', (line) => {
            remember(line);
            options.onLine?.(line);
            if (options.ready.test(line)) {
              clearTimeout(timer);
              resolve();
            }
          });
        }
        started.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`})`));
        started.once('error', (error) => fail(`could not start (${error.message})`));
      });
    },

    async kill() {
      const running = child;
      if (!running) return;
      running.kill('SIGKILL');
      await exited(running);
    },

    async stop() {
      const running = child;
      if (!running) return;
      const killer = setTimeout(() => running.kill('SIGKILL'), 30_000);
      running.kill('SIGTERM');
      await exited(running);
      clearTimeout(killer);
    },
  };
}
