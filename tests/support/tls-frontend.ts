import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type TLSSocket } from 'node:tls';

/** A throw-away certificate authority with a server certificate for `serverName` and a client certificate. */
export interface TestCertificates {
  dir: string;
  serverName: string;
  caPath: string;
  clientCertPath: string;
  clientKeyPath: string;
  serverCert: Buffer;
  serverKey: Buffer;
  remove(): void;
}

/** Made with the openssl command, as an administrator would; EC P-256 keys, valid for a day. */
export function makeTestCertificates(serverName: string): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'integratiepact-tls-'));
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const key = (name: string) => openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', at(name));
  key('ca.key');
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    at('ca.key'),
    '-days',
    '1',
    '-subj',
    '/CN=Integratiepact test CA',
    '-out',
    at('ca.pem'),
  );
  const issue = (name: string, subject: string, extensions: string) => {
    key(`${name}.key`);
    openssl('req', '-new', '-key', at(`${name}.key`), '-subj', subject, '-out', at(`${name}.csr`));
    writeFileSync(at(`${name}.ext`), extensions);
    openssl(
      'x509',
      '-req',
      '-in',
      at(`${name}.csr`),
      '-CA',
      at('ca.pem'),
      '-CAkey',
      at('ca.key'),
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      at(`${name}.ext`),
      '-out',
      at(`${name}.pem`),
    );
  };
  issue(
    'server',
    `/CN=${serverName}`,
    `subjectAltName=DNS:${serverName}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`,
  );
  issue('client', '/CN=integratiepact-worker', 'extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n');
  return {
    dir,
    serverName,
    caPath: at('ca.pem'),
    clientCertPath: at('client.pem'),
    clientKeyPath: at('client.key'),
    serverCert: readFileSync(at('server.pem')),
    serverKey: readFileSync(at('server.key')),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface TlsFrontend {
  address: string;
  /** Connections that completed the TLS handshake with a client certificate of the test CA. */
  readonly authorized: number;
  close(): Promise<void>;
}

/**
 * A TLS front for a plaintext gRPC server, as a load balancer or Temporal's own TLS listener is:
 * it speaks HTTP/2 over TLS (ALPN h2), requires a client certificate signed by the test CA (mTLS),
 * and passes the decrypted stream on to `target`. The Temporal dev server has no TLS of its own.
 */
export async function startTlsFrontend(target: string, certificates: TestCertificates): Promise<TlsFrontend> {
  const [host, port] = target.split(':');
  const open = new Set<Socket>();
  let authorized = 0;
  const server = createServer(
    {
      key: certificates.serverKey,
      cert: certificates.serverCert,
      ca: readFileSync(certificates.caPath),
      requestCert: true,
      rejectUnauthorized: true,
      ALPNProtocols: ['h2'],
    },
    (client: TLSSocket) => {
      if (client.authorized) authorized += 1;
      const upstream = createConnection({ host, port: Number(port) });
      for (const socket of [client, upstream]) {
        open.add(socket);
        socket
          .on('error', () => undefined)
          .on('close', () => {
            open.delete(socket);
            client.destroy();
            upstream.destroy();
          });
      }
      client.pipe(upstream).pipe(client);
    },
  );
  server.on('tlsClientError', () => undefined); // a refused handshake is what some tests want
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as { port: number }).port}`,
    get authorized() {
      return authorized;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
