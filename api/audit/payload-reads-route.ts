import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireStaff } from '../../auth/plugin';
import { ApiError } from '../../http/api-error';
import { latestPayloadReads } from '../../privacy/payload-reads';
import type { AppDeps } from '../../features/deps';

const maxLimit = 1000;
const limitSchema = Type.Object(
  { limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$' })) },
  { additionalProperties: false },
);

/**
 * GET /api/payload-reads[?limit=N]: the latest exports and codec uses, newest first (who, when, how
 * many payloads, decoded or not). Administrators only, like the decoded payloads themselves.
 */
export async function payloadReadsRoute(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/payload-reads',
    { onRequest: requireStaff(deps, ['admin']), schema: { querystring: limitSchema } },
    async (request) => {
      const limit = Number(request.query.limit ?? 100);
      if (limit > maxLimit)
        throw new ApiError(400, 'invalid_request', `limit: at most ${maxLimit}`, [
          { field: 'limit', message: `at most ${maxLimit}` },
        ]);
      return { reads: await latestPayloadReads(deps.db, limit) };
    },
  );
}
