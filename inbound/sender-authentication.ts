import type { Config } from '../config/config';
import type { MessageHeaders } from './read-message';
import { headerValues } from './parse-reply';

/**
 * Whether the receiving mail server the deployment names (INBOUND_AUTHSERV_ID) vouched for the
 * sender (INBOUND_REQUIRE_AUTH=1): its Authentication-Results header (RFC 8601) says `dmarc=pass`, or
 * `dkim=pass` for the From address's domain (or a parent of it). Headers that name another server
 * are ignored, whatever they say: anyone can write one. Of the named server's headers only the
 * topmost counts: that server adds its own above whatever arrived with the message (and should
 * remove any that claim its name, README.md "Replies by email").
 */
export function isAuthenticatedSender(
  message: Pick<MessageHeaders, 'headerLines'>,
  from: string,
  authservId: string,
): boolean {
  const ours = headerValues(message, 'authentication-results')
    .map((value) => withoutComments(value).split(';'))
    .find(([server]) => authservIdOf(server ?? '') === authservId.toLowerCase());
  if (!ours) return false;
  const fromDomain = from.slice(from.lastIndexOf('@') + 1).toLowerCase();
  return ours
    .slice(1)
    .map((part) => part.trim().toLowerCase())
    .some((result) => {
      if (/^dmarc\s*=\s*pass\b/.test(result)) return true;
      if (!/^dkim\s*=\s*pass\b/.test(result)) return false;
      const signer = /\bheader\.d\s*=\s*"?([^\s";]+)/.exec(result)?.[1];
      return signer !== undefined && (fromDomain === signer || fromDomain.endsWith(`.${signer}`));
    });
}

/** RFC 8601 §2.2: `authserv-id [version]`. */
function authservIdOf(server: string): string {
  const trimmed = server.trim();
  const space = trimmed.search(/\s/);
  return (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
}

/** The value without its RFC 5322 comments, which may nest: "(a (b) c)". One pass, linear on any input. */
function withoutComments(value: string): string {
  let depth = 0;
  let kept = '';
  let from = 0;
  for (let at = 0; at < value.length; at++) {
    const char = value[at];
    if (char === '(') {
      if (depth === 0) kept += value.slice(from, at);
      depth++;
    } else if (char === ')' && depth > 0 && --depth === 0) from = at + 1;
  }
  return depth === 0 ? kept + value.slice(from) : kept;
}

/** INBOUND_REQUIRE_AUTH=1, and the named server did not vouch for the sender. */
export function lacksRequiredAuthentication(
  inbound: Pick<Config['inbound'], 'requireAuth' | 'authservId'>,
  message: Pick<MessageHeaders, 'headerLines'>,
  from: string,
): boolean {
  return inbound.requireAuth && !(inbound.authservId && isAuthenticatedSender(message, from, inbound.authservId));
}
