import replyFrom from '@fastify/reply-from';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { sessionCookieName } from '../../auth/cookies';
import { requireStaff } from '../../auth/plugin';
import { temporalUiPath } from '../../config/temporal-ui';
import { ApiError } from '../../http/api-error';
import type { AppDeps } from '../../features/deps';

/**
 * The Temporal UI for administrators, on the app's own origin (config/temporal-ui.ts): every
 * request under /temporal/ goes on to the UI server (TEMPORAL_UI_UPSTREAM) once it carries an
 * administrator's session or token. A visitor who is not signed in is sent to sign in (and back
 * to the page asked for); other staff get 403. The UI has no login of its own, so this is its only door; on the same origin
 * as the codec endpoint, it decodes histories with the session cookie and no codec setting.
 */
export async function temporalUiRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const upstream = deps.config.temporal.uiUpstream;
  if (!upstream) return;
  await app.register(replyFrom, { base: upstream });
  const adminsOnly = requireStaff(deps, ['admin']);
  const sessionCookie = sessionCookieName(deps.config.publicUrl);

  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      await adminsOnly(request, reply);
    } catch (error) {
      if (!(error instanceof ApiError) || error.statusCode !== 401) throw error;
      const next = request.method === 'GET' ? request.url : `${temporalUiPath}/`;
      return reply.headers(error.headers).redirect(`/staff/login?next=${encodeURIComponent(next)}`, 303);
    }
  };

  app.get(temporalUiPath, { onRequest: guard }, (_request, reply) => reply.redirect(`${temporalUiPath}/`, 303));
  // Read-only, the UI only reads (GET) and queries workflows (POST).
  app.route({
    method: ['GET', 'POST'],
    url: `${temporalUiPath}/*`,
    onRequest: guard,
    helmet: { contentSecurityPolicy: uiContentSecurityPolicy },
    handler: (request, reply) => {
      if (!wellFormed(request.url))
        throw new ApiError(
          400,
          'malformed_address',
          'The address has a broken %-escape; open the Temporal UI from its start page.',
        );
      return reply.from(request.url, {
        rewriteRequestHeaders: (_original, headers) => withoutStaffCredentials(headers, sessionCookie),
        // The UI server restarting or away is a 503 to retry, like the engine itself.
        onError: (failed) =>
          failed.send(
            new ApiError(
              503,
              'temporal_ui_unavailable',
              'The Temporal UI cannot be reached right now; try again in a minute.',
              undefined,
              {
                'retry-after': '30',
              },
            ),
          ),
      });
    },
  });
}

/**
 * The UI's scripts and styles are its own, partly inline (its page lost its own policy when given a
 * public path); it may talk to this origin only: the UI server's API and the codec endpoint.
 */
const uiContentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "'unsafe-inline'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
};

/** An address the UI server can be asked for: every %-escape complete and UTF-8 (undici refuses others). */
function wellFormed(url: string): boolean {
  try {
    decodeURI(url);
    return true;
  } catch {
    return false;
  }
}

/** The UI server is never handed a staff credential: neither the session cookie nor a bearer token. */
function withoutStaffCredentials(headers: IncomingHttpHeaders, sessionCookie: string): IncomingHttpHeaders {
  const forwarded = { ...headers };
  delete forwarded.authorization;
  const cookies = (headers.cookie ?? '')
    .split(';')
    .filter((part) => part.trim() && part.split('=')[0]!.trim() !== sessionCookie)
    .join(';')
    .trim();
  if (cookies) forwarded.cookie = cookies;
  else delete forwarded.cookie;
  return forwarded;
}
