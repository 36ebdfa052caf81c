import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * A program `npm start`, the tests and the benchmarks run beside the system, built from its Go
 * module: the Temporal CLI (dev/temporal-cli.ts) and Mailpit (dev/mailpit.ts).
 */
export interface GoProgram {
  /** As a message names it: "the Temporal CLI", "Mailpit". */
  title: string;
  /** The executable's name, on PATH and in the cache. */
  command: string;
  /** `go install` target without the version, e.g. github.com/axllent/mailpit. */
  module: string;
  /** The name `go install` gives the binary (the package's last path element), when not `command`. */
  installs?: string;
  /** Pinned tag, e.g. v1.33.1. */
  version: string;
  /** Environment variable naming a binary to use instead (checked first). */
  pathSetting: string;
  /** Environment variable naming the cache folder instead of `~/.cache/integratiepact/<cacheName>/<version>`. */
  cacheSetting: string;
  cacheName: string;
  /** How long a first build takes here, for the line printed before it. */
  buildTakes: string;
  /** Where to get the binary by hand, for the line printed when the build fails. */
  installUrl: string;
}

export interface GoBinary {
  path: string;
  /** The path setting's name, `PATH`, `cache` or `built`. */
  source: string;
}

/** A Go program that cannot be found or built: the message is one line naming the setting that fixes it. */
export class GoBinaryUnavailable extends Error {
  override name = 'GoBinaryUnavailable';
}

const cacheDir = (program: GoProgram) =>
  process.env[program.cacheSetting] ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'integratiepact', program.cacheName, program.version);

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, name))
    .find(isExecutable);
}

/** The `go` command, if Go is installed. */
export function findGo(): string | undefined {
  return onPath('go') ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}

/**
 * Where the program is, building it when needed (once per machine): the path setting; the command on
 * PATH; a build cached per user; a fresh `go install` into a private folder, renamed into the cache
 * (a build cut short never leaves a broken binary there). `undefined`: not found and Go is not
 * installed, so the caller decides what then.
 */
export async function ensureGoBinary(program: GoProgram, log: (line: string) => void): Promise<GoBinary | undefined> {
  const configured = process.env[program.pathSetting];
  if (configured) {
    if (!isExecutable(configured))
      throw new GoBinaryUnavailable(
        `${program.pathSetting}=${configured} is not an executable file: point it at a ${program.command} binary or unset it`,
      );
    return { path: configured, source: program.pathSetting };
  }
  const found = onPath(program.command);
  if (found) return { path: found, source: 'PATH' };

  const cached = join(cacheDir(program), program.command);
  if (isExecutable(cached)) return { path: cached, source: 'cache' };

  const go = findGo();
  if (!go) return undefined;
  const target = `${program.module}@${program.version}`;
  log(`building ${program.title} ${program.version} from its Go module (first run only; ${program.buildTakes})…`);
  const staging = `${cacheDir(program)}.build-${process.pid}`;
  mkdirSync(staging, { recursive: true });
  try {
    await run(go, ['install', target], { ...process.env, GOBIN: staging });
    mkdirSync(cacheDir(program), { recursive: true });
    renameSync(join(staging, program.installs ?? program.command), cached);
  } catch (error) {
    throw new GoBinaryUnavailable(
      `could not build ${program.title} with \`go install ${target}\`: ${(error as Error).message}. ` +
        `Install it yourself (${program.installUrl}) and set ${program.pathSetting}.`,
    );
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`${program.title} built: ${cached}`);
  return { path: cached, source: 'built' };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`exit code ${code}: ${stderr.trim().split('\n').slice(-5).join(' | ')}`)),
    );
  });
}
