import type { RsvpAnswer } from '../domain/meetings';
import { readDecision } from './read-decision';
import { replyHead } from './reply-head';

/** "misschien" and its kin: the first own line opens with one of these. */
const maybe = /^(?:misschien|maybe|perhaps|tentative|peut[\s-]?etre|eventueel)(?=$|\s|(?!\?)[\p{P}\p{S}])/u;
const separators = /^[\s,.;:!\-–—]+/u;

const fold = (line: string) => line.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/**
 * The answer of a plain reply to a meeting invitation: "ja / nee / misschien" (en: yes / no / maybe,
 * fr: oui / non / peut-être) on the first own line, what follows as the note. Yes and no are read as a
 * request's decision is (read-decision.ts), so quotes, signatures and "No problem" are handled alike.
 * Only the reply's head is read (reply-head.ts).
 */
export function readRsvp(text: string): { answer: RsvpAnswer; note?: string } | undefined {
  const head = replyHead(text);
  const firstOwn = head.find((line) => line.trim() !== '' && !line.trimStart().startsWith('>'));
  if (firstOwn !== undefined && maybe.test(fold(firstOwn))) {
    const rest = fold(firstOwn).replace(maybe, '').replace(separators, '');
    const note = rest ? firstOwn.trim().slice(firstOwn.trim().length - rest.length) : undefined;
    return note ? { answer: 'maybe', note } : { answer: 'maybe' };
  }
  const decision = readDecision(head.join('\n'));
  if (!decision) return undefined;
  const answer = decision.decision === 'approve' ? 'yes' : 'no';
  return decision.comment ? { answer, note: decision.comment } : { answer };
}
