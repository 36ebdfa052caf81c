import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireStaff } from '../../auth/plugin';
import { ApiError } from '../../http/api-error';
import { html } from '../html/layout';
import { singleQueryValues } from '../html/single-query-values';
import type { AppDeps } from '../../features/deps';
import { pageContext } from '../html/context';
import { dashboardPage } from '../dashboard/dashboard-page';
import { editPartnerPage } from '../partners/edit-partner-page';
import { exportPage } from '../partners/export-page';
import { registerFormParsers } from '../html/forms';
import { importPages } from '../partners/import-pages';
import { joinRequestPages } from '../join-requests/join-requests-page';
import { lexiconPages } from '../lexicon/lexicon-pages';
import { isPublicPath, loginPage } from './login-page';
import { meetingPage } from '../meetings/meeting-page';
import { meetingsPage } from '../meetings/meetings-page';
import { roundPage } from '../rounds/round-page';
import { roundsPage } from '../rounds/rounds-page';
import { partnerSearchScriptRoute } from '../html/partner-search-script';
import { monitoringPage } from '../monitoring/monitoring-page';
import { mapPage } from '../map/map-page';
import { onboardPage } from '../partners/onboard-page';
import { partnerActions } from '../partners/partner-actions';
import { publicListingActions } from '../public-listing/staff-section';
import { showPartner } from '../partners/partner-page';
import { partnersPage } from '../partners/partners-page';
import { projectPage } from '../projects/project-page';
import { projectsPage } from '../projects/projects-page';
import { portfolioPage } from '../initiatives/portfolio-page';
import { initiativePages } from '../initiatives/initiative-page';
import { learningPage } from '../initiatives/learning-page';
import { notice, staffPage } from '../html/view';

/**
 * The staff web pages under /staff: server-rendered HTML that works without JavaScript, Dutch by
 * default (`?lang=en`). Every page but the sign-in page needs a staff session; a visitor without
 * one is sent to sign in and back. Register with `app.register(staffPageRoutes, deps)`.
 */
export async function staffPageRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await registerFormParsers(app);
  const guard = requireStaff(deps);

  app.addHook('onRequest', async (request, reply) => {
    if (isPublicPath(request.url)) return;
    try {
      await guard(request, reply);
    } catch (error) {
      if (!(error instanceof ApiError) || error.statusCode !== 401) throw error;
      const next = request.method === 'GET' ? request.url : '/staff';
      return reply.headers(error.headers).redirect(`/staff/login?next=${encodeURIComponent(next)}`, 303);
    }
  });
  app.addHook('preValidation', singleQueryValues);
  app.addHook('onSend', async (_request, reply) => {
    // The Content-Security-Policy and framing rules come from api/security-headers.ts.
    reply.header('cache-control', 'no-store').header('referrer-policy', 'same-origin');
  });
  app.setErrorHandler((error: FastifyError, request, reply) => errorPage(request, reply, error));

  const signedIn = async (request: FastifyRequest, reply: FastifyReply) =>
    guard(request, reply).then(
      () => true,
      () => false,
    );
  loginPage(app, signedIn);
  dashboardPage(app, deps);
  partnersPage(app, deps);
  onboardPage(app, deps);
  app.get<{ Params: { id: string } }>('/staff/partners/:id', (request, reply) => showPartner(deps, request, reply));
  partnerActions(app, deps);
  publicListingActions(app, deps);
  editPartnerPage(app, deps);
  exportPage(app, deps);
  importPages(app, deps);
  joinRequestPages(app, deps);
  portfolioPage(app, deps);
  initiativePages(app, deps);
  learningPage(app, deps);
  projectsPage(app, deps);
  projectPage(app, deps);
  meetingsPage(app, deps);
  meetingPage(app, deps);
  roundsPage(app, deps);
  roundPage(app, deps);
  partnerSearchScriptRoute(app);
  monitoringPage(app, deps);
  lexiconPages(app, deps);
  mapPage(app, deps);
  app.all('/staff/*', async () => {
    throw new ApiError(404, 'not_found', 'There is no such staff page.');
  });
}

/** A person gets a page saying what went wrong, in their language; never a stack trace or JSON. */
function errorPage(request: FastifyRequest, reply: FastifyReply, error: FastifyError | ApiError) {
  const ctx = pageContext(request, reply);
  const { w } = ctx;
  const status = error instanceof ApiError ? error.statusCode : (error.statusCode ?? 500);
  const code = error instanceof ApiError ? error.code : '';
  if (status >= 500 && code !== 'engine_unavailable') request.log.error(error);
  const [title, message] =
    status === 404
      ? [w.notFound.title, w.notFound.message]
      : code === 'engine_unavailable'
        ? [w.errorTitle, w.engineUnavailable]
        : code === 'cross_origin'
          ? [w.errorTitle, w.crossOrigin]
          : status === 403
            ? [w.errorTitle, w.forbidden]
            : status < 500
              ? [w.errorTitle, error.message]
              : [w.errorTitle, w.failed];
  if (error instanceof ApiError) reply.headers(error.headers);
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(
      staffPage(ctx, {
        title,
        body: html`<h1>${title}</h1>
          ${notice(message, 'error')}
          <p><a href="/staff">${w.nav.dashboard}</a></p>`,
      }),
    );
}
