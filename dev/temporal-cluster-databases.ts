import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { TemporalClusterFailed } from './temporal-cluster-failed';
import { temporalSchemaVersions, temporalServerVersion } from './temporal-server';

/** The names of Temporal's two databases: compose's by default. */
export interface TemporalDatabaseNames {
  temporal: string;
  visibility: string;
}
export const defaultDatabaseNames: TemporalDatabaseNames = { temporal: 'temporal', visibility: 'temporal_visibility' };

/**
 * Creates Temporal's databases (`temporal` and `temporal_visibility`) when missing and brings their schemas up to the
 * server's version with its SQL tool, as compose's temporal-schema does (setup-schema, then
 * update-schema; both keep what exists). A schema the tool cannot bring to that version (one a
 * newer server wrote, or a failed update) stops the start with one line.
 */
export async function prepareTemporalDatabases(options: {
  sqlTool: string;
  postgresUrl: string;
  names: TemporalDatabaseNames;
  log: (line: string) => void;
}): Promise<void> {
  // The embedded schema names of the SQL tool.
  const databases = [
    { name: options.names.temporal, schema: 'postgresql/v12/temporal', version: temporalSchemaVersions.temporal },
    {
      name: options.names.visibility,
      schema: 'postgresql/v12/visibility',
      version: temporalSchemaVersions.visibility,
    },
  ];
  const url = new URL(options.postgresUrl);
  const admin = new Client({ connectionString: options.postgresUrl });
  await admin.connect().catch((error: Error) => {
    throw new TemporalClusterFailed(
      `Temporal's Postgres at ${url.host} does not answer (${error.message}): start it or correct its address`,
    );
  });
  try {
    for (const database of databases)
      await admin.query(`CREATE DATABASE "${database.name}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // 42P04: it exists already, which is what we want
      });
  } finally {
    await admin.end();
  }

  const env = {
    ...process.env,
    SQL_PLUGIN: 'postgres12',
    SQL_HOST: url.hostname,
    SQL_PORT: url.port || '5432',
    SQL_USER: decodeURIComponent(url.username),
    SQL_PASSWORD: decodeURIComponent(url.password),
  };
  for (const database of databases) {
    const tool = (args: string[]) =>
      promisify(execFile)(options.sqlTool, args, { env: { ...env, SQL_DATABASE: database.name } }).catch(
        (error: { stderr?: string; message: string }) => {
          throw new TemporalClusterFailed(
            `the Temporal SQL tool could not ${args[0]} on database ${database.name}: ${lastMessage(error.stderr ?? error.message)}`,
          );
        },
      );
    await tool(['setup-schema', '-v', '0.0']);
    await tool(['update-schema', '--schema-name', database.schema]);
    const version = await schemaVersion(options.postgresUrl, database.name);
    if (version !== database.version)
      throw new TemporalClusterFailed(
        `database ${database.name} holds Temporal schema ${version ?? 'none'}, but Temporal server ${temporalServerVersion} needs ${database.version}: ` +
          'it was set up by another server version; use that version or a fresh database',
      );
    options.log(`[schema] ${database.name} at version ${version}`);
  }
}

async function schemaVersion(postgresUrl: string, database: string): Promise<string | undefined> {
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ curr_version: string }>(
      'SELECT curr_version FROM schema_version WHERE version_partition = 0 AND db_name = $1',
      [database],
    );
    return rows[0]?.curr_version;
  } finally {
    await client.end();
  }
}

/** The tool logs JSON lines; the last one's message (and error) says what went wrong. */
export function lastMessage(output: string): string {
  const lines = output.trim().split('\n').filter(Boolean);
  for (const line of lines.reverse()) {
    try {
      const entry = JSON.parse(line) as { msg?: string; error?: string; level?: string };
      if (entry.msg && entry.level !== 'info' && entry.level !== 'debug')
        return entry.error ? `${entry.msg}: ${entry.error}` : entry.msg;
    } catch {
      return line;
    }
  }
  return lines[0] ?? 'no output';
}
