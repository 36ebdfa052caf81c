import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorReference, staffUserOf } from '../../auth/plugin';
import { remindRequest, resendRequest } from '../../features/requests/staff-actions';
import { isRefusal } from '../../temporal/update-refusal';
import { resolveExpiredRequestUpdate } from '../../workflows/definitions';
import { ApiError } from '../../http/api-error';
import { withdrawSchema } from '../../features/partners/schema';
import { withdrawPartner } from '../../features/partners/withdraw';
import type { AppDeps } from '../../features/deps';
import { compileValidator } from '../../http/validation';
import { journeyHandle } from '../../temporal/workflow-links';
import { refusalToApiError, updateErrorToApiError } from '../../temporal/update-errors';
import { apiErrorText } from '../html/error-text';
import { pageContext } from '../html/context';
import { formOf, textOf } from '../html/forms';
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
export function partnerActions(app: FastifyInstance, deps: AppDeps): void {
  /** Back to the partner page: 303 with what was done, or the page itself saying why nothing was. */
  function report(
    request: FastifyRequest<PartnerParams>,
    reply: FastifyReply,
    refused: ApiError | undefined,
    done: string,
  ) {
    if (!refused) return reply.redirect(`/staff/partners/${encodeURIComponent(request.params.id)}?done=${done}`, 303);
    return showPartner(deps, request, reply, {
      status: refused.statusCode,
      error: apiErrorText(pageContext(request, reply).w, refused),
    });
  }

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
      return report(request, reply, error, done);
    }
    return report(request, reply, undefined, done);
  }

  /** A staff action on one of this partner's requests (404 for another partner's), reported on the partner page. */
  async function onRequest(
    request: FastifyRequest<RequestParams>,
    reply: FastifyReply,
    action: typeof remindRequest | typeof resendRequest,
    done: string,
  ) {
    const { id: partnerId, requestId } = request.params;
    const result = await action(deps, { requestId, partnerId });
    if (result.kind === 'not_found')
      throw new ApiError(404, 'request_not_found', 'There is no such request for this partner.');
    return report(request, reply, isRefusal(result) ? refusalToApiError(result, closed) : undefined, done);
  }

  const updating = (run: () => Promise<unknown>, whenClosed: () => ApiError) => () =>
    run().catch((error: unknown) => Promise.reject(updateErrorToApiError(error, whenClosed)));

  app.post<RequestParams>('/staff/partners/:id/requests/:requestId/remind', (request, reply) =>
    onRequest(request, reply, remindRequest, 'reminded'),
  );

  app.post<RequestParams>('/staff/partners/:id/requests/:requestId/resend', (request, reply) =>
    onRequest(request, reply, resendRequest, 'resent'),
  );

  app.post<PartnerParams>('/staff/partners/:id/withdraw', async (request, reply) => {
    const reason = textOf(formOf(request), 'reason');
    if (!validateWithdrawal({ reason }).ok) {
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
