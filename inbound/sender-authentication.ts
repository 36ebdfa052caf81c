import type { ParsedMail } from 'mailparser';

/**
 * Whether the receiving mail server vouched for the sender (INBOUND_REQUIRE_AUTH=1): its
 * Authentication-Results header (RFC 8601) says `dmarc=pass`, or `dkim=pass` for the From
 * address's domain (or a parent of it). Only the topmost header counts: the receiving server
 * adds its own above whatever the sender wrote, so a forged one further down is ignored.
 */
export function isAuthenticatedSender(message: Pick<ParsedMail, 'headerLines'>, from: string): boolean {
  const line = message.headerLines.find((h) => h.key === 'authentication-results')?.line;
  if (!line) return false;
  const results = line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/\([^)]*\)/g, ' ') // RFC 8601 comments
    .split(';')
    .slice(1) // the first part names the server that checked
    .map((part) => part.trim().toLowerCase());
  const fromDomain = from.slice(from.lastIndexOf('@') + 1).toLowerCase();
  return results.some((result) => {
    if (/^dmarc\s*=\s*pass\b/.test(result)) return true;
    if (!/^dkim\s*=\s*pass\b/.test(result)) return false;
    const signer = /\bheader\.d\s*=\s*"?([^\s";]+)/.exec(result)?.[1];
    return signer !== undefined && (fromDomain === signer || fromDomain.endsWith(`.${signer}`));
  });
}
