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
 * What Temporal's answer to an Update means: the workflow's validator refused the body
 * (`InvalidAnswer`, with its problems) or refused because it is over (`RequestClosed`); the
 * workflow has ended; or the engine could not be asked.
 */
export function updateRefusal(error: unknown): UpdateRefusal {
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure) {
      if (cause.type === 'InvalidAnswer')
        return { kind: 'invalid', message: cause.message, problems: cause.details?.[0] as FieldProblem[] };
      if (cause.type === 'RequestClosed') return { kind: 'closed', status: cause.details?.[0] as string | undefined };
    }
    return { kind: 'not_allowed_now', message: cause?.message ?? error.message };
  }
  if (error instanceof WorkflowNotFoundError) return { kind: 'closed' };
  // An Update to a workflow that has completed is refused by the server with NOT_FOUND.
  if (isGrpcServiceError(error) && error.code === 5) return { kind: 'closed' };
  return { kind: 'engine_unavailable' };
}

const refusalKinds: readonly string[] = ['invalid', 'closed', 'not_allowed_now', 'engine_unavailable'];

/** Whether a result is a refusal rather than what was asked. */
export const isRefusal = <Other extends { kind: string }>(result: Other | UpdateRefusal): result is UpdateRefusal =>
  refusalKinds.includes(result.kind);
