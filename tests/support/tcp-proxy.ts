import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { Transform } from 'node:stream';

/**
 * Sees each chunk of a connection (numbered from 1) before it is passed on: a `cut()` made here
 * lands before the other side receives the chunk, e.g. after the server accepted a message and
 * before the client hears so.
 */
export interface ProxyTap {
  fromClient?(chunk: Buffer, connection: number): void;
  fromTarget?(chunk: Buffer, connection: number): void;
}

export interface TcpProxy {
  /** Where clients connect instead of the target. */
  host: string;
  port: number;
  /** True while the link is cut. */
  readonly isCut: boolean;
  /** Connections made through the proxy so far (refused ones while cut included). */
  readonly connections: number;
  /**
   * Cuts the link: every open connection is reset and new ones are reset as soon as they arrive,
   * as when the server behind it goes down. The target itself is left alone.
   */
  cut(): void;
  /** Lets connections through again (clients reconnect on their own). */
  restore(): void;
  /** Watches the traffic from now on (undefined: stops watching). */
  tap(tap: ProxyTap | undefined): void;
  close(): Promise<void>;
}

/**
 * A small TCP proxy of the test's own, between the system and one service (Postgres, SMTP), so a
 * test can take the service away without touching it (or the machine's own Postgres).
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let isCut = false;
  let connections = 0;
  let watching: ProxyTap | undefined;
  const through = (see: (chunk: Buffer) => void) =>
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        see(chunk);
        done(null, chunk);
      },
    });

  const server: Server = createServer((client) => {
    connections += 1;
    const connection = connections;
    client.on('error', () => undefined); // a reset client may still report its own reset
    if (isCut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection({ host: target.host, port: target.port }).on('error', () => undefined);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      for (const socket of [client, upstream]) {
        open.delete(socket);
        if (!socket.destroyed) socket.destroy();
      }
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(through((chunk) => watching?.fromClient?.(chunk, connection))).pipe(upstream);
    upstream.pipe(through((chunk) => watching?.fromTarget?.(chunk, connection))).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };

  return {
    host: '127.0.0.1',
    port,
    get isCut() {
      return isCut;
    },
    get connections() {
      return connections;
    },
    cut() {
      isCut = true;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    restore() {
      isCut = false;
    },
    tap(tap) {
      watching = tap;
    },
    close() {
      for (const socket of open) socket.destroy();
      open.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** host:port of a URL such as postgres://u:p@127.0.0.1:5432/db or smtp://127.0.0.1:2525. */
export function hostPortOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

/** The same URL, pointing at the proxy. */
export function throughProxy(url: string, proxy: { host: string; port: number }): string {
  const parsed = new URL(url);
  parsed.hostname = proxy.host;
  parsed.port = String(proxy.port);
  return parsed.toString();
}
