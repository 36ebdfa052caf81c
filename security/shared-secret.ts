import { createHash, timingSafeEqual } from 'node:crypto';

// Fixed-length digests keep the comparison constant-time whatever the presented length.
const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether a presented header value is the shared secret, compared in constant time. */
export function isSharedSecret(presented: unknown, secret: string): boolean {
  return typeof presented === 'string' && timingSafeEqual(digest(presented), digest(secret));
}
