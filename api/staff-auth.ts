import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors';

/** Staff routes need `Authorization: Bearer <PACT_API_TOKEN>` (staff accounts come later). */
export function staffAuth(apiToken: string | undefined) {
  const expected = apiToken ? digest(apiToken) : undefined;
  return async (request: FastifyRequest): Promise<void> => {
    const presented = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!presented) throw new ApiError(401, 'unauthenticated', 'Sign in first: send `Authorization: Bearer <token>`.');
    if (!expected || !timingSafeEqual(digest(presented), expected)) throw new ApiError(401, 'unauthenticated', 'That token is not valid.');
  };
}

// Comparing fixed-length digests keeps the comparison constant-time whatever the token's length.
const digest = (text: string) => createHash('sha256').update(text).digest();
