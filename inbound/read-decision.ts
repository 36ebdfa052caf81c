import { replyHead } from './reply-head';

/**
 * The decision of a reply to a request email, on its first own line, and the comment below it up to
 * the quoted original (README.md, Partners act by email). Only the reply's head is read
 * (reply-head.ts), and every pattern here runs in linear time on any line (`regexp/no-super-linear-*`
 * in eslint.config.js; tests/faults/reply-patterns.test.ts fuzzes them). Pure.
 */

const approveWords = [
  'ja',
  'akkoord',
  'goedgekeurd',
  'ok',
  'oke',
  'okay',
  'yes',
  'approve',
  'approved',
  'oui',
  "d'accord",
  'accord',
];
const declineWords = [
  'nee',
  'niet akkoord',
  'weiger',
  'geweigerd',
  'no',
  'decline',
  'declined',
  'non',
  'refus',
  'refuse',
  'refusee',
  "pas d'accord",
];

// A word must end the line or be followed by a space or punctuation, but not by "?": "Ok?" asks, it does not decide.
// Sticky (`y`): matched where the previous word ended, without copying the rest of the line.
const wordsPattern = (words: string[]) =>
  new RegExp(`(?:${words.map((w) => w.replace(/ /g, '\\s+')).join('|')})(?=$|\\s|(?!\\?)[\\p{P}\\p{S}])`, 'uy');
const approvePattern = wordsPattern(approveWords);
const declinePattern = wordsPattern(declineWords);
/** "No problem" is not a refusal; better ask again than record the wrong decision. */
const falseFriends = /^no\s+(?:problem|worries)\b/;
const separators = /[\s,.;:!\-–—]+/uy;

const matchAt = (pattern: RegExp, text: string, at: number) => {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
};

/** Lower case without accents and with straight apostrophes, plus where each folded character came from. */
function fold(line: string): { text: string; origin: number[] } {
  let text = '';
  const origin: number[] = [];
  let at = 0;
  for (const char of line) {
    const folded = char
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[’‘`´]/g, "'")
      .toLowerCase();
    for (let k = 0; k < folded.length; k++) origin.push(at);
    text += folded;
    at += char.length;
  }
  origin.push(line.length);
  return { text, origin };
}

/** The decision words and their separators open a line: folding its start is enough. */
const OPENING_CHARS = 256;

/** The decision word(s) opening a line, and where the rest of the line starts; "Ja, akkoord." is one approval. */
function decisionAt(line: string): { decision: 'approve' | 'decline'; rest: string } | undefined {
  const trimmed = line.trim();
  const { text, origin } = fold(trimmed.slice(0, OPENING_CHARS));
  if (falseFriends.test(text)) return undefined;
  const decision = matchAt(declinePattern, text, 0)
    ? 'decline'
    : matchAt(approvePattern, text, 0)
      ? 'approve'
      : undefined;
  if (!decision) return undefined;
  const pattern = decision === 'approve' ? approvePattern : declinePattern;
  let at = 0;
  for (;;) {
    const word = matchAt(pattern, text, at);
    if (!word) break;
    at += word.length;
    at += matchAt(separators, text, at)?.length ?? 0;
  }
  return { decision, rest: trimmed.slice(origin[at] ?? trimmed.length) };
}

const isQuoted = (line: string) => line.trimStart().startsWith('>');
/** The signature delimiter and phones' "Sent from my …" end what the person wrote. */
const signature = /^-- ?$|^\s*(?:sent from my|verzonden (?:vanaf|met) mijn|envoyé de mon)\b/i;
/**
 * A closing phrase on a line of its own ("Met vriendelijke groeten," "Kind regards" "Cordialement"):
 * what follows is the person's name and signature, not part of their comment. Tested on the trimmed line.
 */
const valediction =
  /^(?:(?:met\s+)?(?:vriendelijke|hartelijke|beste|collegiale)\s+groet(?:en)?|groet(?:en|jes)?|mvg|(?:with\s+)?(?:kind|best|warm|warmest)\s+regards|regards|best(?:\s+wishes)?|cheers|(?:bien\s+)?cordialement|bien\s+[aà]\s+vous|(?:sinc[eè]res\s+|meilleures\s+)?salutations(?:\s+distingu[eé]es)?)(?:\s*[!,.])?$/i;
const separatorLine =
  /^(?:-{5,}|_{5,})$|^-{2,}\s*(?:original message|oorspronkelijk bericht|origineel bericht|message d'origine|forwarded message|doorgestuurd bericht|message transféré)|^begin forwarded message:/i;
const headerStart = /^\s*\*?(?:from|van|de|von)\s*:\*?\s*\S/i;
const headerNext = /^\s*\*?(?:sent|date|verzonden|datum|envoyé|gesendet|to|aan|à|subject|onderwerp|objet)\s*:/i;

const attributionOpening = /^(?:on|op|le|am)\s/i;
const attributionClosing = /(?:wrote|geschreven|a\s+écrit|schrieb)$/i;
/**
 * "On … wrote:", "Op … schreef …:", Apple's "Op … heeft … het volgende geschreven:", "Le … a écrit :",
 * "Am … schrieb …:" (the caller joins a header wrapped over up to 3 lines). Read with string
 * operations and end-anchored words, never a pattern spanning the whole text.
 */
function isAttribution(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.endsWith(':') || !attributionOpening.test(trimmed)) return false;
  const before = trimmed.slice(0, -1).trimEnd();
  if (attributionClosing.test(before.slice(-16))) return true;
  // Gmail's Dutch "schreef <name> <address>": no colon between "schreef" and the end.
  const schreef = before.toLowerCase().lastIndexOf('schreef');
  return schreef > 0 && !before.includes(':', schreef);
}

/** How many lines a quote header starting at `i` spans (0: none), and whether it is an "On … wrote:" line. */
function quoteHeader(lines: string[], i: number): { span: number; attribution: boolean } {
  const line = lines[i] ?? '';
  const trimmed = line.trim();
  if (signature.test(line) || valediction.test(trimmed) || separatorLine.test(trimmed))
    return { span: 1, attribution: false };
  if (headerStart.test(line) && lines.slice(i + 1, i + 4).some((next) => headerNext.test(next)))
    return { span: 1, attribution: false };
  for (let span = 1; span <= 3 && i + span <= lines.length; span++) {
    if (isAttribution(lines.slice(i, i + span).join(' '))) return { span, attribution: true };
  }
  return { span: 0, attribution: false };
}

function firstNonEmpty(lines: string[], from: number): string | undefined {
  for (let k = from; k < lines.length; k++) if (lines[k]?.trim()) return lines[k];
  return undefined;
}

/** The decision on the first non-empty, non-quoted line, and the comment that follows it up to the quoted original. */
export function readDecision(text: string): { decision: 'approve' | 'decline'; comment?: string } | undefined {
  const lines = replyHead(text);
  let found: { decision: 'approve' | 'decline'; rest: string } | undefined;
  const comment: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const quote = quoteHeader(lines, i);
    if (quote.span) {
      // Bottom-posting: "On … wrote:" and the quote come first, the answer below it.
      const next = firstNonEmpty(lines, i + quote.span);
      if (!found && quote.attribution && next !== undefined && isQuoted(next)) {
        i += quote.span - 1;
        continue;
      }
      break;
    }
    if (isQuoted(line)) continue;
    if (!found) {
      if (line.trim() === '') continue;
      found = decisionAt(line);
      if (!found) return undefined;
      comment.push(found.rest);
    } else comment.push(line.trimEnd());
  }
  if (!found) return undefined;
  const joined = comment
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return joined ? { decision: found.decision, comment: joined } : { decision: found.decision };
}
