import type { RequestKind } from './journey';
import type { SignoffSubject } from './request-topics';

/** The words a surface names requests with: per kind, and for a sign-off what is signed. */
export interface RequestNameWords {
  kinds: Record<RequestKind, string>;
  signoffSubjects: Record<SignoffSubject, string>;
}

/** The Dutch names, for staff emails and digests. */
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
