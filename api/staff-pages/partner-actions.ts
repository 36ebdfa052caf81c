import type { WorkflowHandle } from '@temporalio/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorReference, staffUserOf } from '../../auth/plugin';
import { requestWorkflowId } from '../../domain/workflow-ids';
import { remindNowUpdate, resendUpdate, resolveExpiredRequestUpdate } from '../../workflows/definitions';
import { ApiError } from '../../http/api-error';
import { withdrawSchema } from '../partners/schema';
import { withdrawPartner } from '../partners/withdraw';
import type { ApiDeps } from '../deps';
import { compileValidator } from '../validation';
import { reachableWorkflow } from '../temporal-client';
import { updateErrorToApiError } from '../workflow-errors';
import { journeyHandle } from '../workflow-links';
import { apiErrorText } from './error-text';
import { pageContext } from './context';
import { formOf, textOf } from './forms';
import { showPartner } from './partner-page';

type PartnerParams = { Params: { id: string } };
type RequestParams = { Params: { id: string; requestId: string } };
const validateWithdrawal = compileValidator(withdrawSchema);
const closed = () => new ApiError(409, 'request_closed', 'This request is closed.');
const ended = () => new ApiError(409, 'journey_ended', 'This journey has already ended.');

/**
 * The partner page's buttons: the same Temporal Updates the JSON API sends (remind, re-send,
 * withdraw, decide on an expired request), with the same error mapping. Then back to the partner
 * page: 303 with what happened, or the page itself saying why nothing did.
 */
export function partnerActions(app: FastifyInstance, deps: ApiDeps): void {
  async function act(
    request: FastifyRequest<PartnerParams>,
    reply: FastifyReply,
    update: () => Promise<unknown>,
    done: string,
  ) {
    try {
      await update();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return showPartner(deps, request, reply, {
        status: error.statusCode,
        error: apiErrorText(pageContext(request, reply).w, error),
      });
    }
    return reply.redirect(`/staff/partners/${encodeURIComponent(request.params.id)}?done=${done}`, 303);
  }

  /** The handle of one of this partner's requests (404 for another partner's). */
  async function requestHandle(params: RequestParams['Params']): Promise<WorkflowHandle> {
    const found = await deps.db
      .selectFrom('requests')
      .select('id')
      .where('id', '=', params.requestId)
      .where('partner_id', '=', params.id)
      .executeTakeFirst();
    if (!found) throw new ApiError(404, 'request_not_found', 'There is no such request for this partner.');
    return reachableWorkflow(deps.temporal, requestWorkflowId(found.id));
  }

  const updating = (run: () => Promise<unknown>, whenClosed: () => ApiError) => () =>
    run().catch((error: unknown) => Promise.reject(updateErrorToApiError(error, whenClosed)));

  app.post<RequestParams>('/staff/partners/:id/requests/:requestId/remind', async (request, reply) => {
    const handle = await requestHandle(request.params);
    return act(
      request,
      reply,
      updating(() => handle.executeUpdate(remindNowUpdate), closed),
      'reminded',
    );
  });

  app.post<RequestParams>('/staff/partners/:id/requests/:requestId/resend', async (request, reply) => {
    const handle = await requestHandle(request.params);
    return act(
      request,
      reply,
      updating(() => handle.executeUpdate(resendUpdate), closed),
      'resent',
    );
  });

  app.post<PartnerParams>('/staff/partners/:id/withdraw', async (request, reply) => {
    const reason = textOf(formOf(request), 'reason');
    if (validateWithdrawal({ reason }).length) {
      return showPartner(deps, request, reply, {
        status: 400,
        reason,
        reasonError: pageContext(request, reply).w.partner.reasonRequired,
      });
    }
    const handle = await journeyHandle(deps, request.params.id);
    return act(
      request,
      reply,
      updating(
        () => withdrawPartner(deps, request.params.id, handle, { reason, by: actorReference(staffUserOf(request)) }),
        ended,
      ),
      'withdrawn',
    );
  });

  app.post<PartnerParams>('/staff/partners/:id/expired-request', async (request, reply) => {
    const action = textOf(formOf(request), 'action') === 'lapse' ? 'lapse' : 'resend';
    const handle = await journeyHandle(deps, request.params.id);
    return act(
      request,
      reply,
      updating(
        () =>
          handle.executeUpdate(resolveExpiredRequestUpdate, {
            args: [{ action, by: actorReference(staffUserOf(request)) }],
          }),
        ended,
      ),
      action,
    );
  });
}
