import fc from 'fast-check';
import { calendarTexts, parseCalendarReply } from '../../inbound/parse-calendar-reply';
import { parseReply } from '../../inbound/parse-reply';
import { readDecision } from '../../inbound/read-decision';
import type { MessageHeaders } from '../../inbound/read-message';
import { readRsvp } from '../../inbound/parse-rsvp';
import { readBallotNumbers } from '../../inbound/parse-ballot-reply';
import { isAuthenticatedSender } from '../../inbound/sender-authentication';
import { faultSeed } from './fault-kit';

/**
 * Every pattern that reads an inbound email (the reply's headers, its decision, RSVP or ballot numbers, the sender's
 * Authentication-Results, a calendar reply) against generated shapes built from the pieces those
 * patterns look for, repeated many times: the shape of issue 22's `On ` + many `schreef `, and every
 * other one a quantifier could backtrack over. Each parse must stay under a time bound that a
 * linear reading meets many times over and a polynomial one misses (the old `attribution` pattern
 * took 1 s on 64 KiB). Repeat a run with FAULT_SEED.
 */
const runs = Number(process.env.REPLY_PATTERN_SHAPES ?? 1000);
const boundMs = 500;
const maxChars = 128 * 1024;

/** What the patterns of inbound/ match on, and what sits between their parts. */
const pieces = [
  ...['On ', 'Op ', 'Le ', 'Am ', 'on', 'op', 'le', 'am'],
  ...['schreef ', 'schreef', 'wrote', 'geschreven', 'a écrit', 'a', 'écrit', 'schrieb', 'heeft', 'het volgende'],
  ...[' ', '  ', '\t', '\u00a0', '\n', '\r\n', '\n\n', '\r', ''],
  ...[':', ';', ',', '.', '!', '?', '-', '–', '—', '_', '*', '>', '"', "'", '’', '(', ')', '<', '@', '=', '+', '/'],
  ...['-- ', '--', '-----', '_____', '-----Original Message-----', 'Begin forwarded message:'],
  ...[
    'From:',
    'Van: ',
    'De :',
    'Sent:',
    'Verzonden:',
    'Aan:',
    'Subject:',
    '*From:*',
    'sent from my',
    'Verzonden vanaf mijn',
  ],
  ...['Met vriendelijke groeten', 'groeten', 'kind regards', 'best', 'wishes', 'cordialement', 'bien à vous'],
  ...['ja', 'Ja', 'nee', 'niet', 'akkoord', 'niet akkoord', "pas d'accord", 'd’accord', 'no', 'problem', 'ok'],
  ...['misschien', 'maybe', 'peut-être', 'peut', 'etre', 'yes', 'oui', 'non', 'refusé', 'x', '1', 'é', 'e\u0301'],
  ...['3, 1, 5', '3 1 5', '3,1,5', '12', '3;', ' 5.'],
  ...['reply+', 'reply.pact.test', 'auto-replied', 'bulk', 'automatic reply', 'multipart/report'],
  ...['dkim=pass', 'dmarc=pass', 'dkim', 'pass', 'header.d=', 'mx.pact.test', 'example.org', '.'],
  ...['BEGIN:VEVENT', 'END:VEVENT', 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:', 'SEQUENCE:', 'DTSTAMP:', '\r\n '],
];
const piece = fc.constantFrom(...pieces);
/** How the anchored patterns' lines open: a shape may start with one, its repeated unit then runs on. */
const openings = [
  'On ',
  'Op ',
  'Le ',
  'Am ',
  'From: ',
  '*Van:* ',
  '-- ',
  '> ',
  'Met ',
  'Kind ',
  'Ja ',
  'Misschien ',
  '3, ',
];

/** A short unit repeated thousands of times between a prefix and a suffix, or a long random mix. */
const shape = fc.oneof(
  fc
    .record({
      prefix: fc.oneof(
        fc.constantFrom(...openings).map((opening) => [opening]),
        fc.array(piece, { maxLength: 4 }),
      ),
      unit: fc.array(piece, { minLength: 1, maxLength: 4 }),
      times: fc.integer({ min: 500, max: 40_000 }),
      suffix: fc.array(piece, { maxLength: 4 }),
    })
    .map(({ prefix, unit, times, suffix }) => prefix.join('') + unit.join('').repeat(times) + suffix.join('')),
  fc.array(piece, { minLength: 100, maxLength: 20_000 }).map((parts) => parts.join('')),
);

const headers = (text: string): MessageHeaders => ({
  headerLines: ['auto-submitted', 'precedence', 'content-type', 'delivered-to', 'authentication-results'].map(
    (key) => ({ key, line: `${key}: ${text}` }),
  ),
  subject: text,
  from: undefined,
  to: undefined,
  cc: undefined,
  messageId: undefined,
});

/** Every reading of inbound/ that sees text a sender wrote. */
const readings: Array<[string, (text: string) => unknown]> = [
  ['readDecision', readDecision],
  ['readRsvp', readRsvp],
  ['readBallotNumbers', readBallotNumbers],
  ['parseReply', (text) => parseReply(headers(text), { envelopeTo: [text], domain: 'reply.pact.test' })],
  ['isAuthenticatedSender', (text) => isAuthenticatedSender(headers(`mx.pact.test; ${text}`), text, 'mx.pact.test')],
  [
    'parseCalendarReply',
    (text) =>
      calendarTexts([
        {
          contentType: 'text/calendar',
          filename: 'invite.ics',
          content: Buffer.from(
            `BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n${text}\r\nEND:VEVENT\r\nEND:VCALENDAR`,
          ),
        },
      ]).map(parseCalendarReply),
  ],
];

function timed(read: (text: string) => unknown, text: string): number {
  const started = performance.now();
  read(text);
  return performance.now() - started;
}

test(`every reply pattern reads ${runs} generated shapes, each under ${boundMs} ms`, () => {
  const seed = faultSeed();
  const slowest = new Map<string, number>(readings.map(([name]) => [name, 0]));
  let characters = 0;
  const result = fc.check(
    fc.property(shape, (generated) => {
      const text = generated.slice(0, maxChars);
      characters += text.length;
      for (const [name, read] of readings) {
        // A pause of the machine (another process, the collector) passes; a slow pattern is slow twice.
        const first = timed(read, text);
        const took = first > boundMs ? Math.min(first, timed(read, text)) : first;
        slowest.set(name, Math.max(slowest.get(name) ?? 0, took));
        if (took > boundMs)
          throw new Error(
            `${name} took ${Math.round(took)} ms on ${JSON.stringify(text.slice(0, 120))}… (${text.length} chars)`,
          );
      }
    }),
    { seed, numRuns: runs, endOnFailure: true },
  );
  const timings = [...slowest].map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ');
  console.log(
    `reply patterns: seed ${seed} (FAULT_SEED=${seed} repeats this run); ${result.numRuns} shapes, ` +
      `${Math.round(characters / 1024)} KiB; slowest parse in ms: ${timings}`,
  );
  if (result.failed) throw new Error(`${String(result.errorInstance)}\n${fc.defaultReportMessage(result)}`);
  expect(result.numRuns).toBe(runs);
});
