/** `npm run temporal:install`: makes the Temporal CLI available (used by .ci/run) and prints where it is. */
import { ensureTemporalCli, TemporalCliUnavailable } from '../dev/temporal-cli';

ensureTemporalCli().then(
  (cli) =>
    console.log(
      cli.kind === 'binary'
        ? `Temporal CLI: ${cli.path} (${cli.source})`
        : 'Temporal CLI: the SDK will download the dev server',
    ),
  (error: unknown) => {
    console.error(error instanceof TemporalCliUnavailable ? error.message : error);
    process.exit(1);
  },
);
