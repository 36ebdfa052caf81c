import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config, LogLevel } from '../config/config';
import type { Db } from '../db/connection';
import { staffAuthPlugin } from '../auth/plugin';
import { authRoutes } from '../auth/routes';
import { inboundWebhookRoutes } from '../inbound/webhook-route';
import { createMailer, type Mailer } from '../mail/mailer';
import type { PostgresDataKeys } from '../privacy/data-keys';
import { codecRoutes } from './codec/routes';
import { registerErrorHandling } from './errors';
import { healthRoutes } from './health';
import { mailRelayRoutes } from './mail-relay';
import { metricsRoutes } from './metrics';
import { eraseRoute } from './partners/erase-route';
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
  /** The payload codec's keys: the codec endpoint decodes with them, erasure deletes them. */
  dataKeys: PostgresDataKeys;
  /** For emails the API sends: answers to replies, and the workers' emails through the mail relay. Made from SMTP_URL when not given. */
  mailer?: Mailer;
}

/** The HTTP server: staff JSON API, partner pages and health checks, one error shape throughout. */
export async function buildServer(deps: ApiDeps, options: { logLevel?: LogLevel } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logLevel ? { level: options.logLevel } : false,
    // Reject unknown fields instead of silently dropping them, and report every problem at once.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    bodyLimit: 1_048_576,
  });
  registerErrorHandling(app);
  // Not encapsulated: its hook counts the responses of every route.
  await metricsRoutes(app, deps);
  await app.register(staffAuthPlugin(deps));
  await app.register(authRoutes, deps);
  await app.register(healthRoutes, deps);
  await app.register(partnerRoutes, deps);
  await app.register(eraseRoute, deps);
  await app.register(projectRoutes, deps);
  await app.register(monitoringRoutes, deps);
  await app.register(requestActionRoutes, deps);
  await app.register(userRoutes, deps);
  await app.register(requestPageRoutes, deps);
  await app.register(staffPageRoutes, deps);
  await app.register(codecRoutes, deps);
  if (deps.config.smtpUrl) {
    const mailer = deps.mailer ?? createMailer(deps.config.smtpUrl);
    await app.register(inboundWebhookRoutes, { ...deps, mailer });
    await app.register(mailRelayRoutes, { ...deps, mailer });
  }
  return app;
}
