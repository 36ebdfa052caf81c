import { join } from 'node:path';
import { ensureTemporalCli } from '../dev/temporal-cli';
import { type DevServer, startTemporalDevServer } from '../dev/temporal-dev-server';
import { alive, type Killable } from './killable';

/**
 * Temporal as the soak runs it: the address the system connects to, and the processes the chaos
 * may crash. The dev server is one process (`temporal`); the cluster (soak/temporal-on-cluster.ts)
 * is four, each killed on its own.
 */
export interface TemporalPart {
  address: string;
  /** What it runs on, for the figures: "dev server" or "cluster". */
  kind: string;
  /** The processes the chaos kills. */
  killables: Killable[];
  /** Processes not killed on purpose but started again if they end on their own (the cluster's worker service). */
  watched: Killable[];
  stop(): Promise<void>;
}

/** The Temporal dev server (one process on SQLite), killed and started again on the same file and port. */
export async function temporalOnDevServer(workDir: string, port: number): Promise<TemporalPart> {
  const cli = await ensureTemporalCli((line) => process.stderr.write(`[soak] ${line}\n`));
  if (cli.kind !== 'binary') throw new Error('the soak needs the Temporal CLI binary: run npm run tools:install');
  const start = () =>
    startTemporalDevServer({ cli, port, dbFile: join(workDir, 'temporal.sqlite'), namespace: 'default' });
  let server: DevServer | undefined = await start();
  return {
    address: server.address,
    kind: 'dev server',
    killables: [
      {
        name: 'temporal',
        kill() {
          if (server?.pid) process.kill(server.pid, 'SIGKILL');
          server = undefined;
        },
        async restart() {
          server = await start();
        },
        running: () => server?.pid !== undefined && alive(server.pid),
      },
    ],
    watched: [],
    async stop() {
      await server?.stop();
    },
  };
}
