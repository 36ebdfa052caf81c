// Run by tests/faults/outages.test.ts as its own process: opens a transaction through the app's
// own database connection (db/connection.ts) and keeps it open while the test cuts the link. The
// transaction must fail; the process must live on (a worker or API process would otherwise crash).
import { sql } from 'kysely';
import { createDb } from '../../../db/connection';

async function main() {
  const db = createDb(process.argv[2]!);
  try {
    await db.transaction().execute(async (tx) => {
      await sql`select 1`.execute(tx);
      process.stdout.write('IN_TRANSACTION\n');
      // Idle in the transaction, as the outbox is while the SMTP server answers.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await sql`select 1`.execute(tx);
    });
    process.stdout.write('TRANSACTION_SURVIVED\n');
  } catch (error) {
    process.stdout.write(`TRANSACTION_FAILED ${(error as Error).message}\n`);
  }
  await db.destroy().catch(() => undefined);
  process.stdout.write('PROCESS_ALIVE\n');
}
void main();
