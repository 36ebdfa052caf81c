import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import type { StaffWording } from './wording-nl';

/**
 * Runs a JSON API route as the signed-in person, over HTTP to this same server: for an action
 * whose rules live only in its route (creating a project), so they stay in one place. The
 * person's session cookie and origin go along, so the route's own guard judges the request.
 * (Not `app.inject`: its cookie module is ESM-only, which jest on Node 20 cannot load.)
 */
export async function callApi(app: FastifyInstance, request: FastifyRequest, method: 'POST', path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  for (const name of ['cookie', 'authorization', 'origin'] as const) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const response = await fetch(`${ownAddress(app)}${path}`, { method, headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Where this server listens, as seen from itself: a wildcard address is reached through loopback. */
function ownAddress(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the API is not listening on a TCP port');
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/** The JSON API's error as the ApiError it was. */
export function asApiError(answer: { status: number; body: Record<string, unknown> }): ApiError {
  const error = (answer.body.error ?? {}) as { code?: string; message?: string; details?: unknown };
  return new ApiError(answer.status, error.code ?? 'failed', error.message ?? '', error.details);
}

/** A refusal in the reader's words where we have them; otherwise the API's own sentence. */
export function apiErrorText(w: StaffWording, error: ApiError): string {
  if (error.code === 'engine_unavailable' || error.statusCode === 503) return w.engineUnavailable;
  if (error.code === 'journey_ended') return w.partner.ended;
  if (error.code === 'request_closed') return w.partner.closed;
  if (error.code === 'forbidden') return w.forbidden;
  if (error.code === 'cross_origin') return w.crossOrigin;
  if (error.statusCode >= 500 || !error.message) return w.failed;
  return error.message;
}
