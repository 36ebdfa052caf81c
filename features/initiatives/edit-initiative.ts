import type { Kysely } from 'kysely';
import type { InitiativeStatus } from '../../domain/initiatives';
import type { Database } from '../../db/schema';
import { ApiError } from '../../http/api-error';
import { invalidRequest } from '../../http/validation';
import { checkPartners } from './add-initiative';
import type { InitiativeChange } from './schema';

/** Which status staff may set from which: park one not yet done, take a parked one up again. */
const staffMoves: Record<InitiativeStatus, InitiativeStatus[]> = {
  proposed: ['parked'],
  prioritised: ['parked'],
  in_project: [],
  done: [],
  parked: ['proposed'],
};

export const initiativeNotFound = (id: string) =>
  new ApiError(404, 'initiative_not_found', `There is no initiative "${id}".`);

/**
 * PATCH /api/initiatives/:id and the edit form: changes the fields given; `partnerIds` becomes the
 * list of supporters (proposers stay); `status` parks an initiative or takes a parked one up again.
 * A refused change changes nothing.
 */
export async function editInitiative(
  db: Kysely<Database>,
  id: string,
  change: InitiativeChange,
): Promise<{ id: string; status: InitiativeStatus }> {
  if (change.partnerIds) await checkPartners(db, change.partnerIds);
  return db.transaction().execute(async (tx) => {
    const current = await tx
      .selectFrom('initiatives')
      .select(['id', 'status'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw initiativeNotFound(id);
    let status = current.status;
    if (change.status !== undefined && change.status !== current.status) {
      if (!staffMoves[current.status].includes(change.status))
        throw invalidRequest([{ field: 'status', message: `cannot go from ${current.status} to ${change.status}` }]);
      status = change.status;
    }
    await tx
      .updateTable('initiatives')
      .set({
        ...(change.title !== undefined ? { title: change.title.trim() } : {}),
        ...(change.description !== undefined ? { description: change.description } : {}),
        ...(change.levers !== undefined ? { levers: JSON.stringify(change.levers) } : {}),
        ...(change.characteristics !== undefined ? { characteristics: JSON.stringify(change.characteristics) } : {}),
        ...(change.preconditions !== undefined ? { preconditions: JSON.stringify(change.preconditions) } : {}),
        ...(change.kind !== undefined ? { kind: change.kind } : {}),
        status,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    if (change.partnerIds) {
      const supporters = change.partnerIds;
      let gone = tx.deleteFrom('initiative_partners').where('initiative_id', '=', id).where('role', '=', 'supporter');
      if (supporters.length) gone = gone.where('partner_id', 'not in', supporters);
      await gone.execute();
      if (supporters.length)
        await tx
          .insertInto('initiative_partners')
          .values(
            supporters.map((partnerId) => ({ initiative_id: id, partner_id: partnerId, role: 'supporter' as const })),
          )
          .onConflict((oc) => oc.columns(['initiative_id', 'partner_id']).doNothing())
          .execute();
    }
    return { id, status };
  });
}
