import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Tokens in partner links (/r/:token).
 *
 * A token is HMAC-SHA256(secret, requestId:generation): 256 bits no one can guess without the
 * secret, yet the worker can recompute it for every reminder without storing it anywhere. The
 * database holds only SHA-256(token); re-sending a request bumps the generation, which revokes
 * the old link. Single use is enforced by the request's status.
 */
export function requestToken(secret: string, requestId: string, generation: number): string {
  return createHmac('sha256', secret).update(`${requestId}:${generation}`).digest('base64url');
}

/**
 * The token in a request email's reply address (reply+<token>@INBOUND_DOMAIN): derived like the
 * link's but apart from it, so an address seen by a mail server, a forward or a mailing list
 * opens no page. It can only give the answers a reply can give (inbound/handle-reply.ts).
 */
export function replyToken(secret: string, requestId: string, generation: number): string {
  return createHmac('sha256', secret).update(`reply:${requestId}:${generation}`).digest('base64url');
}

/** The address replies go to; `readReplyAddress` reads the token back out of it. */
export const replyAddress = (token: string, domain: string) => `reply+${token}@${domain}`;

/**
 * The token and domain of a reply address as `replyAddress` writes it (a 43-character token), angle
 * brackets allowed around it; undefined for any other address.
 */
export function readReplyAddress(address: string): { token: string; domain: string } | undefined {
  const match = /^<?reply\+([\w-]{43})@([^\s@<>]+)>?$/i.exec(address.trim());
  return match?.[1] && match[2] ? { token: match[1], domain: match[2] } : undefined;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time check that a presented token matches a stored hash. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** Tokens are base64url of 32 bytes: anything else is rejected before touching the database. */
export const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
