/**
 * `npm run tools:install`: makes the Go programs the tests and `npm start` run available, the
 * Temporal CLI, the Temporal UI server, Mailpit, and the Temporal server with its SQL schema tool for
 * the cluster (dev/temporal-cluster.ts), built from their Go modules the first time (used by .ci/run), and
 * prints where they are.
 */
import { GoBinaryUnavailable } from '../dev/go-binary';
import { ensureMailpit } from '../dev/mailpit';
import { ensureTemporalCli } from '../dev/temporal-cli';
import { ensureTemporalServerProgram, temporalServerProgram, temporalSqlToolProgram } from '../dev/temporal-server';
import { ensureTemporalUiServer } from '../dev/temporal-ui-server';

async function main(): Promise<void> {
  const cli = await ensureTemporalCli();
  console.log(
    cli.kind === 'binary'
      ? `Temporal CLI: ${cli.path} (${cli.source})`
      : 'Temporal CLI: the SDK will download the dev server',
  );
  console.log(`Temporal UI server: ${await ensureTemporalUiServer()}`);
  console.log(`Mailpit: ${await ensureMailpit()}`);
  // One after the other: two Go builds at once only compete for the same cores.
  console.log(`Temporal server: ${await ensureTemporalServerProgram(temporalServerProgram)}`);
  console.log(`Temporal SQL tool: ${await ensureTemporalServerProgram(temporalSqlToolProgram)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof GoBinaryUnavailable ? error.message : error);
  process.exit(1);
});
