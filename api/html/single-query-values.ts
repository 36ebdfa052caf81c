import type { FastifyRequest } from 'fastify';

/**
 * Pages read their query parameters as plain strings. A parameter given twice (`?period=a&period=b`)
 * arrives as an array; a page keeps the first value, as a browser's form would send it, instead of
 * each handler guarding against arrays. Register as a `preValidation` hook.
 */
export async function singleQueryValues(request: FastifyRequest): Promise<void> {
  const query = request.query as Record<string, unknown> | undefined;
  if (!query || !Object.values(query).some(Array.isArray)) return;
  request.query = Object.fromEntries(
    Object.entries(query).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
  );
}
