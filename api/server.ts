import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { Config, LogLevel } from '../config/config';
import { staffAuthPlugin } from '../auth/plugin';
import { authRoutes } from '../auth/routes';
import { inboundWebhookRoutes } from '../inbound/webhook-route';
import { createMailer } from '../mail/mailer';
import { codecRoutes } from './codec/routes';
import { payloadReadsRoute } from './audit/payload-reads-route';
import type { AppDeps } from '../features/deps';
import { registerErrorHandling } from './errors';
import { faviconRoutes } from './favicon';
import { healthRoutes } from './health';
import { buildInternalServer } from './internal-server';
import { apiLogger, type LogDestination } from './logger';
import { apiMetrics, type ApiMetrics, countResponses } from './metrics';
import { securityHeaders } from './security-headers';
import { refuseUnstorableText } from './storable-text';
import { eraseRoute } from './partners/erase-route';
import { partnerRoutes } from './partners/routes';
import { partnerImportRoutes } from './partners/import-routes';
import { monitoringRoutes } from './monitoring/routes';
import { projectRoutes } from './projects/routes';
import { initiativeRoutes } from './initiatives/routes';
import { meetingRoutes } from './meetings/routes';
import { lexiconRoutes } from './lexicon/routes';
import { lexiconPageRoute } from './public/lexicon-page';
import { mapRoutes } from './map/routes';
import { publicMapRoutes } from './public/map-page';
import { requestActionRoutes } from './requests/routes';
import { userRoutes } from './users/routes';
import { requestPageRoutes } from './link-pages/request-routes';
import { meetingPageRoutes } from './link-pages/meeting-routes';
import { consentPageRoutes } from './link-pages/consent-routes';
import { publicListingRoutes } from './public-listing/routes';
import { ballotPageRoutes } from './link-pages/ballot-routes';
import { roundRoutes } from './rounds/routes';
import { staffPageRoutes } from './staff-pages/routes';
import { temporalUiRoutes } from './temporal-ui/proxy';
import { joinRoutes } from './public/join-routes';
import { joinRequestRoutes } from './join-requests/routes';
import { publicRoutes } from './public/routes';

export interface ApiServers {
  /** The public listener (PORT): staff pages and API, partner pages, inbound webhook, /healthz, a terse /readyz. */
  app: FastifyInstance;
  /** The internal listener (INTERNAL_PORT): the mail relay, /metrics, the detailed /readyz. */
  internal: FastifyInstance;
}

/** Both of the API's listeners, counting their responses into one set of metrics (/metrics). */
export async function buildServers(
  deps: AppDeps,
  options: { logLevel?: LogLevel; logDestination?: LogDestination } = {},
): Promise<ApiServers> {
  const metrics = apiMetrics(deps.db);
  // One SMTP pool for the replies' answers and the relay.
  const mailer = deps.mailer ?? (deps.config.smtpUrl ? createMailer(deps.config) : undefined);
  const app = await buildServer({ ...deps, mailer }, { ...options, metrics });
  const internal = await buildInternalServer({ ...deps, mailer, metrics }, options);
  return { app, internal };
}

/** The same object (tests and `npm start` fill in the real address later), typed as having the secret. */
const withTokenSecret = (config: Config) => config as Config & { tokenSecret: string };

/** A hop count as the function Fastify runs for one (its types only take the function). */
const trustProxyOption = (setting: Config['trustProxy']) =>
  typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;

/** The public HTTP server: staff JSON API, partner pages and health checks, one error shape throughout. */
export async function buildServer(
  deps: AppDeps,
  options: {
    logLevel?: LogLevel;
    logDestination?: LogDestination;
    metrics?: ApiMetrics;
    /** Told of every route as it is added: the tests walk the real route table with it. */
    onRoute?: (route: RouteOptions) => void;
  } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logLevel ? apiLogger(options.logLevel, options.logDestination) : false,
    // Reject unknown fields instead of silently dropping them, and report every problem at once.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    bodyLimit: 1_048_576,
    // Behind the TLS proxy, request.ip (and so every rate limit) is the client, not the proxy.
    trustProxy: trustProxyOption(deps.config.trustProxy),
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  registerErrorHandling(app);
  await securityHeaders(app, deps.config.publicUrl);
  refuseUnstorableText(app);
  if (options.metrics) countResponses(app, options.metrics);
  await app.register(staffAuthPlugin(deps));
  await app.register(authRoutes, deps);
  await app.register(healthRoutes, { ...deps, detailed: false });
  await app.register(faviconRoutes);
  await app.register(partnerRoutes, deps);
  await app.register(partnerImportRoutes, deps);
  await app.register(publicListingRoutes, deps);
  await app.register(eraseRoute, deps);
  await app.register(projectRoutes, deps);
  await app.register(initiativeRoutes, deps);
  await app.register(meetingRoutes, deps);
  await app.register(lexiconRoutes, deps);
  await app.register(lexiconPageRoute, deps);
  await app.register(roundRoutes, deps);
  await app.register(monitoringRoutes, deps);
  await app.register(mapRoutes, deps);
  await app.register(publicMapRoutes, deps);
  await app.register(requestActionRoutes, deps);
  await app.register(userRoutes, deps);
  await app.register(requestPageRoutes, deps);
  await app.register(meetingPageRoutes, deps);
  await app.register(joinRoutes, deps);
  await app.register(joinRequestRoutes, deps);
  await app.register(consentPageRoutes, deps);
  await app.register(ballotPageRoutes, deps);
  await app.register(staffPageRoutes, deps);
  await app.register(codecRoutes, deps);
  await app.register(temporalUiRoutes, deps);
  await app.register(payloadReadsRoute, deps);
  await app.register(publicRoutes, deps);
  // Replies are answered by email and carry tokens derived from PACT_TOKEN_SECRET.
  if (deps.config.smtpUrl && deps.config.tokenSecret) {
    const mailer = deps.mailer ?? createMailer(deps.config);
    await app.register(inboundWebhookRoutes, { ...deps, mailer, config: withTokenSecret(deps.config) });
  }
  return app;
}
