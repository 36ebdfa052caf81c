import { partnerIdFromName } from '../../domain/partner';
import { ApiError } from '../../http/api-error';
import type { PartnerDetails } from '../../workflows/definitions';
import type { ApiDeps } from '../deps';
import { changePartnerRecord } from './record-change';

/** What PATCH /api/partners/:id may change; absent fields stay as they are. */
export type DetailsChange = Partial<PartnerDetails>;

const fields = ['name', 'actorType', 'sector', 'language'] as const;

/**
 * Changes the partner's name as shown, sector, actor type or language (its id, a slug of the name
 * it was onboarded under, stays). Recorded in the timeline and told to the journey, which names the
 * partner so from then on. A new sector or actor type counts for the figures reported from now on;
 * totals already reported stay where they were counted (README, "Keeping a partner's record true").
 */
export async function changePartnerDetails(
  deps: Pick<ApiDeps, 'db' | 'temporal' | 'dataKeys'>,
  partnerId: string,
  change: DetailsChange,
  by: string,
): Promise<{ changed: (keyof PartnerDetails)[] }> {
  const name = change.name?.trim();
  if (name !== undefined && !partnerIdFromName(name))
    throw new ApiError(400, 'invalid_request', 'name: must contain letters or digits', [
      { field: 'name', message: 'must contain letters or digits' },
    ]);
  return changePartnerRecord(deps, partnerId, async (tx) => {
    const current: PartnerDetails = await tx
      .selectFrom('partners')
      .select(['name', 'actor_type as actorType', 'sector', 'language'])
      .where('id', '=', partnerId)
      .executeTakeFirstOrThrow();
    const next: PartnerDetails = { ...current, ...change, ...(name !== undefined ? { name } : {}) };
    const changed = fields.filter((field) => next[field] !== current[field]);
    if (!changed.length) return { result: { changed } };
    await tx
      .updateTable('partners')
      .set({ name: next.name, actor_type: next.actorType, sector: next.sector, language: next.language })
      .where('id', '=', partnerId)
      .execute();
    const changes = Object.fromEntries(changed.map((field) => [field, { from: current[field], to: next[field] }]));
    return {
      result: { changed },
      event: {
        type: 'details_changed',
        summary: `details changed by ${by}: ${changed.map((f) => `${f} "${current[f]}" → "${next[f]}"`).join(', ')}`,
        data: { by, changes },
      },
      journey: { details: next, by },
    };
  });
}
