import { request as httpRequest } from 'node:http';

/** A response body as JSON, typed loosely: tests assert its shape with expect(). */
export const readJson = (response: Response): Promise<any> => response.json();

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Any method, any path bytes as given; for tests that sweep routes. Through fetch where it can
 * (node:http's client has its DELETE refused under jest), node:http for the methods fetch forbids.
 */
export async function rawRequest(
  base: string,
  request: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawAnswer> {
  if (!['TRACE', 'TRACK', 'CONNECT'].includes(request.method)) {
    const response = await fetch(`${base}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
    });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  }
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: request.headers ?? {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(request.body);
  });
}
