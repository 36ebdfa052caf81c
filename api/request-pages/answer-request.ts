import type { Client } from '@temporalio/client';
import { requestWorkflowId } from '../../domain/workflow-ids';
import { answerRequestUpdate, type AnswerRequest, type RequestOutcome } from '../../workflows/definitions';
import { ApiError } from '../errors';
import { reachableWorkflow } from '../temporal-client';
import { updateErrorToApiError } from '../workflow-errors';

/** A request that is no longer open: 410 with what happened and whom to ask. */
export const requestClosed = (status: string, staffEmail: string) =>
  new ApiError(410, `request_${status}`, `This request is ${status}; nothing more can be done with this link. Questions? Write to ${staffEmail}.`);

/**
 * Delivers an answer to its request workflow, the one way every channel (the page, a reply by
 * email) answers. The workflow's validator decides; its refusal comes back as a 4xx.
 */
export async function answerRequest(
  deps: { temporal: Client; config: { staffEmail: string } },
  request: { id: string; status: string },
  answer: AnswerRequest['answer'],
  via: AnswerRequest['via'],
): Promise<RequestOutcome> {
  if (request.status !== 'pending') throw requestClosed(request.status, deps.config.staffEmail);
  const handle = await reachableWorkflow(deps.temporal, requestWorkflowId(request.id));
  try {
    return await handle.executeUpdate(answerRequestUpdate, { args: [{ answer, via }] });
  } catch (error) {
    const closed = updateErrorToApiError(error, (status) => requestClosed(status ?? 'closed', deps.config.staffEmail));
    if (closed.code !== 'request_closed') throw closed;
    // The workflow ended between reading the request and this answer (another answer, the expiry):
    // its result says which, so the person is told the truth.
    const ended = await handle.result().then((outcome: RequestOutcome) => outcome.status, () => 'closed');
    throw requestClosed(ended, deps.config.staffEmail);
  }
}
