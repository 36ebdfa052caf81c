import type { FastifyInstance } from 'fastify';
import { requestWorkflowId } from '../../domain/workflow-ids';
import { remindNowUpdate, resendUpdate } from '../../workflows/definitions';
import { ApiError } from '../../http/api-error';
import type { ApiDeps } from '../deps';
import { requireStaff } from '../../auth/plugin';
import { reachableWorkflow } from '../temporal-client';
import { updateErrorToApiError } from '../workflow-errors';

/** Staff actions on one pending request: remind now, or re-send with a new link. */
export async function requestActionRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.addHook('onRequest', requireStaff(deps));
  const closed = (status?: string) =>
    new ApiError(
      409,
      'request_closed',
      `This request is ${status ?? 'closed'}; there is nothing to remind or re-send.`,
    );

  async function pendingRequest(id: string) {
    const request = await deps.db
      .selectFrom('requests')
      .select(['id', 'status', 'partner_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!request) throw new ApiError(404, 'request_not_found', `There is no request with id "${id}".`);
    if (request.status !== 'pending') throw closed(request.status);
    return reachableWorkflow(deps.temporal, requestWorkflowId(id));
  }

  app.post<{ Params: { id: string } }>('/api/requests/:id/remind', async (request) => {
    const handle = await pendingRequest(request.params.id);
    try {
      return { id: request.params.id, ...(await handle.executeUpdate(remindNowUpdate)) };
    } catch (error) {
      throw updateErrorToApiError(error, closed);
    }
  });

  app.post<{ Params: { id: string } }>('/api/requests/:id/resend', async (request) => {
    const handle = await pendingRequest(request.params.id);
    try {
      await handle.executeUpdate(resendUpdate);
      return { id: request.params.id, resent: true };
    } catch (error) {
      throw updateErrorToApiError(error, closed);
    }
  });
}
