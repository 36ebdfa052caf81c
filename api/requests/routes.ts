import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  isStaffActionRefusal,
  remindRequest,
  resendRequest,
  type StaffActionResult,
} from '../../features/requests/staff-actions';
import { ApiError } from '../../http/api-error';
import { idParams } from '../../http/id-params';
import type { AppDeps } from '../../features/deps';
import { requireStaff } from '../../auth/plugin';
import { refusalToApiError } from '../../temporal/update-errors';

/** Staff actions on one pending request: remind now, or re-send with a new link (features/requests/staff-actions.ts). */
export async function requestActionRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', requireStaff(deps));
  const closed = (status?: string) =>
    new ApiError(
      409,
      'request_closed',
      `This request is ${status ?? 'closed'}; there is nothing to remind or re-send.`,
    );

  /** The action's result as the API's answer: what was done, or the error that says why nothing was. */
  function done<Done extends { kind: string }>(id: string, result: StaffActionResult<Done>): Done {
    if (!isStaffActionRefusal(result)) return result;
    throw result.kind === 'not_found'
      ? new ApiError(404, 'request_not_found', `There is no request with id "${id}".`)
      : refusalToApiError(result, closed);
  }

  app.post('/api/requests/:id/remind', { schema: { params: idParams } }, async (request) => {
    const { id } = request.params;
    const { reminderNumber } = done(id, await remindRequest(deps, { requestId: id }));
    return { id, reminderNumber };
  });

  app.post('/api/requests/:id/resend', { schema: { params: idParams } }, async (request) => {
    const { id } = request.params;
    done(id, await resendRequest(deps, { requestId: id }));
    return { id, resent: true };
  });
}
