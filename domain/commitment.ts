import type { Commitment, Intent } from './request-topics';
import { levers, pactGoals } from './vocabulary';

/**
 * Draws the formal commitment from an accepted intent: the partner's own words, framed as the
 * pact's commitment (formeel engagement) that the signatory and the director sign.
 */
export function draftCommitment(
  partnerName: string,
  intent: Intent,
  /** The indicators' Dutch names by key (the commitment is Dutch); a key without one is shown as is. */
  indicatorNames: Record<string, string> = {},
): Commitment {
  const targets = Object.entries(intent.targets ?? {});
  const text = [
    `${partnerName} engageert zich binnen het Integratiepact om directe en indirecte discriminatie en racisme tegen te gaan, wederzijds respect te bevorderen en kansen te bieden aan inburgeraars.`,
    `Doelen: ${intent.goals.map((g) => pactGoals.labels[g]).join('; ')}.`,
    `Hefbomen waarop ${partnerName} inzet: ${intent.levers.map((l) => levers.labels[l]).join('; ')}.`,
    // A workflow's intent has its summary in Postgres: openRequest draws the commitment again with it.
    ...(intent.summary ? [`Concreet: ${intent.summary.trim()}`] : []),
    ...(targets.length
      ? [
          `Streefcijfers: ${targets.map(([indicator, n]) => `${indicatorNames[indicator] ?? indicator}: ${n}`).join('; ')}.`,
        ]
      : []),
  ].join('\n\n');
  return { ...intent, partnerName, text };
}
