import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { languages, type Language } from '../../domain/vocabulary';
import { ApiError } from '../../http/api-error';
import type { AppDeps } from '../../features/deps';
import { tokenPath, type TokenLinkKind } from '../../security/token-paths';
import { askedLanguage, chooseLanguage } from '../html/language-picker';
import { singleQueryValues } from '../html/single-query-values';
import { isJsonMediaType } from '../media-type';
import { pageRateLimit } from '../rate-limit';
import { csrfToken, csrfValid } from './csrf';
import { renderMessagePage } from './request-page';

/**
 * The plumbing every personal link page shares (`/r/`, `/m/`, `/b/`, `/c/`): the hooks (form bodies,
 * a rate limit, one value per query parameter, no referrer and no caching, since the token is in the
 * URL), reading whether the caller wants JSON, the page's language, the 404 of an unknown link (the
 * same for every link, so it says nothing about other links), and the form's CSRF field. Each page
 * keeps what is its own: what it shows and what a POST does.
 */

export type TokenParams = { Params: { token: string }; Querystring: { lang?: string } };

/** What a link page's 404 says to people, in the link holder's language. */
export interface LinkNotFoundWording {
  notFound: string;
  contact: (staffEmail: string) => string;
}

export const linkNotFound = () =>
  new ApiError(404, 'link_not_found', 'This link is not known. Check that you copied the whole link from the email.');

/** JSON asked for (`accept`) or sent (`content-type`). */
export const wantsJson = (request: FastifyRequest) =>
  (request.headers.accept ?? '').includes('application/json') || isJsonMediaType(request.headers['content-type']);

/** The hooks of a link page's routes (in its own Fastify scope). */
export async function linkPageHooks(app: FastifyInstance, deps: AppDeps): Promise<void> {
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);
  app.addHook('onRequest', pageRateLimit(deps));
  app.addHook('preValidation', singleQueryValues);
  app.addHook('onSend', async (_request, reply) => {
    // Framing and the Content-Security-Policy: api/security-headers.ts.
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
  });
}

export interface LinkPage<Found> {
  languageOf(request: FastifyRequest, found?: Found): Language;
  /** What the link leads to; else a 404: JSON for scripts (thrown), a page for people (sent: undefined). */
  find(request: FastifyRequest<TokenParams>, reply: FastifyReply): Promise<Found | undefined>;
  /** The page's language and its form's target and CSRF field, for its renderer. */
  form(request: FastifyRequest<TokenParams>, found: Found): { lang: Language; action: string; csrf: string };
  /** Sends a rendered page. */
  send(reply: FastifyReply, status: number, page: string): FastifyReply;
  /** A form post (not JSON) whose CSRF field does not match the link: 403. */
  checkForm(request: FastifyRequest<TokenParams>, body: { csrf?: unknown }, json: boolean): void;
}

/** A link page of one kind of token, with its hooks registered on `app`. */
export async function linkPage<Found extends { language: Language }>(
  app: FastifyInstance,
  deps: AppDeps,
  options: {
    kind: TokenLinkKind;
    lookup: (token: string) => Promise<Found | undefined>;
    wording: Record<Language, LinkNotFoundWording>;
  },
): Promise<LinkPage<Found>> {
  await linkPageHooks(app, deps);
  const secret = deps.config.tokenSecret ?? '';
  const languageOf = (request: FastifyRequest, found?: Found): Language =>
    chooseLanguage(languages.keys, askedLanguage(request), found?.language);
  const send = (reply: FastifyReply, status: number, page: string) =>
    reply.status(status).type('text/html; charset=utf-8').send(page);
  return {
    languageOf,
    send,
    async find(request, reply) {
      const found = await options.lookup(request.params.token);
      if (found) return found;
      if (wantsJson(request)) throw linkNotFound();
      const lang = languageOf(request);
      const w = options.wording[lang];
      await send(
        reply,
        404,
        renderMessagePage({
          lang,
          title: 'Integratiepact',
          message: w.notFound,
          tone: 'notice',
          contact: w.contact(deps.config.staffEmail),
        }),
      );
      return undefined;
    },
    form: (request, found) => ({
      lang: languageOf(request, found),
      action: tokenPath(options.kind, request.params.token),
      csrf: csrfToken(secret, request.params.token),
    }),
    checkForm(request, body, json) {
      if (!json && !csrfValid(secret, request.params.token, body.csrf))
        throw new ApiError(403, 'invalid_form', 'This form could not be verified; open the link from the email again.');
    },
  };
}
