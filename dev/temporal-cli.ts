import { ensureGoBinary, type GoProgram } from './go-binary';

/**
 * Finds or builds the Temporal CLI (dev server + Temporal UI in one binary), as dev/go-binary.ts
 * does: TEMPORAL_CLI_PATH; `temporal` on PATH; a build cached per user; a fresh build from the Go
 * module. v1.5.1 is pinned: later tags' go.mod has `replace ... => ./cliext`, which
 * `go install pkg@version` refuses. Without Go, the SDK's own download of the dev server is the
 * fallback (a laptop with internet access); see dev/temporal-dev-server.ts.
 */
export const temporalCliVersion = 'v1.5.1';

export const temporalCliProgram: GoProgram = {
  title: 'the Temporal CLI',
  command: 'temporal',
  module: 'github.com/temporalio/cli/cmd/temporal',
  version: temporalCliVersion,
  pathSetting: 'TEMPORAL_CLI_PATH',
  cacheSetting: 'TEMPORAL_CLI_CACHE',
  cacheName: 'temporal-cli',
  buildTakes: 'takes a few minutes',
  installUrl: 'https://docs.temporal.io/cli',
};

export type TemporalCli = { kind: 'binary'; path: string; source: string } | { kind: 'sdk-download' };

/** Where the CLI comes from, building it when needed (minutes, once per machine). */
export async function ensureTemporalCli(log: (line: string) => void = console.log): Promise<TemporalCli> {
  const binary = await ensureGoBinary(temporalCliProgram, log);
  if (binary) return { kind: 'binary', ...binary };
  log(
    'Go is not installed, so the Temporal CLI cannot be built; the Temporal SDK will download its dev server instead.',
  );
  return { kind: 'sdk-download' };
}
