import type { Db } from '../../db/connection';
import { terminalStages } from '../../domain/journey';
import { ApiError } from '../../http/api-error';

/** Whether staff may change a partner's record, and whether its journey still runs to be told. */
export type Changeability =
  | { kind: 'changeable'; workflowId: string; journeyRunning: boolean }
  | { kind: 'not_found' }
  | { kind: 'withdrawn' }
  | { kind: 'erased' };

/**
 * The one rule for "may this partner's record be changed?" (details, contacts, responsible staff
 * member): not once it is withdrawn (the journey is over and its people told so) or its personal data
 * erased (or being erased). A completed or lapsed journey's record may still be corrected; the
 * journey, having ended, is not told.
 */
export async function partnerChangeability(db: Db, partnerId: string): Promise<Changeability> {
  const found = await db
    .selectFrom('partners')
    .innerJoin('journeys', 'journeys.partner_id', 'partners.id')
    .select(['journeys.workflow_id as workflowId', 'journeys.stage'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('erasures').select('erasures.id').whereRef('erasures.partner_id', '=', 'partners.id'))
        .as('erased'),
    )
    .where('partners.id', '=', partnerId)
    .executeTakeFirst();
  if (!found) return { kind: 'not_found' };
  if (found.erased) return { kind: 'erased' };
  if (found.stage === 'withdrawn') return { kind: 'withdrawn' };
  return { kind: 'changeable', workflowId: found.workflowId, journeyRunning: !terminalStages.includes(found.stage) };
}

/** The rule's answer for the API and the pages: the changeable partner, or the error naming the problem. */
export async function changeablePartner(db: Db, partnerId: string) {
  const rule = await partnerChangeability(db, partnerId);
  switch (rule.kind) {
    case 'changeable':
      return rule;
    case 'not_found':
      throw new ApiError(404, 'partner_not_found', `There is no partner with id "${partnerId}".`);
    case 'withdrawn':
      throw new ApiError(
        409,
        'partner_withdrawn',
        `Partner "${partnerId}" has withdrawn; its record can no longer be changed. Nothing was changed.`,
      );
    case 'erased':
      throw new ApiError(
        409,
        'partner_erased',
        `The personal data of partner "${partnerId}" has been erased; its record can no longer be changed. Nothing was changed.`,
      );
  }
}
