import type { AddressObject, ParsedMail } from 'mailparser';

/**
 * Reads a reply to a request email (README.md, Partners act by email): whose request it is (the token in
 * `reply+<token>@…`), who sent it, and the decision on its first own line. Pure.
 */

export type ParsedReply =
  | { kind: 'decision'; token: string; from: string; decision: 'approve' | 'decline'; comment?: string }
  | { kind: 'auto_reply' }
  | { kind: 'no_token' }
  | { kind: 'unclear'; token: string; from: string };

/** The parts of a `simpleParser` result this needs; for an HTML-only message `text` is derived from the HTML. */
export type ReplyMessage = Pick<ParsedMail, 'headerLines' | 'from' | 'to' | 'cc' | 'subject' | 'text'>;

export function parseReply(
  message: ReplyMessage,
  options: { envelopeTo?: string[]; domain?: string } = {},
): ParsedReply {
  if (isAutomatic(message)) return { kind: 'auto_reply' };
  const token = findToken(message, options.envelopeTo ?? [], options.domain);
  if (!token) return { kind: 'no_token' };
  const from = message.from?.value[0]?.address ?? '';
  const read = readDecision(message.text ?? '');
  return read ? { kind: 'decision', token, from, ...read } : { kind: 'unclear', token, from };
}

/** Raw values of a header, unfolded; mailparser turns some headers into objects, so read the lines. */
function header(message: ReplyMessage, name: string): string[] {
  return message.headerLines
    .filter((h) => h.key === name)
    .map((h) =>
      h.line
        .slice(h.line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    );
}

const autoSubjects = /^(automatic reply|out of office|afwezig|absence|automatisch antwoord|réponse automatique)\b/i;

/** Out-of-office answers and bounces (RFC 3834 and the de-facto headers). X-Auto-Response-Suppress alone says nothing. */
function isAutomatic(message: ReplyMessage): boolean {
  return (
    header(message, 'auto-submitted').some((v) => (v.split(';')[0] ?? '').trim().toLowerCase() !== 'no') ||
    header(message, 'x-autoreply').length > 0 ||
    header(message, 'x-autorespond').length > 0 ||
    header(message, 'precedence').some((v) => /^(bulk|auto_reply|list|junk)$/i.test(v)) ||
    header(message, 'content-type').some((v) => /^multipart\/report\b/i.test(v)) ||
    autoSubjects.test(message.subject?.trim() ?? '')
  );
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects
    .flatMap((o) => o.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .flatMap((a) => (a.address ? [a.address] : []));
}

/** The envelope is what the MTA actually delivered to; headers are the fallback (webhooks may lack an envelope). */
function findToken(message: ReplyMessage, envelopeTo: string[], domain: string | undefined): string | undefined {
  const candidates = [
    ...envelopeTo,
    ...addresses(message.to),
    ...addresses(message.cc),
    ...header(message, 'delivered-to'),
    ...header(message, 'x-original-to'),
  ];
  for (const candidate of candidates) {
    const match = /^<?reply\+([A-Za-z0-9_-]+)@([^\s>]+)>?$/i.exec(candidate.trim());
    if (match?.[1] && (!domain || match[2]?.toLowerCase() === domain.toLowerCase())) return match[1];
  }
  return undefined;
}

// ── the decision on the first own line ──────────────────────────────────────

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
const wordsPattern = (words: string[]) =>
  new RegExp(`^(?:${words.map((w) => w.replace(/ /g, '\\s+')).join('|')})(?=$|\\s|(?!\\?)[\\p{P}\\p{S}])`, 'u');
const approvePattern = wordsPattern(approveWords);
const declinePattern = wordsPattern(declineWords);
/** "No problem" is not a refusal; better ask again than record the wrong decision. */
const falseFriends = /^no\s+(problem|worries)\b/;
const separators = /^[\s,.;:!\-–—]+/u;

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

/** The decision word(s) opening a line, and where the rest of the line starts; "Ja, akkoord." is one approval. */
function decisionAt(line: string): { decision: 'approve' | 'decline'; rest: string } | undefined {
  const { text, origin } = fold(line.trim());
  if (falseFriends.test(text)) return undefined;
  const decision = declinePattern.test(text) ? 'decline' : approvePattern.test(text) ? 'approve' : undefined;
  if (!decision) return undefined;
  const pattern = decision === 'approve' ? approvePattern : declinePattern;
  let at = 0;
  for (;;) {
    const word = pattern.exec(text.slice(at))?.[0];
    if (!word) break;
    at += word.length;
    at += separators.exec(text.slice(at))?.[0].length ?? 0;
  }
  return { decision, rest: line.trim().slice(origin[at] ?? line.length) };
}

const isQuoted = (line: string) => /^\s*>/.test(line);
/** The signature delimiter and phones' "Sent from my …" end what the person wrote. */
const signature = /^-- ?$|^\s*(sent from my|verzonden (vanaf|met) mijn|envoyé de mon)\b/i;
/**
 * A closing phrase on a line of its own ("Met vriendelijke groeten," "Kind regards" "Cordialement"):
 * what follows is the person's name and signature, not part of their comment.
 */
const valediction =
  /^\s*((met\s+)?(vriendelijke|hartelijke|beste|collegiale)\s+groet(en)?|groet(en|jes)?|mvg|(with\s+)?(kind|best|warm|warmest)\s+regards|regards|best(\s+wishes)?|cheers|(bien\s+)?cordialement|bien\s+(à|a)\s+vous|(sinc[eè]res\s+|meilleures\s+)?salutations(\s+distingu[eé]es)?)\s*[,.!]?\s*$/i;
const separatorLine =
  /^\s*(-{5,}|_{5,})\s*$|^\s*-{2,}\s*(original message|oorspronkelijk bericht|origineel bericht|message d'origine|forwarded message|doorgestuurd bericht|message transféré)|^\s*begin forwarded message:/i;
/** "On … wrote:", "Op … schreef …:", Apple's "Op … heeft … het volgende geschreven:", "Le … a écrit :"; wrapped over up to 3 lines. */
const attribution = /^\s*(on|op|le|am)\s[\s\S]*(wrote|schreef[^:]*|geschreven|a\s+écrit|schrieb)\s*:\s*$/i;
const headerStart = /^\s*\*?(from|van|de|von)\s*:\*?\s*\S/i;
const headerNext = /^\s*\*?(sent|date|verzonden|datum|envoyé|gesendet|to|aan|à|subject|onderwerp|objet)\s*:/i;

/** How many lines a quote header starting at `i` spans (0: none), and whether it is an "On … wrote:" line. */
function quoteHeader(lines: string[], i: number): { span: number; attribution: boolean } {
  const line = lines[i] ?? '';
  if (signature.test(line) || valediction.test(line) || separatorLine.test(line))
    return { span: 1, attribution: false };
  if (headerStart.test(line) && lines.slice(i + 1, i + 4).some((next) => headerNext.test(next)))
    return { span: 1, attribution: false };
  for (let span = 1; span <= 3 && i + span <= lines.length; span++) {
    if (attribution.test(lines.slice(i, i + span).join(' '))) return { span, attribution: true };
  }
  return { span: 0, attribution: false };
}

/** The decision on the first non-empty, non-quoted line, and the comment that follows it up to the quoted original. */
export function readDecision(text: string): { decision: 'approve' | 'decline'; comment?: string } | undefined {
  const lines = text.split(/\r?\n/);
  let found: { decision: 'approve' | 'decline'; rest: string } | undefined;
  const comment: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const quote = quoteHeader(lines, i);
    if (quote.span) {
      // Bottom-posting: "On … wrote:" and the quote come first, the answer below it.
      const next = lines.slice(i + quote.span).find((l) => l.trim() !== '');
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
