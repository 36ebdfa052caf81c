import type { RequestKind } from './journey';
import type { SignoffSubject } from './request-topics';

/** The words a surface names requests with: per kind, and for a sign-off what is signed. */
export interface RequestNameWords {
  kinds: Record<RequestKind, string>;
  signoffSubjects: Record<SignoffSubject, string>;
}

/** The Dutch names: the staff pages (api/html/wording-nl.ts), staff emails and digests. */
export const dutchRequestNames: RequestNameWords = {
  kinds: {
    intent: 'engagementsintentie',
    signoff: 'goedkeuring',
    project: 'projectdeelname',
    report: 'rapportering',
    action: 'afgesproken actie',
  },
  signoffSubjects: {
    intent_review: 'beoordeling van de intentie',
    commitment_signature: 'ondertekening engagement',
    countersignature: 'medeondertekening directie',
  },
};

/** The English names of the staff pages (api/html/wording-en.ts). */
export const englishRequestNames: RequestNameWords = {
  kinds: {
    intent: 'statement of intent',
    signoff: 'sign-off',
    project: 'project participation',
    report: 'report',
    action: 'action agreed',
  },
  signoffSubjects: {
    intent_review: 'review of the intent',
    commitment_signature: 'commitment signature',
    countersignature: "director's countersignature",
  },
};

/**
 * The names of logs, timeline summaries and workflow summaries in the Temporal UI (English, terse,
 * never shown to partners): "intent", "intent review", "countersignature". Stored histories carry them,
 * so they do not change.
 */
export const logRequestNames: RequestNameWords = {
  kinds: { intent: 'intent', signoff: 'sign-off', project: 'project', report: 'report', action: 'action' },
  signoffSubjects: {
    intent_review: 'intent review',
    commitment_signature: 'commitment signature',
    countersignature: 'countersignature',
  },
};

/**
 * How a request is named, on the staff pages, in emails and in the digest: its kind; for a sign-off
 * what is signed; for a report, its period: pass the topic, or `{ kind }` for a row read without it.
 */
export function requestName(
  request: { kind: RequestKind; subject?: SignoffSubject; period?: { label: string } },
  words: RequestNameWords = dutchRequestNames,
): string {
  if (request.kind === 'signoff' && request.subject) return words.signoffSubjects[request.subject];
  if (request.kind === 'report' && request.period) return `${words.kinds.report} ${request.period.label}`;
  return words.kinds[request.kind];
}
