import type { FastifyInstance } from 'fastify';
import { requireStaff, staffUserOf } from '../../auth/plugin';
import { erasePartner, PartnerNotFound } from '../../features/privacy/erase-partner';
import { ApiError } from '../../http/api-error';
import type { AppDeps } from '../../features/deps';
import { engineReachable } from '../../temporal/client';
import { withdrawSchema } from '../../features/partners/schema';

/**
 * POST /api/partners/:id/erase `{reason}`: erases the partner's personal data (features/privacy/erase-partner.ts).
 * Administrators only. Erasing again answers 200 and changes nothing.
 */
export async function eraseRoute(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/partners/:id/erase',
    { onRequest: requireStaff(deps, ['admin']), schema: { body: withdrawSchema } },
    async (request) => {
      const user = staffUserOf(request);
      await engineReachable(deps.temporal);
      try {
        const result = await erasePartner(deps, {
          partnerId: request.params.id,
          reason: request.body.reason.trim(),
          by: user.id === 0 ? 'token:bootstrap' : `staff:${user.id}`,
        });
        return {
          id: result.partnerId,
          erasedAt: result.erasedAt.toISOString(),
          alreadyErased: result.alreadyErased,
          workflowsEnded: result.workflowsEnded,
        };
      } catch (error) {
        if (error instanceof PartnerNotFound) throw new ApiError(404, 'partner_not_found', error.message);
        throw error;
      }
    },
  );
}
