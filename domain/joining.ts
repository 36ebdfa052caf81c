import type { ActorType, ContactRole, Language, Lever, PactGoal, Sector } from './vocabulary';

/**
 * An organisation's own request to join the pact (`/pact/join`, README.md, Joining the pact): held
 * until its coordinator confirms the address (double opt-in) and staff approve it.
 */
export const joinRequestStatuses = ['pending_confirmation', 'confirmed', 'approved', 'rejected', 'expired'] as const;
export type JoinRequestStatus = (typeof joinRequestStatuses)[number];

/** What the form asked, as the join request keeps it until staff decide: personal data, in Postgres only. */
export interface JoinRequestData {
  name: string;
  actorType: ActorType;
  sector: Sector;
  language?: Language;
  contacts: { name: string; email: string; role: ContactRole; language?: Language }[];
  intent: { levers: Lever[]; goals: PactGoal[]; summary: string };
  ref?: string;
}

/** How long a join waits for its address to be confirmed before it is deleted. */
export const joinConfirmationHours = 72;
