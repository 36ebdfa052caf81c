import { terminalStages, type JourneyStage } from '../domain/journey';
import type { Organisation } from './cast';
import type { Inbox } from './inbox';
import type { PactApi } from './pact-api';
import { peopleOf } from './people';

/** What GET /api/partners/:id tells the demo. */
export interface PartnerJson {
  id: string;
  stage: JourneyStage;
  pendingRequests: { id: string; kind: string; recipientEmail: string }[];
  timeline: { type: string }[];
  referralUrl: string | null;
}

/**
 * Where a journey stands, in the order the demo moves it: its intent asked for, answered (staff to
 * review), the signature asked for, the countersignature asked for, formalised, in a project.
 */
const levels = ['invited', 'intent', 'signature', 'countersignature', 'formalised', 'project'] as const;
export type Level = (typeof levels)[number];

/** Undefined between two steps: one request answered, the next not asked yet. */
function levelOf(partner: PartnerJson, signatory: string): Level | undefined {
  const pending = (kind: string) => partner.pendingRequests.find((r) => r.kind === kind);
  const signoff = pending('signoff');
  switch (partner.stage) {
    case 'intent':
      return pending('intent') ? 'invited' : signoff ? 'intent' : undefined;
    case 'commitment':
      return !signoff ? undefined : signoff.recipientEmail === signatory ? 'signature' : 'countersignature';
    case 'prototype':
      return 'formalised';
    default:
      return 'project';
  }
}

export const partnerOf = (api: PactApi, id: string) => api.get<PartnerJson>(`/api/partners/${encodeURIComponent(id)}`);

/** The body of POST /api/partners: the organisation with its coordinator and signatory. */
export function onboardingOf(organisation: Organisation) {
  const people = peopleOf(organisation);
  return {
    name: organisation.name,
    actorType: organisation.actorType,
    sector: organisation.sector,
    language: 'nl',
    contacts: [people.coordinator, people.signatory],
  };
}

/** The intent as its coordinator fills it in. */
export function intentOf(organisation: Organisation) {
  return {
    levers: organisation.levers,
    goals: ['counter_discrimination', 'mutual_respect', 'placements_for_newcomers'],
    summary: organisation.summary,
    targets: { placements_offered: 2 + (organisation.name.length % 9) },
  };
}

/**
 * Answers, through the link in its email, every request on the way until the journey has reached
 * `target`: the intent (coordinator), the review (staff), the signature (signatory, ticking the public
 * listing if the organisation consents), the countersignature (director), a project invitation
 * (coordinator). Looks at the journey first each time, so a second run answers nothing twice.
 */
export async function advance(
  api: PactApi,
  inbox: Inbox,
  organisation: Organisation,
  target: Level,
  extraIntent: Record<string, unknown> = {},
): Promise<void> {
  const people = peopleOf(organisation);
  for (;;) {
    const partner = await partnerOf(api, people.id);
    if (!partner) throw new Error(`${organisation.name} is not a partner`);
    if (terminalStages.includes(partner.stage)) return;
    const level = levelOf(partner, people.signatory.email);
    if (level && levels.indexOf(level) >= levels.indexOf(target)) return;
    const request = partner.pendingRequests.find((r) => r.kind !== 'report' && r.kind !== 'action');
    if (!level || !request) {
      await pause(300); // the workflow has not asked yet
      continue;
    }
    const answer =
      request.kind === 'intent'
        ? { ...intentOf(organisation), ...extraIntent }
        : request.kind === 'signoff' && request.recipientEmail === people.signatory.email
          ? { decision: 'approve', publicListing: organisation.listed }
          : { decision: 'approve' };
    await answerRequest(api, inbox, partner.id, request, answer);
  }
}

/** Opens the request's link in its email, posts the answer as the page does, and waits until it counted. */
export async function answerRequest(
  api: PactApi,
  inbox: Inbox,
  partnerId: string,
  request: PartnerJson['pendingRequests'][number],
  answer: Record<string, unknown>,
): Promise<void> {
  const email = await inbox.email(request.recipientEmail, (key) => key.startsWith(`request/${request.id}/`));
  const response = await fetch(inbox.link(email, '/r/'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(answer),
  });
  if (response.status !== 200 && response.status !== 409)
    throw new Error(`answering "${email.subject}" failed: ${response.status} ${await response.text()}`);
  while ((await partnerOf(api, partnerId))?.pendingRequests.some((r) => r.id === request.id)) await pause(200);
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` on every item, at most `width` at a time. */
export async function inTurn<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i]!);
    }),
  );
}
