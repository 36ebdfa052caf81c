import { type Client, type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from '../../db/connection';
import { withdrawUpdate, type JourneyState } from '../../workflows/definitions';

/**
 * Withdraws a partner: the journey ends (its own requests with it), then the partner's open
 * project invitations are cancelled, so each project goes on without it
 * (workflows/prototype-project.ts). Should this process stop in between, such an invitation
 * simply expires and the project goes on then.
 */
export async function withdrawPartner(
  deps: { db: Db; temporal: Client },
  partnerId: string,
  journey: WorkflowHandle,
  withdrawal: { reason: string; by: string },
): Promise<JourneyState> {
  const state = await journey.executeUpdate(withdrawUpdate, { args: [withdrawal] });
  const invitations = await deps.db
    .selectFrom('requests')
    .select('workflow_id')
    .where('partner_id', '=', partnerId)
    .where('kind', '=', 'project')
    .where('status', '=', 'pending')
    .execute();
  for (const { workflow_id } of invitations) {
    await deps.temporal.workflow
      .getHandle(workflow_id)
      .cancel()
      .catch((error: unknown) => {
        if (!(error instanceof WorkflowNotFoundError)) throw error; // already closed: nothing to cancel
      });
  }
  return state;
}
