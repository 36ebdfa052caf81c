/**
 * `npm run tools:install`: makes the Go programs the tests and `npm start` run available, the
 * Temporal CLI, the Temporal UI server and Mailpit (built from their Go modules the first time; used by .ci/run), and
 * prints where they are.
 */
import { GoBinaryUnavailable } from '../dev/go-binary';
import { ensureMailpit } from '../dev/mailpit';
import { ensureTemporalCli } from '../dev/temporal-cli';
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
}

main().catch((error: unknown) => {
  console.error(error instanceof GoBinaryUnavailable ? error.message : error);
  process.exit(1);
});
