import { createServer } from 'node:net';

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return listenOn(0);
}

/**
 * A free port below 32768, for the Temporal cluster: its services record their membership port in
 * a smallint column (cluster_membership.rpc_port), and the OS hands out ports above that.
 */
export async function freeLowPort(): Promise<number> {
  for (;;) {
    const candidate = 10_000 + Math.floor(Math.random() * 22_000);
    const port = await listenOn(candidate).catch(() => undefined);
    if (port !== undefined) return port;
  }
}

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
  });
}
