import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Db } from '../../db/connection';
import { type ContactRef, readdressUpdate, remindNowUpdate, resendUpdate } from '../../workflows/definitions';
import { findRequestById } from './find-request';
import { requestOpenForAction } from './open-rule';
import { requestWorkflow } from './request-workflow';
import { isRefusal, type UpdateRefusal, updateRefusal } from '../../temporal/update-refusal';

/** Why a staff action did nothing: no such request, or the workflow refused (temporal/update-refusal.ts). */
export type StaffActionRefusal = { kind: 'not_found' } | UpdateRefusal;

/** What became of a staff action on a request; the JSON API and the staff pages each say it their own way. */
export type StaffActionResult<Done> = Done | StaffActionRefusal;

export const isStaffActionRefusal = <Done extends { kind: string }>(
  result: Done | StaffActionRefusal,
): result is StaffActionRefusal => result.kind === 'not_found' || isRefusal(result);

type Deps = { temporal: Client; db: Db };
/** The request acted on; with `partnerId`, only if it is that partner's. */
type Target = { requestId: string; partnerId?: string };

/** Staff send a reminder now, outside the policy's rhythm; it counts towards the policy's maximum. */
export function remindRequest(
  deps: Deps,
  target: Target,
): Promise<StaffActionResult<{ kind: 'reminded'; reminderNumber: number }>> {
  return onOpenRequest(deps, target, async (handle) => ({
    kind: 'reminded' as const,
    ...(await handle.executeUpdate(remindNowUpdate)),
  }));
}

/** Staff send the request again with a new link; the old link stops working. */
export function resendRequest(deps: Deps, target: Target): Promise<StaffActionResult<{ kind: 'resent' }>> {
  return onOpenRequest(deps, target, async (handle) => {
    await handle.executeUpdate(resendUpdate);
    return { kind: 'resent' as const };
  });
}

/**
 * The request asks another contact from now on (staff replaced the person or corrected their
 * address): a new link to them, the old one revoked, the reminder policy starting over.
 */
export function readdressRequest(
  deps: Deps,
  target: Target,
  contact: ContactRef,
): Promise<StaffActionResult<{ kind: 'readdressed' }>> {
  return onOpenRequest(deps, target, async (handle) => {
    await handle.executeUpdate(readdressUpdate, { args: [{ contact }] });
    return { kind: 'readdressed' as const };
  });
}

/** Runs `act` on the request's workflow if the request is open by the one rule (features/requests/open-rule.ts). */
async function onOpenRequest<Done>(
  deps: Deps,
  { requestId, partnerId }: Target,
  act: (handle: WorkflowHandle) => Promise<Done>,
): Promise<StaffActionResult<Done>> {
  const request = await findRequestById(deps.db, requestId, partnerId);
  if (!request) return { kind: 'not_found' };
  const open = await requestOpenForAction(deps.temporal, request);
  if (open.kind !== 'open') return open;
  try {
    return await act(requestWorkflow(deps.temporal, request.id));
  } catch (error) {
    return updateRefusal(error);
  }
}
