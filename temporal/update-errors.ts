import { type UpdateRefusal, updateRefusal } from './update-refusal';
import { ApiError, engineUnavailable } from '../http/api-error';

/**
 * A refused Update in the API's error shape: an invalid body becomes a 400 with the workflow's
 * own words; an ended workflow, what `ended` says; the engine away, 503.
 */
export function refusalToApiError(refusal: UpdateRefusal, ended: (status?: string) => ApiError): ApiError {
  switch (refusal.kind) {
    case 'invalid':
      return new ApiError(400, 'invalid_answer', refusal.message, refusal.problems);
    case 'closed':
      return ended(refusal.status);
    case 'not_allowed_now':
      return new ApiError(409, 'not_allowed_now', refusal.message);
    case 'engine_unavailable':
      return engineUnavailable();
  }
}

/** What Temporal answers to an Update, as the API's error (temporal/update-refusal.ts says what it means). */
export function updateErrorToApiError(error: unknown, ended: (status?: string) => ApiError): ApiError {
  return error instanceof ApiError ? error : refusalToApiError(updateRefusal(error), ended);
}
