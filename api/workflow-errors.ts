import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, isGrpcServiceError } from '@temporalio/client';
import { ApiError, engineUnavailable } from '../http/api-error';

/**
 * Turns what Temporal answers to an Update into the API's error shape: a rejected Update
 * (validator) becomes a 4xx with the workflow's own words; an ended workflow, 410.
 */
export function updateErrorToApiError(error: unknown, ended: (status?: string) => ApiError): ApiError {
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure) {
      if (cause.type === 'InvalidAnswer') return new ApiError(400, 'invalid_answer', cause.message, cause.details?.[0]);
      if (cause.type === 'RequestClosed') return ended(cause.details?.[0] as string | undefined);
    }
    return new ApiError(409, 'not_allowed_now', cause?.message ?? error.message);
  }
  if (error instanceof WorkflowNotFoundError) return ended();
  // An Update to a workflow that has completed is refused by the server with NOT_FOUND.
  if (isGrpcServiceError(error) && error.code === 5) return ended();
  if (error instanceof ApiError) return error;
  return engineUnavailable();
}
