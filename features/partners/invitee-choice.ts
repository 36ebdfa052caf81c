import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Db } from '../../db/connection';
import { partnerNameHolds } from '../../db/name-search';
import { type JourneyStage, journeyStages, terminalStages } from '../../domain/journey';
import { formalisedStages } from '../../domain/public-listing';
import { type ActorType, actorTypes, type ContactRole, type Sector, sectors } from '../../domain/vocabulary';
import { invalidRequest } from '../../http/validation';
import { vocabularyKey } from '../../http/vocabulary-schema';

/**
 * Whom a meeting invites or a prioritisation round asks, the one choice both offer (issue #24: "the
 * invitee choice is the same as meetings'"): partners matching every filter given (sector, actor type,
 * stage), plus those chosen one by one; never a partner whose journey has ended.
 */
export interface PartnerChoice {
  sector?: Sector;
  actorType?: ActorType;
  stage?: JourneyStage;
  partnerIds?: string[];
}

/** The choice's fields in a TypeBox schema; `maxPartners` bounds the list chosen one by one. */
export const inviteeChoiceFields = (maxPartners: number) => ({
  sector: Type.Optional(vocabularyKey(sectors)),
  actorType: Type.Optional(vocabularyKey(actorTypes)),
  stage: Type.Optional(Type.Enum(journeyStages, { type: 'string' })),
  partnerIds: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: maxPartners, uniqueItems: true })),
});

/**
 * The chosen partners' contacts in `roles`, ordered by partner. A partner chosen by id that does not
 * exist is a 400 naming it. With no filter and no partner, `whenNone` says who: nobody (a meeting), or
 * every formalised partner (a round).
 */
export async function chosenContacts(
  db: Db,
  choice: PartnerChoice,
  options: { roles: readonly ContactRole[]; whenNone: 'nobody' | 'formalised' },
): Promise<{ id: number; partner_id: string }[]> {
  const byFilter = choice.sector !== undefined || choice.actorType !== undefined || choice.stage !== undefined;
  const chosen = choice.partnerIds ?? [];
  if (chosen.length) {
    const known = await db.selectFrom('partners').select('id').where('id', 'in', chosen).execute();
    const unknown = chosen.filter((p) => !known.some((k) => k.id === p));
    if (unknown.length)
      throw invalidRequest([{ field: 'invitees.partnerIds', message: `unknown partner ${unknown.join(', ')}` }]);
  }
  const everyFormalised = !byFilter && !chosen.length;
  if (everyFormalised && options.whenNone === 'nobody') return [];
  return db
    .selectFrom('contacts')
    .innerJoin('partners', 'partners.id', 'contacts.partner_id')
    .innerJoin('journeys', 'journeys.partner_id', 'partners.id')
    .select(['contacts.id', 'contacts.partner_id'])
    .where('contacts.role', 'in', [...options.roles])
    .where('journeys.stage', 'not in', terminalStages)
    .where((eb) => {
      if (everyFormalised) return eb('journeys.stage', 'in', formalisedStages);
      const filters = [
        ...(choice.sector ? [eb('partners.sector', '=', choice.sector)] : []),
        ...(choice.actorType ? [eb('partners.actor_type', '=', choice.actorType)] : []),
        ...(choice.stage ? [eb('journeys.stage', '=', choice.stage)] : []),
      ];
      return eb.or([
        ...(byFilter ? [eb.and(filters)] : []),
        ...(chosen.length ? [eb('partners.id', 'in', chosen)] : []),
      ]);
    })
    .orderBy('contacts.partner_id')
    .orderBy('contacts.id')
    .execute();
}

/**
 * Partners a planning form may name one by one (a meeting, a round, a project): their journey has not
 * ended. By name, then id, so equal names keep one order.
 */
const invitablePartners = (db: Db) =>
  db
    .selectFrom('partners')
    .innerJoin('journeys', 'journeys.partner_id', 'partners.id')
    .select(['partners.id', 'partners.name', 'partners.sector', 'partners.actor_type as actorType', 'journeys.stage'])
    .where('journeys.stage', 'not in', terminalStages)
    .orderBy('partners.name')
    .orderBy('partners.id');

export type InvitablePartner = Awaited<ReturnType<ReturnType<typeof invitablePartners>['execute']>>[number];

/** How many partners the search suggests at once: enough to pick from, few enough to send at every key. */
export const partnerSearchLimit = 20;

/**
 * What the forms' partner search suggests while staff type (GET /api/partners/search): up to `limit`
 * invitable partners whose name holds `text`, those whose name starts with it first. A form lists
 * these instead of every partner, which at 10,000 partners made the planning pages slow to send and to use.
 */
export function invitablePartnersHolding(db: Db, text: string, limit: number): Promise<InvitablePartner[]> {
  const lowered = text.trim().toLowerCase();
  return invitablePartners(db)
    .where(partnerNameHolds(lowered))
    .clearOrderBy()
    .orderBy(sql`starts_with(lower(partners.name), ${lowered})`, 'desc')
    .orderBy('partners.name')
    .orderBy('partners.id')
    .limit(limit)
    .execute();
}

/** The invitable partners called `name` (any case, spaces around it ignored): none, one, or several of that name. */
export function invitablePartnersNamed(db: Db, name: string): Promise<InvitablePartner[]> {
  return invitablePartners(db)
    .where(sql<string>`lower(partners.name)`, '=', name.trim().toLowerCase())
    .execute();
}

/** The names of partners chosen by id (a form shown again, the map's suggested invitees), by name. */
export async function partnerNames(db: Db, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return [];
  return db.selectFrom('partners').select(['id', 'name']).where('id', 'in', ids).orderBy('name').execute();
}
