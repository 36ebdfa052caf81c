import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { ApiError } from '../http/api-error';
import { validationProblems } from '../http/validation';
import { clientKey } from '../http/client-key';
import { clearedSessionCookie, readCookie, sessionCookie, sessionCookieName } from './cookies';
import { assertSameOrigin, type AuthDeps, requireStaff, staffUserOf } from './plugin';
import { postgresAttemptLimiter } from './rate-limit';
import { createSession, deleteSession, normaliseEmail, verifyLogin } from './users';

export interface AuthRoutesDeps extends AuthDeps {
  /** How long a session lasts from sign-in; 12 hours when unset (one working day). */
  sessionTtlMs?: number;
  /**
   * Failed sign-ins allowed per account from one client address in a window (10 per 15 minutes
   * when unset); one address may fail ten times as often over all accounts.
   */
  loginLimit?: { maxFailures: number; windowMs: number };
}

const formType = 'application/x-www-form-urlencoded';

/** POST /auth/login, as JSON or as the sign-in page's form (`next`: where the page goes on to). */
const loginSchema = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 320, pattern: '\\S' }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    next: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
type LoginBody = Static<typeof loginSchema>;

/** Staff sessions: `POST /auth/login`, `POST /auth/logout`, `GET /auth/me`. Register with `app.register(authRoutes, deps)`. */
export async function authRoutes(fastify: FastifyInstance, deps: AuthRoutesDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const ttlMs = deps.sessionTtlMs ?? 12 * 60 * 60_000;
  // Keyed by account *and* address: someone guessing at one account from one address cannot lock
  // its owner (or, behind a proxy without TRUST_PROXY, every colleague) out from elsewhere.
  // Kept in Postgres, so every API process counts into the same windows.
  const maxFailures = deps.loginLimit?.maxFailures ?? 10;
  const windowMs = deps.loginLimit?.windowMs ?? 15 * 60_000;
  const perAccountAndAddress = postgresAttemptLimiter(db, {
    scope: 'sign-in per account and address',
    maxFailures,
    windowMs,
  });
  const perAddress = postgresAttemptLimiter(db, {
    scope: 'sign-in per address',
    maxFailures: maxFailures * 10,
    windowMs,
  });

  // A sign-in page posts a plain form. The parser stays inside this plugin's scope, so the JSON API
  // elsewhere still refuses form bodies (which a cross-site form could send).
  if (!app.hasContentTypeParser(formType)) {
    app.addContentTypeParser(formType, { parseAs: 'string', bodyLimit: 16_384 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
  }

  // The schema's refusal is read in the handler (attachValidation), after the origin check, so a page's form still goes back to its page.
  app.post('/auth/login', { schema: { body: loginSchema }, attachValidation: true }, async (request, reply) => {
    try {
      assertSameOrigin(request, deps.config.publicUrl); // no signing a victim in to an attacker's account
      if (request.validationError) {
        const problems = validationProblems(request.validationError);
        const named = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
        throw new ApiError(
          400,
          'invalid_request',
          `Send your email and password: {"email": "...", "password": "..."} (${named}).`,
          problems,
        );
      }
      return await signIn(request, reply, request.body);
    } catch (error) {
      // A page's form goes back to its sign-in page with the reason; scripts get the JSON error.
      const next = isForm(request) ? localPath(fields(request).next) : undefined;
      if (!next || !(error instanceof ApiError) || error.statusCode >= 500) throw error;
      return reply.redirect(
        `/staff/login?${new URLSearchParams({ next, refused: error.code, retryAfter: error.headers['retry-after'] ?? '' })}`,
        303,
      );
    }
  });

  async function signIn(request: FastifyRequest, reply: FastifyReply, body: LoginBody) {
    const { email, password } = body;
    // An IPv6 client counts by its /64, which one host usually holds whole.
    const client = clientKey(request.ip);
    const pair = `${client} ${normaliseEmail(email)}`;
    const waitSeconds = (await perAddress.attempt(client)) || (await perAccountAndAddress.attempt(pair));
    if (waitSeconds > 0) {
      throw new ApiError(
        429,
        'too_many_attempts',
        `Too many failed sign-ins; try again in ${Math.ceil(waitSeconds / 60)} minute(s).`,
        undefined,
        {
          'retry-after': String(waitSeconds),
        },
      );
    }
    const user = await verifyLogin(db, email, password);
    if (!user)
      throw new ApiError(401, 'invalid_credentials', 'That email and password do not match an active staff account.');
    await Promise.all([perAddress.succeeded(client), perAccountAndAddress.succeeded(pair)]);
    // A fresh session id at every sign-in; the one the browser held before is ended.
    const previous = readCookie(request.headers.cookie, sessionCookieName(deps.config.publicUrl));
    if (previous) await deleteSession(db, previous);
    const token = await createSession(db, user.id, ttlMs);
    reply.header('set-cookie', sessionCookie(token, { maxAgeMs: ttlMs, publicUrl: deps.config.publicUrl }));
    return answer(request, reply, body, { user });
  }

  app.post('/auth/logout', async (request, reply) => {
    assertSameOrigin(request, deps.config.publicUrl);
    const token = readCookie(request.headers.cookie, sessionCookieName(deps.config.publicUrl));
    if (token) await deleteSession(db, token);
    reply.header('set-cookie', clearedSessionCookie(deps.config.publicUrl));
    return answer(request, reply, fields(request), { signedOut: true });
  });

  app.get('/auth/me', { onRequest: requireStaff(deps) }, async (request) => ({ user: staffUserOf(request) }));
}

const fields = (request: FastifyRequest): Record<string, unknown> =>
  request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};

/** A form post from a page goes on to its `next` path (303); anything else gets JSON. */
const isForm = (request: FastifyRequest) => request.headers['content-type']?.startsWith(formType) ?? false;

function answer(request: FastifyRequest, reply: FastifyReply, body: Record<string, unknown>, json: object) {
  const next = isForm(request) ? localPath(body.next) : undefined;
  return next ? reply.redirect(next, 303) : reply.send(json);
}

/**
 * Only a path on this site: it starts with one '/', and has no '\' or whitespace/control
 * characters, which browsers drop or read as '/' ("/\evil.example", "/\t/evil.example").
 */
export function localPath(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.length > 2000 || !next.startsWith('/') || next.startsWith('//'))
    return undefined;
  for (const char of next) {
    const code = char.codePointAt(0)!;
    if (char === '\\' || code <= 0x20 || code === 0x7f || /\s/u.test(char)) return undefined;
  }
  return next;
}
