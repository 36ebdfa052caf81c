import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localPath } from '../../auth/routes';
import { html } from '../html/layout';
import { type PageContext, pageContext } from '../html/context';
import { notice, staffPage, textField } from '../html/view';

type LoginQuery = { Querystring: { next?: string; signedOut?: string; refused?: string; retryAfter?: string } };

function renderLogin(
  ctx: PageContext,
  options: { next: string; signedOut?: boolean; refused?: string; retryAfter?: string },
): string {
  const { w } = ctx;
  // POST /auth/login sends a refused page sign-in back here with its reason.
  const refusal =
    options.refused === 'invalid_credentials'
      ? w.login.failed
      : options.refused === 'invalid_request'
        ? w.login.missing
        : options.refused === 'too_many_attempts'
          ? w.login.tooMany(Math.ceil(Number(options.retryAfter || 60) / 60))
          : options.refused
            ? w.failed
            : undefined;
  return staffPage(ctx, {
    title: w.login.title,
    body: html`<h1>${w.login.title}</h1>
      ${options.signedOut ? notice(w.login.signedOut) : ''}
      ${refusal ? html`<p class="error" role="alert" id="sign-in-error">${refusal}</p>` : ''}
      <div class="card" style="max-width:26rem">
        <p>${w.login.intro}</p>
        <form method="post" action="/auth/login" id="sign-in">
          <input type="hidden" name="next" value="${options.next}" />
          ${textField({ id: 'email', label: w.login.email, type: 'email', autocomplete: 'username', required: true })}
          ${textField({ id: 'password', label: w.login.password, type: 'password', autocomplete: 'current-password', required: true })}
          <p><button type="submit">${w.login.submit}</button></p>
        </form>
      </div>`,
  });
}

/** The sign-in page; its form posts to POST /auth/login, which signs in and sends the browser on to `next`. */
export function loginPage(
  app: FastifyInstance,
  signedIn: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>,
): void {
  app.get<LoginQuery>('/staff/login', async (request, reply) => {
    const next = localPath(request.query.next) ?? '/staff';
    if (await signedIn(request, reply)) return reply.redirect(next, 303);
    const ctx = pageContext(request, reply);
    const { signedOut, refused, retryAfter } = request.query;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderLogin(ctx, { next, signedOut: signedOut === '1', refused, retryAfter }));
  });
}

/** The page anyone may open: the sign-in page. */
export const isPublicPath = (url: string): boolean => /^\/staff\/login(\?|$)/.test(url);
