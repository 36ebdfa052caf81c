import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { dummyHash, hashPassword, minPasswordLength, needsRehash, verifyPassword } from './passwords';
import type { Db } from '../db/connection';
import { activeStaffAccount, isActiveStaff } from '../db/staff-accounts';
import { isRole, type Role, roles } from './schema';
import { isOneLine, oneLineMessage } from '../http/one-line-text';

/** Who is signed in (the bootstrap PACT_API_TOKEN has no account: id 0). */
export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

/**
 * Who acted, as workflows and audit rows record it: the account's id, not its address (staff
 * addresses are personal data and stay out of Temporal, docs/privacy.md).
 */
export const staffActor = (user: Pick<StaffUser, 'id'>): string => `staff user ${user.id}`;

/** A refusal with a sentence for the person (CLI or API); `code` is stable for callers. */
export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    readonly code:
      'invalid_input' | 'weak_password' | 'duplicate_email' | 'user_not_found' | 'token_not_found' | 'ambiguous_token',
    message: string,
  ) {
    super(message);
  }
}

/** 32 random bytes: the session cookie or API token handed out once. */
export const newSecret = (): string => randomBytes(32).toString('base64url');
/** What is stored instead of the secret. */
export const secretId = (secret: string): string => createHash('sha256').update(secret).digest('hex');
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
/** A staff user's name: what the API's schema (api/users/routes.ts) and the CLI both hold it to. */
export const staffNameMaxLength = 200;

const userColumns = ['staff_users.id', 'staff_users.email', 'staff_users.name', 'staff_users.role'] as const;
// Touch timestamps at most once a minute, so reading with a credential is not a write per request.
const stale = (column: 'last_used_at' | 'last_seen_at') =>
  sql<boolean>`(${sql.ref(column)} is null or ${sql.ref(column)} < now() - interval '1 minute')`;

export async function createUser(
  db: Db,
  input: { email: string; name: string; role: string; password: string },
): Promise<StaffUser> {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(email))
    throw new AuthError('invalid_input', `"${input.email}" is not an email address.`);
  if (!name) throw new AuthError('invalid_input', 'A name is required.');
  // Names are one line in every channel (http/one-line-text.ts says why); the API's schema holds the
  // name to it before this, `npm run pact -- user add --name` only here.
  if (name.length > staffNameMaxLength)
    throw new AuthError('invalid_input', `The name must be at most ${staffNameMaxLength} characters.`);
  if (!isOneLine(name)) throw new AuthError('invalid_input', `The name ${oneLineMessage}.`);
  if (!isRole(input.role))
    throw new AuthError('invalid_input', `Unknown role "${input.role}": use one of ${roles.join(', ')}.`);
  checkPassword(input.password);
  const password_hash = await hashPassword(input.password);
  try {
    return await db
      .insertInto('staff_users')
      .values({ email, name, role: input.role, password_hash })
      .returning(['id', 'email', 'name', 'role'])
      .executeTakeFirstOrThrow();
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new AuthError('duplicate_email', `A staff user with email ${email} already exists.`);
    throw error;
  }
}

export function findByEmail(db: Db, email: string) {
  return db.selectFrom('staff_users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export function listUsers(db: Db) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'email', 'name', 'role', 'created_at', 'disabled_at'])
    .orderBy('id')
    .execute();
}

/**
 * The user whose password matches; undefined otherwise, after the same scrypt work whether or not
 * the email exists. A hash made at an older cost is replaced now, while the password is at hand.
 */
export async function verifyLogin(db: Db, email: string, password: string): Promise<StaffUser | undefined> {
  const row = await findByEmail(db, email);
  const matches = await verifyPassword(password, row?.password_hash ?? dummyHash);
  if (!row || !matches || !isActiveStaff(row)) return undefined;
  if (needsRehash(row.password_hash))
    await db
      .updateTable('staff_users')
      .set({ password_hash: await hashPassword(password) })
      .where('id', '=', row.id)
      .where('password_hash', '=', row.password_hash)
      .execute();
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

const checkPassword = (password: string) => {
  if ([...password].length < minPasswordLength)
    throw new AuthError('weak_password', `The password must be at least ${minPasswordLength} characters.`);
};

/** A new password for an account; every session of the account ends (whoever knew the old one is signed out). */
export async function setPassword(db: Db, email: string, password: string): Promise<void> {
  checkPassword(password);
  const password_hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable('staff_users')
      .set({ password_hash })
      .where('email', '=', normaliseEmail(email))
      .returning('id')
      .executeTakeFirst();
    if (!user) throw new AuthError('user_not_found', `There is no staff user with email ${normaliseEmail(email)}.`);
    await trx.deleteFrom('staff_sessions').where('user_id', '=', user.id).execute();
  });
}

/** Disabling ends every session and revokes every token of the user at once. */
export async function disableUser(db: Db, email: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable('staff_users')
      .set({ disabled_at: sql`coalesce(disabled_at, now())` })
      .where('email', '=', normaliseEmail(email))
      .returning('id')
      .executeTakeFirst();
    if (!user) throw new AuthError('user_not_found', `There is no staff user with email ${normaliseEmail(email)}.`);
    await trx.deleteFrom('staff_sessions').where('user_id', '=', user.id).execute();
    await trx
      .updateTable('api_tokens')
      .set({ revoked_at: sql`now()` })
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .execute();
  });
}

/** Returns the plaintext token once; only its hash (`id`) is kept. */
export async function createApiToken(db: Db, userId: number, label: string): Promise<{ id: string; token: string }> {
  if (!label.trim() || label.length > 200)
    throw new AuthError('invalid_input', 'A label of 1 to 200 characters is required (what the token is for).');
  const token = newSecret();
  const id = secretId(token);
  await db.insertInto('api_tokens').values({ id, user_id: userId, label: label.trim() }).execute();
  return { id, token };
}

export function listApiTokens(db: Db) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('staff_users', 'staff_users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.label',
      'staff_users.email',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
    ])
    .orderBy('api_tokens.created_at')
    .execute();
}

/** Revokes the one token whose id starts with `idPrefix` (at least 8 hex characters); returns its full id. */
export async function revokeApiToken(db: Db, idPrefix: string): Promise<string> {
  const prefix = idPrefix.trim().toLowerCase();
  if (!/^[0-9a-f]{8,64}$/.test(prefix))
    throw new AuthError(
      'invalid_input',
      'Give at least the first 8 hex characters of the token id (see `token list`).',
    );
  const found = await db.selectFrom('api_tokens').select('id').where('id', 'like', `${prefix}%`).limit(2).execute();
  if (found.length === 0) throw new AuthError('token_not_found', `No token id starts with ${prefix}.`);
  if (found.length > 1)
    throw new AuthError('ambiguous_token', `More than one token id starts with ${prefix}; give more characters.`);
  const id = found[0]!.id;
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('id', '=', id)
    .execute();
  return id;
}

/** The active user behind an API token, or undefined (unknown, revoked, or user disabled). */
export async function findApiToken(db: Db, token: string): Promise<StaffUser | undefined> {
  const id = secretId(token);
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('staff_users', 'staff_users.id', 'api_tokens.user_id')
    .select([...userColumns, stale('last_used_at').as('stale')])
    .where('api_tokens.id', '=', id)
    .where('api_tokens.revoked_at', 'is', null)
    .where(activeStaffAccount)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.stale)
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: sql`now()` })
      .where('id', '=', id)
      .where(stale('last_used_at'))
      .execute();
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/** Returns the plaintext session token for the cookie; also sweeps expired sessions. */
export async function createSession(db: Db, userId: number, ttlMs: number): Promise<string> {
  const token = newSecret();
  await db
    .deleteFrom('staff_sessions')
    .where('expires_at', '<', sql<Date>`now()`)
    .execute();
  await db
    .insertInto('staff_sessions')
    .values({
      id: secretId(token),
      user_id: userId,
      expires_at: sql<Date>`now() + ${`${Math.ceil(ttlMs)} milliseconds`}::interval`,
    })
    .execute();
  return token;
}

/** The active user of an unexpired session that was used within `idleMs`, or undefined. */
export async function findSession(db: Db, token: string, idleMs: number): Promise<StaffUser | undefined> {
  const id = secretId(token);
  const row = await db
    .selectFrom('staff_sessions')
    .innerJoin('staff_users', 'staff_users.id', 'staff_sessions.user_id')
    .select([...userColumns, stale('last_seen_at').as('stale')])
    .where('staff_sessions.id', '=', id)
    .where('staff_sessions.expires_at', '>', sql<Date>`now()`)
    // last_seen_at moves at most once a minute (see `stale`), so the idle limit is exact to a minute.
    .where('staff_sessions.last_seen_at', '>', sql<Date>`now() - ${`${Math.ceil(idleMs)} milliseconds`}::interval`)
    .where(activeStaffAccount)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.stale)
    await db
      .updateTable('staff_sessions')
      .set({ last_seen_at: sql`now()` })
      .where('id', '=', id)
      .where(stale('last_seen_at'))
      .execute();
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id', '=', secretId(token)).execute();
}
