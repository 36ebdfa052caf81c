import { createHash, randomBytes } from 'node:crypto';

/**
 * The token of a join's confirmation link (`/j/<token>`): random, mailed once to the coordinator
 * the form named, kept only as its SHA-256, and cleared when used, so it confirms once.
 */
export const newJoinToken = (): string => randomBytes(32).toString('base64url');

export const joinTokenHash = (token: string): string => createHash('sha256').update(`join:${token}`).digest('hex');
