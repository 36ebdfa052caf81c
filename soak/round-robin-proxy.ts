import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The soak's load balancer: each request goes to the next of the API processes in turn. A process
 * that refuses the connection (it is down) is skipped, as a load balancer's health check would;
 * one that dies mid-request ends that request with a 502, which the soak's clients try again.
 */
export interface RoundRobinProxy {
  url: string;
  /** Requests forwarded to each upstream, by its port. */
  forwarded: Map<number, number>;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(upstreamPorts: number[]): Promise<RoundRobinProxy> {
  let next = 0;
  const forwarded = new Map(upstreamPorts.map((port) => [port, 0]));

  const send = (request: IncomingMessage, body: Buffer, response: ServerResponse, tries: number) => {
    const port = upstreamPorts[next++ % upstreamPorts.length]!;
    const upstream = forward(
      { host: '127.0.0.1', port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        forwarded.set(port, (forwarded.get(port) ?? 0) + 1);
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
        answer.once('error', () => response.destroy());
      },
    );
    upstream.once('error', (error: NodeJS.ErrnoException) => {
      if (response.headersSent) return void response.destroy();
      // Nothing reached a process that refused the connection: the next one may take it.
      if (error.code === 'ECONNREFUSED' && tries < upstreamPorts.length)
        return send(request, body, response, tries + 1);
      response.writeHead(502, { 'content-type': 'text/plain' }).end(`no API process answered (${error.code})`);
    });
    upstream.end(body);
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => send(request, Buffer.concat(chunks), response, 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwarded,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
