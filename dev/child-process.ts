import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ManagedChild {
  name: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const colours = [36, 35, 33, 32, 34];
let nextColour = 0;

/** Writes each line of a process's output with a coloured `[name]` prefix. */
export function prefixedLogger(name: string): (line: string) => void {
  const prefix = process.stdout.isTTY ? `\x1b[${colours[nextColour++ % colours.length]}m[${name}]\x1b[0m` : `[${name}]`;
  return (line) => process.stdout.write(`${prefix} ${line}\n`);
}

/**
 * Starts a child process, prefixes its output, and resolves once it prints a line matching
 * `ready`; rejects with its last lines if it exits first (a readiness wait, never a sleep).
 */
export function startChild(options: {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  ready: RegExp;
  timeoutMs?: number;
}): Promise<ManagedChild> {
  const log = prefixedLogger(options.name);
  // Its own process group: Ctrl-C reaches only `npm start`, which then stops children in order.
  const child = spawn(options.command, options.args, {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const recent: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(`did not become ready within ${(options.timeoutMs ?? 120_000) / 1000}s`),
      options.timeoutMs ?? 120_000,
    );
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${options.name} ${why}${recent.length ? `: ${recent.slice(-3).join(' | ')}` : ''}`));
    };
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        log(line);
        recent.push(line);
        if (recent.length > 10) recent.shift();
        if (options.ready.test(line)) {
          killOnExit(child);
          clearTimeout(timer);
          resolve({ name: options.name, process: child, stop: () => stopChild(child) });
        }
      });
    }
    child.once('exit', (code) => fail(`exited with code ${code} before it was ready`));
    child.once('error', (error) => fail(`could not start (${error.message})`));
  });
}

/** SIGTERM, then SIGKILL if the process has not gone after a few seconds. */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** If this process ends without stopping the child (a crash), the child must not linger. */
export function killOnExit(child: ChildProcess): void {
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.removeListener('exit', kill));
}
