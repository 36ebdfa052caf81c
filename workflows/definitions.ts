import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { JourneyStage, JourneyStatus, RequestKind } from '../domain/journey';
import type { Policy } from '../domain/policy';
import type { AnswerTo } from '../domain/request-answers';
import type { Commitment, Intent, ProjectSummary, ReportingPeriod, RequestTopic } from '../domain/request-topics';
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

/** A role of the Integratiepact's own people: activities resolve it to an address from config. */
export type StaffRole = 'staff' | 'director';

/**
 * A partner's contact as a workflow knows them: the role they are asked in and, where the
 * workflow was given one, their id in the contacts table. Activities load the name, address and
 * language from Postgres, so histories hold no personal data (docs/workflow-versioning.md, v3).
 * Without an id (a project's invitation), it is the partner's first contact with that role.
 */
export interface ContactRef {
  role: ContactRole;
  contactId?: number;
}

/** Whom a request asks: a contact of the partner, or a staff role. A `Person` in histories from before v3. */
export type Recipient = Person | ContactRef | StaffRole;

export interface JourneyPartner {
  id: string;
  name: string;
  actorType: ActorType;
  sector: Sector;
  language: Language;
}

// ── request ─────────────────────────────────────────────────────────────────

/** A request asking a question of topic `T` (a kind, and for a sign-off its subject). */
export interface RequestInput<T extends RequestTopic = RequestTopic> {
  requestId: string;
  /** The partner the request is about; its timeline records what happens. */
  partner: Pick<JourneyPartner, 'id' | 'name'>;
  recipient: Recipient;
  topic: T;
  policy: Policy;
}

/** An answer as a channel (page, JSON, email reply) sends it: not yet judged by the request's validator. */
export type RequestAnswer = Record<string, unknown>;

/** How an answer arrived, for the timeline. */
export type AnswerChannel = 'page' | 'email' | 'api';

/**
 * An answer as it travels to the workflow: its free text (a comment, a narrative) is stored in
 * Postgres first and replaced by `textsId` (db/written-texts.ts), so the update
 * carries only what the workflow decides on; `closeRequest` joins the text back in Postgres.
 */
export interface AnswerRequest {
  answer: RequestAnswer;
  via: AnswerChannel;
}

/** How a request of topic `T` ended: answered with an answer to that topic, or not answered. */
export type RequestOutcome<T extends RequestTopic = RequestTopic> =
  | { requestId: string; status: 'answered'; answer: AnswerTo<T>; via?: AnswerChannel }
  | { requestId: string; status: 'expired' | 'cancelled'; answer?: undefined; via?: undefined };

/** The answer; its validator rejects a second answer or an invalid body before anything is recorded. */
export const answerRequestUpdate = defineUpdate<RequestOutcome, [AnswerRequest]>('answer');
/**
 * The same Update as the request workflow of topic `T` handles it: its validator admits only an
 * answer to that topic (domain/request-answers.ts, `answerProblems`), so the handler is given one.
 */
export const answerUpdateOfTopic = <T extends RequestTopic>(_topic: T) =>
  defineUpdate<RequestOutcome<T>, [{ answer: AnswerTo<T>; via: AnswerChannel }]>(answerRequestUpdate.name);

/** How a request ended, as `closeRequest` records it: the outcome typed by the request's topic. */
export interface ClosedRequest<T extends RequestTopic = RequestTopic> {
  partnerId: string;
  kind: T['kind'];
  outcome: RequestOutcome<T>;
}
/** Staff send a reminder now, outside the policy's rhythm. */
export const remindNowUpdate = defineUpdate<{ reminderNumber: number }>('remindNow');
/** Staff send the request again with a new link; the old link stops working. */
export const resendUpdate = defineUpdate<void>('resend');
/**
 * The person asked was replaced or their address corrected (features/requests/follow-contacts.ts): a new link
 * goes to the contact now holding the role, the old link stops working, and the reminder policy
 * starts over. Carries the contact by reference; the activity reads name and address from Postgres.
 */
export interface Readdress {
  contact: ContactRef;
}
export const readdressUpdate = defineUpdate<{ generation: number }, [Readdress]>('readdress');
/** How the request ended, once it has: what a second click is shown. */
export const requestOutcomeQuery = defineQuery<RequestOutcome | null>('outcome');

// ── partner journey ─────────────────────────────────────────────────────────

/** Since v3 the people are references (contact ids, staff roles); before, `Person`s and their `contacts`. */
export interface JourneyInput {
  partner: JourneyPartner;
  /** Before v3 only: the contacts, to store should the API's transaction not have. */
  contacts?: (Person & { role: ContactRole })[];
  coordinator: Person | ContactRef;
  signatory: Person | ContactRef;
  staff: Person | 'staff';
  director: Person | 'director';
  policy: Policy;
  /**
   * The intent the organisation declared on the public join form (features/joining/): the journey
   * starts at its review, with no intent request. Its summary is in Postgres (`textsId`).
   */
  intent?: Intent;
  /** Set when the journey continues as new in the monitoring stage. */
  resume?: JourneyState;
}

export interface Decision {
  at: string;
  what: string;
  /** Who decided: a role (`coordinator`, `staff`, …); an email address before v3. */
  by?: string;
  /** The decider's contact id, when a partner's contact decided. */
  contactId?: number;
  /** Before v3 only: the comment itself. Since v3 it stays in Postgres: on the answer of `requestId`, or under `textsId`. */
  comment?: string;
  requestId?: string;
  textsId?: string;
}

export interface PendingRequest {
  requestId: string;
  kind: RequestKind;
  /** Whom it asks: a role (`coordinator`, `staff`, …); an email address before v3. */
  recipient: string;
  contactId?: number;
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
/**
 * Staff stop the journey at any stage; pending requests are cancelled. Since v3 the reason stays
 * in Postgres and the update carries its `textsId` (features/partners/withdraw.ts); before, the reason.
 */
export interface Withdrawal {
  reason?: string;
  textsId?: string;
  by?: string;
}
export const withdrawUpdate = defineUpdate<JourneyState, [Withdrawal]>('withdraw');
/** Staff decide what happens after a request expired. */
export const resolveExpiredRequestUpdate = defineUpdate<JourneyState, [{ action: 'resend' | 'lapse'; by?: string }]>(
  'resolveExpiredRequest',
);
/** What staff may change about the partner itself (features/partners/edit-details.ts); its id stays. */
export type PartnerDetails = Pick<JourneyPartner, 'name' | 'actorType' | 'sector' | 'language'>;
/**
 * Staff changed the partner's record (api/partners/): its details and/or the contacts now holding
 * each role, by id (no names or addresses, docs/privacy.md). The journey asks these from then on;
 * `by` is who changed it (auth/plugin.ts, actorReference). The record itself is in Postgres.
 */
export interface PartnerChange {
  details?: PartnerDetails;
  contacts?: { coordinator: ContactRef; signatory: ContactRef };
  by: string;
}
export const changePartnerUpdate = defineUpdate<JourneyState, [PartnerChange]>('changePartner');
/** A prototype project tells the journey its partner confirmed and the project runs. */
export const joinedProjectSignal = defineSignal<[{ projectId: string; title: string }]>('joinedProject');

// ── prototype project ───────────────────────────────────────────────────────

/** Since v3 the partners come without their coordinators: each invitation goes to the partner's coordinator by role. */
export interface ProjectInput {
  project: ProjectSummary;
  partners: { id: string; name: string; coordinator?: Person }[];
  /** Before v3 only. */
  staff?: Person;
  policy: Policy;
}

export interface ProjectResult {
  status: 'running' | 'cancelled';
  confirmed: string[];
  /** Partners whose invitation was cancelled or terminated (their journey ended, their data erased): left out. */
  leftOut?: string[];
}

// ── reporting period ────────────────────────────────────────────────────────

export interface ReportingPeriodInput {
  partner: Pick<JourneyPartner, 'id' | 'name'>;
  coordinator: Person | ContactRef;
  period: ReportingPeriod;
  policy: Policy;
}

export interface ReportingPeriodResult {
  period: string;
  status: 'submitted' | 'missing';
}
