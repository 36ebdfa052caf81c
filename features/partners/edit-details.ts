import type { Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { Database } from '../../db/schema';
import { partnerIdFromName } from '../../domain/partner';
import { ApiError } from '../../http/api-error';
import type { PartnerDetails } from '../../workflows/definitions';
import type { AppDeps } from '../deps';
import { changePartnerRecord } from './record-change';
import type { partnerDetailsSchema } from './schema';
import { requireActiveStaffAccount } from './responsible-staff';

/** What PATCH /api/partners/:id may change; absent fields stay as they are. */
export type DetailsChange = Static<typeof partnerDetailsSchema>;

const fields = ['name', 'actorType', 'sector', 'language'] as const;

/**
 * Changes the partner's name as shown, sector, actor type, language (its id, a slug of the name it
 * was onboarded under, stays) or responsible staff member. Recorded in the timeline; the journey is
 * told the details, and names the partner so from then on. A new sector or actor type counts for
 * the figures reported from now on; totals already reported stay where they were counted (README,
 * "Keeping a partner's record true").
 */
export async function changePartnerDetails(
  deps: Pick<AppDeps, 'db' | 'temporal' | 'dataKeys'>,
  partnerId: string,
  change: DetailsChange,
  by: string,
): Promise<{ changed: (keyof DetailsChange)[] }> {
  const name = change.name?.trim();
  if (name !== undefined && !partnerIdFromName(name))
    throw new ApiError(400, 'invalid_request', 'name: must contain letters or digits', [
      { field: 'name', message: 'must contain letters or digits' },
    ]);
  return changePartnerRecord(deps, partnerId, async (tx) => {
    const { responsibleUserId, ...current } = await tx
      .selectFrom('partners')
      .select(['name', 'actor_type as actorType', 'sector', 'language', 'responsible_user_id as responsibleUserId'])
      .where('id', '=', partnerId)
      .executeTakeFirstOrThrow();
    const next: PartnerDetails = {
      name: name ?? current.name,
      actorType: change.actorType ?? current.actorType,
      sector: change.sector ?? current.sector,
      language: change.language ?? current.language,
    };
    const changed = fields.filter((field) => next[field] !== current[field]);
    const said = changed.map((f) => `${f} "${current[f]}" → "${next[f]}"`);
    const responsible = change.responsibleUserId === undefined ? responsibleUserId : change.responsibleUserId;
    if (responsible !== responsibleUserId) {
      said.push(
        `responsible staff member ${await staffName(tx, responsibleUserId)} → ${await staffName(tx, responsible, true)}`,
      );
    }
    if (!said.length) return { result: { changed: [] } };
    return {
      thenWrite: async () => {
        await tx
          .updateTable('partners')
          .set({
            name: next.name,
            actor_type: next.actorType,
            sector: next.sector,
            language: next.language,
            responsible_user_id: responsible,
          })
          .where('id', '=', partnerId)
          .execute();
      },
      result: { changed: [...changed, ...(responsible !== responsibleUserId ? ['responsibleUserId' as const] : [])] },
      event: {
        type: 'details_changed',
        summary: `details changed by ${by}: ${said.join(', ')}`,
        data: {
          by,
          changes: {
            ...Object.fromEntries(changed.map((field) => [field, { from: current[field], to: next[field] }])),
            ...(responsible !== responsibleUserId
              ? { responsibleUserId: { from: responsibleUserId, to: responsible } }
              : {}),
          },
        },
      },
      ...(changed.length ? { journey: { details: next, by } } : {}),
    };
  });
}

/** A staff member as the timeline names them; with `mustBeActive`, a 400 unless the account exists and is not disabled. */
async function staffName(tx: Transaction<Database>, id: number | null, mustBeActive = false): Promise<string> {
  if (id === null) return 'none';
  if (mustBeActive) return `"${(await requireActiveStaffAccount(tx, id)).name}"`;
  const user = await tx.selectFrom('staff_users').select('name').where('id', '=', id).executeTakeFirst();
  return user ? `"${user.name}"` : `staff user ${id}`;
}
