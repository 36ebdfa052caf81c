import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * Finds or builds the Temporal CLI (dev server + Temporal UI in one binary).
 *
 * Order: TEMPORAL_CLI_PATH; `temporal` on PATH; a build cached per user; a fresh build from the Go
 * module. v1.5.1 is pinned: later tags' go.mod has `replace ... => ./cliext`, which
 * `go install pkg@version` refuses. Without Go, the SDK's own download of the dev server is the
 * fallback (a laptop with internet access); see dev/temporal-dev-server.ts.
 */
export const temporalCliVersion = 'v1.5.1';
const modulePath = 'github.com/temporalio/cli/cmd/temporal';

export type TemporalCli = { kind: 'binary'; path: string; source: string } | { kind: 'sdk-download' };

export class TemporalCliUnavailable extends Error {
  override name = 'TemporalCliUnavailable';
}

const cacheDir = () =>
  process.env.TEMPORAL_CLI_CACHE ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'integratiepact', 'temporal-cli', temporalCliVersion);

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

/** Where the CLI comes from, building it when needed (minutes, once per machine). */
export async function ensureTemporalCli(log: (line: string) => void = console.log): Promise<TemporalCli> {
  const configured = process.env.TEMPORAL_CLI_PATH;
  if (configured) {
    if (!isExecutable(configured))
      throw new TemporalCliUnavailable(
        `TEMPORAL_CLI_PATH=${configured} is not an executable file: point it at a temporal binary or unset it`,
      );
    return { kind: 'binary', path: configured, source: 'TEMPORAL_CLI_PATH' };
  }
  const found = onPath('temporal');
  if (found) return { kind: 'binary', path: found, source: 'PATH' };

  const cached = join(cacheDir(), 'temporal');
  if (isExecutable(cached)) return { kind: 'binary', path: cached, source: 'cache' };

  const go = onPath('go') ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    log(
      'Go is not installed, so the Temporal CLI cannot be built; the Temporal SDK will download its dev server instead.',
    );
    return { kind: 'sdk-download' };
  }
  log(`building the Temporal CLI ${temporalCliVersion} from its Go module (first run only; takes a few minutes)…`);
  // Build into a private folder and rename: a build cut short never leaves a broken binary in the cache.
  const staging = `${cacheDir()}.build-${process.pid}`;
  mkdirSync(staging, { recursive: true });
  try {
    await run(go, ['install', `${modulePath}@${temporalCliVersion}`], { ...process.env, GOBIN: staging });
    mkdirSync(cacheDir(), { recursive: true });
    renameSync(join(staging, 'temporal'), cached);
  } catch (error) {
    throw new TemporalCliUnavailable(
      `could not build the Temporal CLI with \`go install ${modulePath}@${temporalCliVersion}\`: ${(error as Error).message}. ` +
        'Install it yourself (https://docs.temporal.io/cli) and set TEMPORAL_CLI_PATH.',
    );
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`Temporal CLI built: ${cached}`);
  return { kind: 'binary', path: cached, source: 'built' };
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
