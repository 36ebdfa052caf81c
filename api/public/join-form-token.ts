import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a served join form may be sent back. */
const formLifetimeMs = 6 * 3_600_000;

const sign = (secret: string, issuedAt: string) =>
  createHmac('sha256', secret).update(`join-form:${issuedAt}`).digest('base64url');

/**
 * The join form's CSRF field, the public form's equivalent of the link pages' token: when the
 * form was served, signed with the app's secret. Another site cannot make one, it needs no
 * server-side state, and it runs out, so a form is sent back from a page this app served lately.
 */
export function joinFormToken(secret: string, now = Date.now()): string {
  const issuedAt = String(now);
  return `${issuedAt}.${sign(secret, issuedAt)}`;
}

export function joinFormTokenValid(secret: string, presented: unknown, now = Date.now()): boolean {
  if (typeof presented !== 'string') return false;
  const [issuedAt = '', signature = ''] = presented.split('.');
  const age = now - Number(issuedAt);
  if (!/^\d{1,15}$/.test(issuedAt) || !(age >= 0 && age < formLifetimeMs)) return false;
  const expected = Buffer.from(sign(secret, issuedAt));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
