import { createHmac, randomBytes } from 'node:crypto';

/**
 * The token of a partner's consent link (`/c/<token>`, docs/privacy.md, Consent to be listed): HMAC of a
 * random nonce made once per partner, so the activity that mails the link can be retried and mails the
 * same link, while no one can compute a token without the secret. The database keeps the nonce and
 * the token's SHA-256 (hashToken, request-tokens.ts). Like a meeting's link (/m/) it is not single-use:
 * it changes a setting, and the partner may change it again at any time.
 */
export const newConsentNonce = (): string => randomBytes(32).toString('base64url');

export function consentLinkToken(secret: string, partnerId: string, nonce: string): string {
  return createHmac('sha256', secret).update(`consent:${partnerId}:${nonce}`).digest('base64url');
}

/** A partner's invitation code (`/pact/join?ref=<code>`): random, url-safe, not secret (passed on freely). */
export const newReferralCode = (): string => randomBytes(9).toString('base64url');
