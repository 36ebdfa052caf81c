import { Client, Connection } from '@temporalio/client';
import { type Config, ConfigError, loadConfig, masterKeyHint, parseMasterKey, redact } from '../config/config';
import { createDb } from '../db/connection';
import { encryptingDataConverter } from '../privacy/data-converter';
import { MasterKeyMismatch, openDataKeys, PartnerErased, requireMasterKey, UnknownDataKey } from '../privacy/data-keys';
import { erasePartner, PartnerNotFound } from '../features/privacy/erase-partner';
import { rewrapDataKeys } from '../privacy/rewrap-data-keys';
import { CliError, isExpected, parseCommand, runCommand, usage } from './commands';
import { readHidden } from './prompt';

/** `npm run pact -- <command>`: staff accounts and API tokens from the shell (cli/commands.ts). */
async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv.includes('--help')) {
    process.stdout.write(`${usage}\n`);
    return argv.length === 0 ? 1 : 0;
  }
  let databaseUrl: string | undefined;
  let db: ReturnType<typeof createDb> | undefined;
  let connection: Connection | undefined;
  try {
    parseCommand(argv);
    const config = loadConfig();
    databaseUrl = config.databaseUrl;
    if (!databaseUrl)
      throw new CliError(
        'DATABASE_URL is not set: point it at the Postgres database, e.g. DATABASE_URL=postgres://user:password@host:5432/integratiepact',
      );
    db = createDb(databaseUrl, { maxConnections: 2 });
    await runCommand(db, argv, {
      out: (line) => process.stdout.write(`${line}\n`),
      note: (line) => process.stderr.write(`${line}\n`),
      readPassword,
      async erasePartner(request) {
        const appDb = db!;
        const dataKeys = await openDataKeys(appDb, requireMasterKey(config));
        connection = await connectTemporal(config);
        const temporal = new Client({
          connection,
          namespace: config.temporal.namespace,
          dataConverter: encryptingDataConverter(dataKeys),
        });
        try {
          return await erasePartner({ db: appDb, temporal, dataKeys }, request);
        } catch (error) {
          throw error instanceof PartnerNotFound ? new CliError(error.message) : error;
        }
      },
      async rotateDataKey(owner) {
        const dataKeys = await openDataKeys(db!, requireMasterKey(config));
        try {
          return (await dataKeys.rotate(owner)).id;
        } catch (error) {
          throw error instanceof UnknownDataKey || error instanceof PartnerErased ? new CliError(error.message) : error;
        }
      },
      async rewrapDataKeys() {
        try {
          return await rewrapDataKeys(db!, requireMasterKey(config), readNewMasterKey(config));
        } catch (error) {
          throw error instanceof MasterKeyMismatch ? new CliError(error.message) : error;
        }
      },
    });
    return 0;
  } catch (error) {
    process.stderr.write(`pact: ${describe(error, databaseUrl)}\n`);
    return 1;
  } finally {
    await connection?.close();
    await db?.destroy();
  }
}

async function connectTemporal(config: Config): Promise<Connection> {
  if (!config.temporal.address)
    throw new CliError('TEMPORAL_ADDRESS is not set: point it at the Temporal frontend, e.g. localhost:7233');
  return Connection.connect({ address: config.temporal.address }).catch((error: Error) => {
    throw new CliError(`Cannot reach Temporal at TEMPORAL_ADDRESS=${config.temporal.address} (${error.message})`);
  });
}

/** The master key to change to: from the environment only, so it stays out of the shell's history. */
function readNewMasterKey(config: Config): Buffer {
  const text = process.env.PACT_NEW_MASTER_KEY;
  const key = text === undefined ? undefined : parseMasterKey(text);
  if (!key)
    throw new CliError(
      `Set PACT_NEW_MASTER_KEY to the new master key, 32 bytes in base64: ${masterKeyHint}; nothing was changed.`,
    );
  if (key.equals(requireMasterKey(config)))
    throw new CliError('PACT_NEW_MASTER_KEY is the current PACT_MASTER_KEY; nothing was changed.');
  return key;
}

async function readPassword(): Promise<string> {
  // A password for this one command, not configuration: read where the command asks for it (config/config.ts holds the rest).
  const fromEnv = process.env.PACT_NEW_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY)
    throw new CliError('Set PACT_NEW_PASSWORD, or run this in a terminal to be asked for the password.');
  const password = await readHidden('Password (12+ characters): ');
  if ((await readHidden('Same password again: ')) !== password)
    throw new CliError('The two passwords differ; nothing was changed.');
  return password;
}

/** One line for what a person can fix; a stack trace only for what nobody expected. */
function describe(error: unknown, databaseUrl: string | undefined): string {
  if (isExpected(error) || error instanceof ConfigError) return error.message;
  const { code, message } = error as { code?: string; message?: string };
  if (code === '42P01') return 'The staff tables do not exist yet: run `npm run migrate` first.';
  if (code && ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', '28P01', '28000', '3D000'].includes(code)) {
    return `Cannot use the database at ${redact(databaseUrl ?? '')}: ${message ?? code}`;
  }
  if (message === 'timeout expired' || message === 'Connection terminated due to connection timeout')
    return `Cannot reach the database at ${redact(databaseUrl ?? '')}: ${message}`;
  return (error as Error).stack ?? String(error);
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
