import { type Client, type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from '../../db/connection';
import { storeWrittenTexts } from '../../db/written-texts';
import { requestWorkflow } from '../requests/request-workflow';
import { withdrawUpdate, type JourneyState } from '../../workflows/definitions';

/**
 * Withdraws a partner: the reason is stored in Postgres and the journey gets a reference to it
 * (db/written-texts.ts); the journey ends (its own requests with it), then the partner's open
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
  const stored = await storeWrittenTexts(deps.db, { partnerId }, withdrawal, ['reason']);
  const state = await journey.executeUpdate(withdrawUpdate, { args: [stored] });
  const invitations = await deps.db
    .selectFrom('requests')
    .select('id')
    .where('partner_id', '=', partnerId)
    .where('kind', '=', 'project')
    .where('status', '=', 'pending')
    .execute();
  for (const { id } of invitations) {
    await requestWorkflow(deps.temporal, id)
      .cancel()
      .catch((error: unknown) => {
        if (!(error instanceof WorkflowNotFoundError)) throw error; // already closed: nothing to cancel
      });
  }
  return state;
}
