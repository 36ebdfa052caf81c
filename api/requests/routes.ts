import type { FastifyInstance } from 'fastify';
import {
  isStaffActionRefusal,
  remindRequest,
  resendRequest,
  type StaffActionResult,
} from '../../features/requests/staff-actions';
import { ApiError } from '../../http/api-error';
import type { AppDeps } from '../../features/deps';
import { requireStaff } from '../../auth/plugin';
import { refusalToApiError } from '../../temporal/update-errors';

/** Staff actions on one pending request: remind now, or re-send with a new link (features/requests/staff-actions.ts). */
export async function requestActionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
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

  app.post<{ Params: { id: string } }>('/api/requests/:id/remind', async (request) => {
    const { id } = request.params;
    const { reminderNumber } = done(id, await remindRequest(deps, { requestId: id }));
    return { id, reminderNumber };
  });

  app.post<{ Params: { id: string } }>('/api/requests/:id/resend', async (request) => {
    const { id } = request.params;
    done(id, await resendRequest(deps, { requestId: id }));
    return { id, resent: true };
  });
}
