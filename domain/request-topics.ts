import type { IntentInitiative } from './initiatives';
import type { Lever, PactGoal } from './vocabulary';

/**
 * What a request asks, per kind (README.md, How it works). The topic travels with the request from the
 * journey to its emails and its page, so each can say precisely what is asked.
 */

/** The partner's statement of intent (engagementsintentie), as the coordinator submits it. */
export interface Intent {
  levers: Lever[];
  goals: PactGoal[];
  /** Since v3 a workflow carries `textsId` instead: the summary is in Postgres (db/written-texts.ts). */
  summary: string;
  textsId?: string;
  /** Optional targets per indicator key, e.g. { placements_offered: 10 }. */
  targets?: Record<string, number>;
  /**
   * Optional: practices it names or initiatives it proposes; they enter the portfolio (issue 24). What
   * the partner wrote: a workflow carries them under `textsId`, Postgres as JSON text (intentInitiativesOf).
   */
  initiatives?: IntentInitiative[];
}

/** The formal commitment (formeel engagement), drawn from the accepted intent. */
export interface Commitment extends Intent {
  partnerName: string;
  /** The commitment in words, as signed. */
  text: string;
}

export type SignoffSubject = 'intent_review' | 'commitment_signature' | 'countersignature';

export interface ProjectSummary {
  id: string;
  title: string;
  description: string;
  levers: Lever[];
}

export interface ReportingPeriod {
  /** Stable label, part of the workflow id: p1, p2, … */
  label: string;
  index: number;
  start: string;
  end: string;
}

export interface IndicatorDefinition {
  key: string;
  label: string;
  levers: Lever[];
}

/** An action agreed at a follow-up meeting, as its owner's coordinator is asked to report it done. */
export interface MeetingAction {
  meetingTitle: string;
  description: string;
  /** The due date agreed at the meeting (ISO). */
  dueAt: string;
}

export type RequestTopic =
  /**
   * `reviewRequestId`: the request whose answer sent the intent back (a review, a refused
   * signature); `openRequest` reads its comment from Postgres into `reviewerComment`, so the
   * comment never travels through a workflow (since v3; before, the workflow passed the comment).
   */
  | { kind: 'intent'; reviewerComment?: string; reviewRequestId?: string; previous?: Intent }
  | { kind: 'signoff'; subject: 'intent_review'; intent: Intent }
  | { kind: 'signoff'; subject: 'commitment_signature' | 'countersignature'; commitment: Commitment }
  | { kind: 'project'; project: ProjectSummary }
  | { kind: 'report'; period: ReportingPeriod; indicators: IndicatorDefinition[] }
  /**
   * The meeting workflow carries ids only; `openRequest` adds `action` from Postgres to the stored
   * request, so the email and the page can say what was agreed (docs/meetings.md).
   */
  | { kind: 'action'; meetingId: string; actionId: string; action?: MeetingAction };

/** A topic of a request of kind `K`. */
export type TopicOf<K extends RequestTopic['kind']> = RequestTopic & { kind: K };

/**
 * A topic as `requests.topic` keeps it: what people wrote in it (a reviewer's comment, an intent's
 * summary, the commitment's text) is left out, in the `written_texts` row `topicTextsId`, so
 * erasure finds it by the partner's id; db/request-topic-texts.ts puts it back for emails and pages.
 */
export type StoredTopic = RequestTopic & { topicTextsId?: string };
