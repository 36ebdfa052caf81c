import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config, LogLevel } from '../config/config';
import type { Db } from '../db/connection';
import { staffAuthPlugin } from '../auth/plugin';
import { authRoutes } from '../auth/routes';
import { inboundWebhookRoutes } from '../inbound/webhook-route';
import { createMailer, type Mailer } from '../mail/mailer';
import { registerErrorHandling } from './errors';
import { healthRoutes } from './health';
import { buildInternalServer } from './internal-server';
import { countResponses, type ResponseCounts } from './metrics';
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

export interface ApiServers {
  /** The public listener (PORT): staff pages and API, partner pages, inbound webhook, /healthz, a terse /readyz. */
  app: FastifyInstance;
  /** The internal listener (INTERNAL_PORT): the mail relay, /metrics, the detailed /readyz. */
  internal: FastifyInstance;
}

/** Both of the API's listeners, sharing one set of response counts for /metrics. */
export async function buildServers(deps: ApiDeps, options: { logLevel?: LogLevel } = {}): Promise<ApiServers> {
  const counts: ResponseCounts = new Map();
  // One SMTP pool for the replies' answers and the relay.
  const mailer = deps.mailer ?? (deps.config.smtpUrl ? createMailer(deps.config.smtpUrl) : undefined);
  const app = await buildServer({ ...deps, mailer }, { ...options, counts });
  const internal = await buildInternalServer({ ...deps, mailer, counts }, options);
  return { app, internal };
}

/** The same object (tests and `npm start` fill in the real address later), typed as having the secret. */
const withTokenSecret = (config: Config) => config as Config & { tokenSecret: string };

/** The public HTTP server: staff JSON API, partner pages and health checks, one error shape throughout. */
export async function buildServer(
  deps: ApiDeps,
  options: { logLevel?: LogLevel; counts?: ResponseCounts } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logLevel ? { level: options.logLevel } : false,
    // Reject unknown fields instead of silently dropping them, and report every problem at once.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    bodyLimit: 1_048_576,
  });
  registerErrorHandling(app);
  if (options.counts) countResponses(app, options.counts);
  await app.register(staffAuthPlugin(deps));
  await app.register(authRoutes, deps);
  await app.register(healthRoutes, { ...deps, detailed: false });
  await app.register(partnerRoutes, deps);
  await app.register(projectRoutes, deps);
  await app.register(monitoringRoutes, deps);
  await app.register(requestActionRoutes, deps);
  await app.register(userRoutes, deps);
  await app.register(requestPageRoutes, deps);
  await app.register(staffPageRoutes, deps);
  // Replies are answered by email and carry tokens derived from PACT_TOKEN_SECRET.
  if (deps.config.smtpUrl && deps.config.tokenSecret) {
    const mailer = deps.mailer ?? createMailer(deps.config.smtpUrl);
    await app.register(inboundWebhookRoutes, { ...deps, mailer, config: withTokenSecret(deps.config) });
  }
  return app;
}
