import { tokenPathPrefixes } from './token-paths';

/**
 * The tokens of personal links (every prefix of token-paths.ts: `/r/<token>`, `/m/<token>`, …) and
 * reply addresses (`reply+<token>@…`) are credentials: whoever reads them can answer for the partner.
 * Every log line of the API and the worker passes through here before it is written (api/logger.ts,
 * worker/main.ts).
 */
const linkToken = new RegExp(`(\\/(?:${Object.values(tokenPathPrefixes).join('|')})\\/)[^\\s/?#"'\\\\<>]+`, 'g');
const replyToken = /(reply\+)[^\s@"'\\<>]+(@)/gi;

export const redactedMark = '[redacted]';

export function redactSecrets(text: string): string {
  return text.replace(linkToken, `$1${redactedMark}`).replace(replyToken, `$1${redactedMark}$2`);
}
