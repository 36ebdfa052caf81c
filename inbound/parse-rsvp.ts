import type { RsvpAnswer } from '../domain/meetings';
import { readDecision } from './parse-reply';

/** "misschien" and its kin: the first own line opens with one of these. */
const maybe = /^(misschien|maybe|perhaps|tentative|peut[\s-]?etre|eventueel)(?=$|\s|(?!\?)[\p{P}\p{S}])/u;

const fold = (line: string) => line.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/**
 * The answer of a plain reply to a meeting invitation: "ja / nee / misschien" (en: yes / no / maybe,
 * fr: oui / non / peut-être) on the first own line, what follows as the note. Yes and no are read as a
 * request's decision is (parse-reply.ts), so quotes, signatures and "No problem" are handled alike.
 */
export function readRsvp(text: string): { answer: RsvpAnswer; note?: string } | undefined {
  const firstOwn = text.split(/\r?\n/).find((line) => line.trim() !== '' && !/^\s*>/.test(line));
  if (firstOwn !== undefined && maybe.test(fold(firstOwn))) {
    const rest = fold(firstOwn)
      .replace(maybe, '')
      .replace(/^[\s,.;:!\-–—]+/u, '');
    const note = rest ? firstOwn.trim().slice(firstOwn.trim().length - rest.length) : undefined;
    return note ? { answer: 'maybe', note } : { answer: 'maybe' };
  }
  const decision = readDecision(text);
  if (!decision) return undefined;
  const answer = decision.decision === 'approve' ? 'yes' : 'no';
  return decision.comment ? { answer, note: decision.comment } : { answer };
}
