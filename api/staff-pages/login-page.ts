import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localPath } from '../../auth/routes';
import { html } from '../html/layout';
import { type PageContext, pageContext } from './context';
import { notice, staffPage, textField } from './view';

type LoginQuery = { Querystring: { next?: string; signedOut?: string } };

/**
 * Small progressive enhancement: POST /auth/login answers a refused sign-in with JSON, so with
 * JavaScript the form is sent in the background and the refusal is shown on the page, in the
 * page's language. Without it the form posts as usual and a refusal shows the API's sentence.
 */
const signInScript = `(function () {
  var form = document.getElementById('sign-in');
  var alert = document.getElementById('sign-in-error');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin' }).then(function (response) {
      if (response.ok) return location.assign(response.redirected ? response.url : form.elements.next.value);
      var minutes = Math.ceil(Number(response.headers.get('retry-after') || 60) / 60);
      var key = response.status === 429 ? 'tooMany' : response.status === 400 ? 'missing' : response.status === 401 ? 'failed' : 'other';
      alert.textContent = form.dataset[key].replace('{minutes}', minutes);
      alert.hidden = false;
      alert.focus();
    }, function () {
      alert.textContent = form.dataset.other;
      alert.hidden = false;
    });
  });
})();
`;

function renderLogin(ctx: PageContext, options: { next: string; signedOut?: boolean }): string {
  const { w } = ctx;
  return staffPage(ctx, {
    title: w.login.title,
    body: html`<h1>${w.login.title}</h1>${options.signedOut ? notice(w.login.signedOut) : ''}
<p class="error" role="alert" id="sign-in-error" tabindex="-1" hidden></p>
<div class="card" style="max-width:26rem"><p>${w.login.intro}</p>
<form method="post" action="/auth/login" id="sign-in" data-failed="${w.login.failed}" data-missing="${w.login.missing}" data-too-many="${w.login.tooMany('{minutes}')}" data-other="${w.failed}">
<input type="hidden" name="next" value="${options.next}">
${textField({ id: 'email', label: w.login.email, type: 'email', autocomplete: 'username', required: true })}
${textField({ id: 'password', label: w.login.password, type: 'password', autocomplete: 'current-password', required: true })}
<p><button type="submit">${w.login.submit}</button></p></form></div>
<script src="/staff/assets/sign-in.js" defer></script>`,
  });
}

/** The sign-in page; its form posts to POST /auth/login, which signs in and sends the browser on to `next`. */
export function loginPage(app: FastifyInstance, signedIn: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>): void {
  app.get<LoginQuery>('/staff/login', async (request, reply) => {
    const next = localPath(request.query.next) ?? '/staff';
    if (await signedIn(request, reply)) return reply.redirect(next, 303);
    const ctx = pageContext(request, reply);
    return reply.type('text/html; charset=utf-8').send(renderLogin(ctx, { next, signedOut: request.query.signedOut === '1' }));
  });

  app.get('/staff/assets/sign-in.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(signInScript));
}

/** Pages anyone may open: the sign-in page and what it loads. */
export const isPublicPath = (url: string): boolean => /^\/staff\/(login|assets\/[\w.-]+)(\?|$)/.test(url);
