import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { ApiError } from '../../http/api-error';
import { changePartnerUpdate, type PartnerChange } from '../../workflows/definitions';
import type { AppDeps } from '../deps';
import { reachableWorkflow } from '../../temporal/client';
import { updateErrorToApiError } from '../../temporal/update-errors';
import { changeablePartner } from './changeable';

/** What one change did, as the timeline records it and the journey is told; undefined when nothing changed. */
export interface RecordedChange<Result> {
  result: Result;
  event?: { type: string; summary: string; data: Record<string, unknown> };
  journey?: PartnerChange;
  /**
   * Writes to the partner's row, made once the journey took the change: the journey's first step
   * (`ensurePartnerRecorded`, an insert that does nothing if the partner exists) would otherwise
   * wait for this transaction, while this transaction waits for the journey to take the Update.
   */
  thenWrite?: () => Promise<void>;
}

const ended = () =>
  new ApiError(409, 'journey_ended', 'The journey ended while this change was made; nothing was changed.');

/**
 * Changes a partner's record, all or nothing: if the one rule allows it (features/partners/changeable.ts),
 * `change` plans the change in a transaction that holds the partner's row (against concurrent
 * changes); a running journey is told by Update (ids only); then the record is written and the
 * timeline gets who changed what (Postgres may hold names and addresses). Should the journey refuse
 * or the engine be away, the transaction rolls back and nothing changed; should the commit fail
 * after the journey took the change, the same change again makes the record match. The partner's
 * data key is loaded first, so the Update's encoding never waits for a connection of the pool this
 * transaction holds one of (as onboarding does).
 */
export async function changePartnerRecord<Result>(
  deps: Pick<AppDeps, 'db' | 'temporal' | 'dataKeys'>,
  partnerId: string,
  change: (tx: Transaction<Database>) => Promise<RecordedChange<Result>>,
): Promise<Result> {
  const target = await changeablePartner(deps.db, partnerId);
  if (target.journeyRunning) await deps.dataKeys.forEncoding(partnerId);
  return deps.db.transaction().execute(async (tx) => {
    // NO KEY UPDATE: changes of one partner's record (and its reports, activities/monitoring.ts) wait
    // for each other, while the journey's own writes (a timeline event, which takes KEY SHARE on the
    // partner) go on: the Update below needs the journey's workflow task to finish.
    await tx.selectFrom('partners').select('id').where('id', '=', partnerId).forNoKeyUpdate().executeTakeFirstOrThrow();
    const { result, event, journey, thenWrite } = await change(tx);
    if (!event) return result;
    if (journey && target.journeyRunning) {
      const handle = await reachableWorkflow(deps.temporal, target.workflowId);
      try {
        await handle.executeUpdate(changePartnerUpdate, { args: [journey] });
      } catch (error) {
        throw updateErrorToApiError(error, ended);
      }
    }
    await thenWrite?.();
    await tx
      .insertInto('journey_events')
      .values({
        partner_id: partnerId,
        idempotency_key: `record/${partnerId}/${randomUUID()}`,
        ...event,
      })
      .execute();
    return result;
  });
}
