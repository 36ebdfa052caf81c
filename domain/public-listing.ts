import type { JourneyStage } from './journey';

/**
 * A partner's consent to be listed on the pact's public pages (issue 25). The default is no; only the
 * commitment signature's page, the partner's consent link, or staff recording consent given another way
 * can change it. An email reply to the signature request gives no consent.
 */

/** How a change of consent arrived; `erasure` withdraws it when the partner's personal data is erased. */
export const publicListingVias = ['signature', 'consent_link', 'staff', 'erasure'] as const;
export type PublicListingVia = (typeof publicListingVias)[number];

/** A formalised partner: its commitment is countersigned (stage prototype or monitoring). */
export const formalisedStages: readonly JourneyStage[] = ['prototype', 'monitoring'];
