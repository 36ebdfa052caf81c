import { type Client, type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from '../../db/connection';
import { storeWrittenTexts } from '../../db/written-texts';
import { freeTextFields, storedTextsField } from '../../domain/request-answers';
import { requestWorkflowId } from '../../domain/workflow-ids';
import { answerRequestUpdate, type AnswerRequest, type RequestOutcome } from '../../workflows/definitions';
import { ApiError, engineUnavailable } from '../../http/api-error';
import { reachableWorkflow, withEngineDeadline } from '../temporal-client';
import { updateErrorToApiError } from '../workflow-errors';

/** A request that is no longer open: 410 with what happened and whom to ask. */
export const requestClosed = (status: string, staffEmail: string) =>
  new ApiError(
    410,
    `request_${status}`,
    `This request is ${status}; nothing more can be done with this link. Questions? Write to ${staffEmail}.`,
  );

/**
 * The database can be ahead of the workflow: `closeRequest` runs inside the workflow task that
 * accepts the answer, so when that task is lost (the Temporal server restarted before it was
 * stored) the row says "answered" while the workflow still waits and the partner was shown an
 * error. The workflow decides: while it runs, the partner may answer again. While the engine is
 * away nobody can tell, so the partner is asked to try again (503), not told it is closed.
 */
async function stillWaiting(temporal: Client, handle: WorkflowHandle): Promise<boolean> {
  try {
    const { status } = await withEngineDeadline(temporal, 2_000, () => handle.describe());
    return status.name === 'RUNNING';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false; // past its retention: long closed
    throw engineUnavailable();
  }
}

/**
 * Delivers an answer to its request workflow, the one way every channel (the page, a reply by
 * email) answers. The workflow's validator decides; its refusal comes back as a 4xx. What the
 * person wrote in their own words stays in Postgres: the workflow gets a reference to it.
 */
export async function answerRequest(
  deps: { temporal: Client; db: Db; config: { staffEmail: string } },
  request: { id: string; partner_id: string; status: string },
  answer: AnswerRequest['answer'],
  via: AnswerRequest['via'],
): Promise<RequestOutcome> {
  if (storedTextsField in answer) {
    const problem = { field: storedTextsField, message: 'is not a known field' };
    throw new ApiError(400, 'invalid_answer', `${problem.field}: ${problem.message}`, [problem]);
  }
  const handle = await reachableWorkflow(deps.temporal, requestWorkflowId(request.id));
  if (request.status !== 'pending' && !(await stillWaiting(deps.temporal, handle)))
    throw requestClosed(request.status, deps.config.staffEmail);
  try {
    const withoutTexts = await storeWrittenTexts(
      deps.db,
      { partnerId: request.partner_id, requestId: request.id },
      answer,
      freeTextFields,
    );
    return await handle.executeUpdate(answerRequestUpdate, { args: [{ answer: withoutTexts, via }] });
  } catch (error) {
    const closed = updateErrorToApiError(error, (status) => requestClosed(status ?? 'closed', deps.config.staffEmail));
    if (closed.code !== 'request_closed') throw closed;
    // The workflow ended between reading the request and this answer (another answer, the expiry):
    // its result says which, so the person is told the truth.
    const ended = await handle.result().then(
      (outcome: RequestOutcome) => outcome.status,
      () => 'closed',
    );
    throw requestClosed(ended, deps.config.staffEmail);
  }
}
