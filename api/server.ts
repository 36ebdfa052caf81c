import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { Config, LogLevel } from '../config/config';
import type { Db } from '../db/connection';
import { staffAuthPlugin } from '../auth/plugin';
import { authRoutes } from '../auth/routes';
import { inboundWebhookRoutes } from '../inbound/webhook-route';
import { createMailer, type Mailer } from '../mail/mailer';
import { registerErrorHandling } from './errors';
import { healthRoutes } from './health';
import { securityHeaders } from './security-headers';
import { refuseUnstorableText } from './storable-text';
import { apiLogger, type LogDestination } from './logger';
import { mailRelayRoutes } from './mail-relay';
import { metricsRoutes } from './metrics';
import { partnerRoutes } from './partners/routes';
import { monitoringRoutes } from './monitoring/routes';
import { projectRoutes } from './projects/routes';
import { requestActionRoutes } from './requests/routes';
import { userRoutes } from './users/routes';
import { requestPageRoutes } from './request-pages/routes';
import { staffPageRoutes } from './staff-pages/routes';

export interface ApiDeps {
  config: Config;
  db: Db;
  temporal: Client;
  /** For emails the API sends: answers to replies, and the workers' emails through the mail relay. Made from SMTP_URL when not given. */
  mailer?: Mailer;
}

/** A hop count as the function Fastify runs for one (its types only take the function). */
const trustProxyOption = (setting: Config['trustProxy']) =>
  typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;

/** The HTTP server: staff JSON API, partner pages and health checks, one error shape throughout. */
export async function buildServer(
  deps: ApiDeps,
  options: {
    logLevel?: LogLevel;
    logDestination?: LogDestination;
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
  // Not encapsulated: its hook counts the responses of every route.
  await metricsRoutes(app, deps);
  await app.register(staffAuthPlugin(deps));
  await app.register(authRoutes, deps);
  await app.register(healthRoutes, deps);
  await app.register(partnerRoutes, deps);
  await app.register(projectRoutes, deps);
  await app.register(monitoringRoutes, deps);
  await app.register(requestActionRoutes, deps);
  await app.register(userRoutes, deps);
  await app.register(requestPageRoutes, deps);
  await app.register(staffPageRoutes, deps);
  if (deps.config.smtpUrl) {
    const mailer = deps.mailer ?? createMailer(deps.config.smtpUrl);
    await app.register(inboundWebhookRoutes, { ...deps, mailer });
    await app.register(mailRelayRoutes, { ...deps, mailer });
  }
  return app;
}
