import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, isGrpcServiceError } from '@temporalio/client';
import type { FieldProblem } from '../domain/field-problem';

/** Why a workflow did not take an Update, in the domain's words; each channel says it its own way. */
export type UpdateRefusal =
  | { kind: 'invalid'; message: string; problems: FieldProblem[] }
  | { kind: 'closed'; status?: string }
  | { kind: 'not_allowed_now'; message: string }
  | { kind: 'engine_unavailable' };

/**
 * What Temporal's answer to an Update says, before a feature reads it in its own words: the
 * workflow refused it (its validator or handler threw; `type` and `details` of the failure it threw),
 * the workflow has ended, or the engine could not be asked. The one place that reads the SDK's errors.
 */
export type UpdateFailure =
  | { kind: 'refused'; type?: string; message: string; details: unknown[] }
  | { kind: 'ended' }
  | { kind: 'engine_unavailable' };

export function readUpdateFailure(error: unknown): UpdateFailure {
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    return cause instanceof ApplicationFailure
      ? { kind: 'refused', type: cause.type ?? undefined, message: cause.message, details: cause.details ?? [] }
      : { kind: 'refused', message: cause?.message ?? error.message, details: [] };
  }
  if (error instanceof WorkflowNotFoundError) return { kind: 'ended' };
  // An Update to a workflow that has completed is refused by the server with NOT_FOUND.
  if (isGrpcServiceError(error) && error.code === 5) return { kind: 'ended' };
  return { kind: 'engine_unavailable' };
}

/**
 * A request's or a journey's refusal: the validator refused the body (`InvalidAnswer`, with its
 * problems) or refused because it is over (`RequestClosed`); anything else it threw means "not now".
 */
export function updateRefusal(error: unknown): UpdateRefusal {
  const failure = readUpdateFailure(error);
  if (failure.kind === 'ended') return { kind: 'closed' };
  if (failure.kind === 'engine_unavailable') return failure;
  if (failure.type === 'InvalidAnswer')
    return { kind: 'invalid', message: failure.message, problems: failure.details[0] as FieldProblem[] };
  if (failure.type === 'RequestClosed') return { kind: 'closed', status: failure.details[0] as string | undefined };
  return { kind: 'not_allowed_now', message: failure.message };
}

const refusalKinds: readonly string[] = ['invalid', 'closed', 'not_allowed_now', 'engine_unavailable'];

/** Whether a result is a refusal rather than what was asked. */
export const isRefusal = <Other extends { kind: string }>(result: Other | UpdateRefusal): result is UpdateRefusal =>
  refusalKinds.includes(result.kind);
