import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { JourneyStage, JourneyStatus, RequestKind } from '../domain/journey';
import type { Policy } from '../domain/policy';
import type { Commitment, ProjectSummary, ReportingPeriod, RequestTopic } from '../domain/request-topics';
import type { ActorType, ContactRole, Language, Sector } from '../domain/vocabulary';

/**
 * Inputs, updates, signals and queries of the workflows: the typed contract between workflows,
 * worker, API and tests. Running workflows carry these shapes in their histories: extend them
 * with optional fields, never rename or remove (docs/workflow-versioning.md).
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

// ── request ─────────────────────────────────────────────────────────────────

export interface RequestInput {
  requestId: string;
  /** The partner the request is about; its timeline records what happens. */
  partner: Pick<JourneyPartner, 'id' | 'name'>;
  recipient: Person;
  topic: RequestTopic;
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
  status: 'answered' | 'expired' | 'cancelled';
  answer?: RequestAnswer;
  via?: AnswerRequest['via'];
}

/** The answer; its validator rejects a second answer or an invalid body before anything is recorded. */
export const answerRequestUpdate = defineUpdate<RequestOutcome, [AnswerRequest]>('answer');
/** Staff send a reminder now, outside the policy's rhythm. */
export const remindNowUpdate = defineUpdate<{ reminderNumber: number }>('remindNow');
/** Staff send the request again with a new link; the old link stops working. */
export const resendUpdate = defineUpdate<void>('resend');
/** How the request ended, once it has: what a second click is shown. */
export const requestOutcomeQuery = defineQuery<RequestOutcome | null>('outcome');

// ── partner journey ─────────────────────────────────────────────────────────

export interface JourneyInput {
  partner: JourneyPartner;
  contacts: (Person & { role: ContactRole })[];
  coordinator: Person;
  signatory: Person;
  staff: Person;
  director: Person;
  policy: Policy;
  /** Set when the journey continues as new in the monitoring stage. */
  resume?: JourneyState;
}

export interface Decision {
  at: string;
  what: string;
  by?: string;
  comment?: string;
}

export interface PendingRequest {
  requestId: string;
  kind: RequestKind;
  recipient: string;
}

export interface JourneyState {
  stage: JourneyStage;
  status: JourneyStatus;
  pendingRequests: PendingRequest[];
  /** A request that expired and waits for staff: re-send it, or let the journey lapse. */
  expiredRequest?: PendingRequest;
  decisions: Decision[];
  commitment?: Commitment;
  formalisedAt?: string;
  projects: { id: string; title: string }[];
  monitoring?: {
    startedAt: string;
    nextPeriod: number;
    /** How many relative periods the term holds; calendar periods end with the term instead. */
    periods: number;
    /** The period reported last (since calendar periods); the next one follows it. */
    lastPeriod?: ReportingPeriod;
  };
  /** Numbers the journey's events, across continue-as-new, so each event key is unique. */
  eventCount: number;
}

export const journeyStateQuery = defineQuery<JourneyState>('journeyState');
/** Staff stop the journey at any stage; pending requests are cancelled. */
export const withdrawUpdate = defineUpdate<JourneyState, [{ reason: string; by?: string }]>('withdraw');
/** Staff decide what happens after a request expired. */
export const resolveExpiredRequestUpdate = defineUpdate<JourneyState, [{ action: 'resend' | 'lapse'; by?: string }]>(
  'resolveExpiredRequest',
);
/** A prototype project tells the journey its partner confirmed and the project runs. */
export const joinedProjectSignal = defineSignal<[{ projectId: string; title: string }]>('joinedProject');

// ── prototype project ───────────────────────────────────────────────────────

export interface ProjectInput {
  project: ProjectSummary;
  partners: { id: string; name: string; coordinator: Person }[];
  staff: Person;
  policy: Policy;
}

export interface ProjectResult {
  status: 'running' | 'cancelled';
  confirmed: string[];
}

// ── reporting period ────────────────────────────────────────────────────────

export interface ReportingPeriodInput {
  partner: Pick<JourneyPartner, 'id' | 'name'>;
  coordinator: Person;
  period: ReportingPeriod;
  policy: Policy;
}

export interface ReportingPeriodResult {
  period: string;
  status: 'submitted' | 'missing';
}
