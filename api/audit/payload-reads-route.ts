import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../auth/plugin';
import { latestPayloadReads } from '../../privacy/payload-reads';
import type { ApiDeps } from '../deps';

const limitSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 } },
} as const;

/**
 * GET /api/payload-reads[?limit=N]: the latest exports and codec uses, newest first (who, when, how
 * many payloads, decoded or not). Administrators only, like the decoded payloads themselves.
 */
export async function payloadReadsRoute(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.get<{ Querystring: { limit?: number } }>(
    '/api/payload-reads',
    { onRequest: requireStaff(deps, ['admin']), schema: { querystring: limitSchema } },
    async (request) => ({ reads: await latestPayloadReads(deps.db, request.query.limit ?? 100) }),
  );
}
