import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The form's CSRF token, bound to the link it was served for: a page of another site cannot
 * produce it, and it needs no server-side state.
 */
export function csrfToken(secret: string, linkToken: string): string {
  return createHmac('sha256', secret).update(`csrf:${linkToken}`).digest('base64url');
}

export function csrfValid(secret: string, linkToken: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfToken(secret, linkToken));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
