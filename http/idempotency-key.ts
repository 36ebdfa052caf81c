import { Type } from 'typebox';

/**
 * An optional `idempotencyKey` in a body that creates something (a meeting, a project): the same
 * key again creates nothing and answers 409 with the id of what the first created. The staff
 * pages' forms carry one, made when the form is shown, so a form sent twice creates once.
 */
export const idempotencyKeySchema = Type.String({ minLength: 8, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' });
