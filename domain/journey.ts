/**
 * A partner's journey (traject) through the pact: its stages and whom it waits on (README.md, How it works).
 */

export const journeyStages = [
  'intent',
  'commitment',
  'prototype',
  'monitoring',
  'completed',
  'withdrawn',
  'lapsed',
] as const;
export type JourneyStage = (typeof journeyStages)[number];

export const terminalStages: readonly JourneyStage[] = ['completed', 'withdrawn', 'lapsed'];

/** Whom the journey is waiting on; `none` once it has reached a terminal stage. */
export const journeyStatuses = ['waiting_partner', 'waiting_staff', 'none'] as const;
export type JourneyStatus = (typeof journeyStatuses)[number];

export const requestKinds = ['intent', 'signoff', 'project', 'report', 'action'] as const;
export type RequestKind = (typeof requestKinds)[number];

export const requestStatuses = ['pending', 'answered', 'expired', 'cancelled'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** Dutch labels for staff pages and emails (requests: domain/request-names.ts). */
export const stageLabels: Record<JourneyStage, string> = {
  intent: 'intentie',
  commitment: 'engagement',
  prototype: 'prototype',
  monitoring: 'monitoring',
  completed: 'afgerond',
  withdrawn: 'teruggetrokken',
  lapsed: 'vervallen',
};
