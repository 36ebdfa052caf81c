import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { ApiError } from '../http/api-error';
import type { Config } from '../config/config';
import type { Database } from '../db/schema';
import { clearedSessionCookie, readCookie, sessionCookieName } from './cookies';
import { type Role, roles as allRoles } from './schema';
import { findApiToken, findSession, staffActor, type StaffUser } from './users';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is signed in; set by a requireStaff/requireRole hook on the route. */
    staffUser?: StaffUser;
  }
  interface FastifyInstance {
    /** An onRequest/preHandler hook admitting these roles (admin always; none given = any staff). Needs staffAuthPlugin. */
    requireRole(...roles: Role[]): StaffGuard;
  }
}

export interface AuthDeps {
  db: Kysely<Database>;
  config: Pick<Config, 'apiToken' | 'publicUrl' | 'sessionIdleTimeoutMs'>;
}

export type StaffGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** PACT_API_TOKEN has no account: it acts as an administrator, and what it does is recorded under this name. */
export const bootstrapUser: StaffUser = Object.freeze({
  id: 0,
  email: 'api-token (bootstrap)',
  name: 'api-token (bootstrap)',
  role: 'admin',
});

const notValid = (headers: Record<string, string> = {}) =>
  new ApiError(401, 'unauthenticated', 'That token or session is not valid.', undefined, headers);
// Comparing fixed-length digests keeps the comparison constant-time whatever the token's length.
const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * A hook for `onRequest` (or `preHandler`): accepts `Authorization: Bearer <PACT_API_TOKEN or API
 * token>` or the `pact_session` cookie, sets `request.staffUser`, then checks the role.
 */
export function requireStaff(deps: AuthDeps, roles: readonly Role[] = allRoles): StaffGuard {
  const { db } = deps;
  const bootstrap = deps.config.apiToken ? digest(deps.config.apiToken) : undefined;
  const allowed = new Set<Role>([...roles, 'admin']);

  const authenticate = async (request: FastifyRequest): Promise<StaffUser> => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const token = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
      if (!token) throw notValid();
      if (bootstrap && timingSafeEqual(digest(token), bootstrap)) return bootstrapUser;
      const user = await findApiToken(db, token);
      if (!user) throw notValid();
      return user;
    }
    const session = readCookie(request.headers.cookie, sessionCookieName(deps.config.publicUrl));
    if (session) {
      const user = await findSession(db, session, deps.config.sessionIdleTimeoutMs);
      if (!user) throw notValid({ 'set-cookie': clearedSessionCookie(deps.config.publicUrl) });
      assertSameOrigin(request, deps.config.publicUrl);
      return user;
    }
    throw new ApiError(
      401,
      'unauthenticated',
      'Sign in first: send `Authorization: Bearer <token>`, or sign in with POST /auth/login for a session.',
    );
  };

  return async (request) => {
    const user = await authenticate(request);
    request.staffUser = user;
    if (!allowed.has(user.role))
      throw new ApiError(403, 'forbidden', `Your role (${user.role}) cannot do this; ask an administrator.`);
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Defence in depth next to SameSite=Lax: a browser sends Origin with every POST, so a
 * cookie-authenticated change from any other origin (a sibling subdomain, say) is refused.
 */
export function assertSameOrigin(request: FastifyRequest, publicUrl: string): void {
  if (safeMethods.has(request.method)) return;
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  if (
    (origin === undefined || origin === new URL(publicUrl).origin) &&
    fetchSite !== 'cross-site' &&
    fetchSite !== 'same-site'
  )
    return;
  throw new ApiError(
    403,
    'cross_origin',
    `Staff sessions only accept changes from pages of ${new URL(publicUrl).origin} (this request came from ${origin ?? 'another site'}); check PUBLIC_URL.`,
  );
}

/** Who acted (auth/users.ts `staffActor`); the bootstrap token by its name. */
export function actorReference(user: StaffUser): string {
  return user === bootstrapUser ? user.name : staffActor(user);
}

/** The signed-in user of a guarded route. */

export function staffUserOf(request: FastifyRequest): StaffUser {
  if (!request.staffUser) throw new ApiError(401, 'unauthenticated', 'Sign in first.');
  return request.staffUser;
}

/** Decorates the app with `requireRole(...roles)`; register it once, at the top level. */
export function staffAuthPlugin(deps: AuthDeps): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (app) => {
    app.decorateRequest('staffUser', undefined);
    app.decorate('requireRole', (...roles: Role[]) => requireStaff(deps, roles.length > 0 ? roles : allRoles));
  };
  // What fastify-plugin does (not a direct dependency): the decorations reach the whole app, not just this plugin's scope.
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'staff-auth',
  });
}
