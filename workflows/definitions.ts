import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Policy } from '../domain/policy';
import type { JourneyStage, JourneyStatus, RequestKind, RequestStatus } from '../domain/journey';
import type { ActorType, ContactRole, Language, Sector } from '../domain/vocabulary';

/**
 * Inputs, updates and queries of the workflows: the typed contract between workflows, worker,
 * API and tests. Changing a shape here changes running workflows' histories: patch, don't edit.
 */

export interface Person {
  name: string;
  email: string;
  language: Language;
}

export interface JourneyPartner {
  id: string;
  name: string;
  actorType: ActorType;
  sector: Sector;
  language: Language;
}

export interface JourneyInput {
  partner: JourneyPartner;
  contacts: (Person & { role: ContactRole })[];
  coordinator: Person;
  signatory: Person;
  staff: Person;
  director: Person;
  policy: Policy;
}

export interface RequestInput {
  requestId: string;
  partner: Pick<JourneyPartner, 'id' | 'name'>;
  /** The journey (or project) the request belongs to, for its timeline. */
  journeyPartnerId: string;
  kind: RequestKind;
  recipient: Person;
  /** What the request is about, shown on its page (e.g. the commitment text or the period). */
  payload: Record<string, unknown>;
  policy: Policy;
}

export type RequestAnswer = Record<string, unknown>;

export interface AnswerRequest {
  answer: RequestAnswer;
  /** How the answer arrived, for the timeline. */
  via: 'page' | 'email' | 'api';
}

export interface RequestOutcome {
  requestId: string;
  status: Exclude<RequestStatus, 'pending'>;
  answer?: RequestAnswer;
}

export interface JourneyState {
  stage: JourneyStage;
  status: JourneyStatus;
  pendingRequests: { requestId: string; kind: RequestKind; recipient: string }[];
  decisions: { at: string; what: string }[];
}

/** The answer to a request; the validator rejects a second answer or a wrong body. */
export const answerRequestUpdate = defineUpdate<RequestOutcome, [AnswerRequest]>('answer');
export const journeyStateQuery = defineQuery<JourneyState>('journeyState');
