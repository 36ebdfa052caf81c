import { replyHead } from './reply-head';

/** A ranking by numbers is short: a longer first line is not one. */
const MAX_LINE = 200;
/** Only digits, spaces, commas and semicolons (and a closing full stop) make a line of numbers. */
const numbersLine = /^[\d\s,;]+\.?$/u;
const separator = /[\s,;]+/u;
const number = /^\d{1,3}$/u;

/**
 * The numbers of a plain reply to a ballot email, in order: "3, 1, 5", "3 1 5", "3,1,5" or "3; 1; 5"
 * on the first own line (quoted lines skipped). Only the reply's head is read (reply-head.ts), and
 * every pattern here is linear. Undefined when the first own line is not such a list.
 */
export function readBallotNumbers(text: string): number[] | undefined {
  const firstOwn = replyHead(text).find((line) => line.trim() !== '' && !line.trimStart().startsWith('>'));
  const line = firstOwn?.trim();
  if (!line || line.length > MAX_LINE || !numbersLine.test(line)) return undefined;
  const parts = line.replace(/\.$/u, '').split(separator).filter(Boolean);
  if (!parts.length || !parts.every((part) => number.test(part))) return undefined;
  return parts.map(Number);
}
