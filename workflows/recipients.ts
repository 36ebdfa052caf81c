import { logRequestNames, requestName } from '../domain/request-names';
import type { RequestTopic } from '../domain/request-topics';
import type { Recipient } from './definitions';

/**
 * How workflow and activity summaries name whom a request asks: by role and organisation, never
 * by name, so the Temporal UI shows no personal data (README, "Administrators: Temporal UI").
 */
function whom(recipient: Recipient, partnerName: string): string {
  if (recipient === 'staff') return `staff, about ${partnerName}`;
  if (recipient === 'director') return `the director, about ${partnerName}`;
  if ('role' in recipient) return `the ${recipient.role} of ${partnerName}`;
  return `the contact of ${partnerName}`; // a `Person`, in a request started before v3
}

/** What is asked, in a few words: "intent", "intent review", "countersignature", … (domain/request-names.ts). */
export function topicName(topic: RequestTopic): string {
  return requestName(
    { kind: topic.kind, subject: topic.kind === 'signoff' ? topic.subject : undefined },
    logRequestNames,
  );
}

/** E.g. "intent request to the coordinator of Voka". */
export const requestSummary = (topic: RequestTopic, recipient: Recipient, partnerName: string) =>
  `${topicName(topic)} request to ${whom(recipient, partnerName)}`;

/** The role a request's recipient is asked in, for summaries within the request: "the coordinator", "staff". */
export function recipientRole(recipient: Recipient): string {
  if (recipient === 'staff') return 'staff';
  if (recipient === 'director') return 'the director';
  return 'role' in recipient ? `the ${recipient.role}` : 'the recipient';
}
