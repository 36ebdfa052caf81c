import { ensureGoBinary, GoBinaryUnavailable, type GoProgram } from './go-binary';

/**
 * The Temporal server and its SQL schema tool, built from their Go modules like the Temporal CLI
 * (dev/go-binary.ts), for the production-style cluster (dev/temporal-cluster.ts). The version of
 * docker-compose.yml's `temporalio/server` image, whose schema versions it expects.
 */
export const temporalServerVersion = 'v1.29.1';

/** The schema versions this server needs (schema/postgresql/v12/version.go of its module). */
export const temporalSchemaVersions = { temporal: '1.18', visibility: '1.9' } as const;

export const temporalServerProgram: GoProgram = {
  title: 'the Temporal server',
  command: 'temporal-server',
  module: 'go.temporal.io/server/cmd/server',
  installs: 'server',
  version: temporalServerVersion,
  pathSetting: 'TEMPORAL_SERVER_PATH',
  cacheSetting: 'TEMPORAL_SERVER_CACHE',
  cacheName: 'temporal-server',
  buildTakes: 'about 3-10 minutes',
  installUrl: 'https://github.com/temporalio/temporal/releases (the temporal-server binary)',
};

export const temporalSqlToolProgram: GoProgram = {
  title: "the Temporal server's SQL schema tool",
  command: 'temporal-sql-tool',
  module: 'go.temporal.io/server/cmd/tools/sql',
  installs: 'sql',
  version: temporalServerVersion,
  pathSetting: 'TEMPORAL_SQL_TOOL_PATH',
  cacheSetting: 'TEMPORAL_SQL_TOOL_CACHE',
  cacheName: 'temporal-sql-tool',
  buildTakes: 'about 1-3 minutes',
  installUrl: 'https://github.com/temporalio/temporal/releases (the temporal-sql-tool binary)',
};

/** The binary of one of them, built when needed (once per machine). */
export async function ensureTemporalServerProgram(
  program: GoProgram,
  log: (line: string) => void = console.log,
): Promise<string> {
  const binary = await ensureGoBinary(program, log);
  if (!binary)
    throw new GoBinaryUnavailable(
      `Go is not installed, so ${program.title} cannot be built: install Go (https://go.dev/dl/) or set ${program.pathSetting} to its binary`,
    );
  return binary.path;
}
