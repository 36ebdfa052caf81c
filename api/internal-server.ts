import Fastify, { type FastifyInstance } from 'fastify';
import type { LogLevel } from '../config/config';
import { apiLogger, type LogDestination } from './logger';
import { createMailer } from '../mail/mailer';
import { registerErrorHandling } from './errors';
import { healthRoutes } from './health';
import { mailRelayRoutes } from './mail-relay';
import { type ApiMetrics, countResponses, metricsRoutes } from './metrics';
import type { AppDeps } from '../features/deps';

/**
 * The API's internal listener (INTERNAL_PORT): the workers' mail relay, /metrics and the detailed
 * /readyz. It listens on the loopback under `npm start` and on the private network in compose,
 * where the worker reaches it as `api:3001`; it is never published (docs/security.md).
 */
export async function buildInternalServer(
  deps: AppDeps & { metrics: ApiMetrics },
  options: { logLevel?: LogLevel; logDestination?: LogDestination } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logLevel ? apiLogger(options.logLevel, options.logDestination) : false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    bodyLimit: 1_048_576,
  });
  registerErrorHandling(app);
  countResponses(app, deps.metrics);
  await app.register(metricsRoutes, deps);
  await app.register(healthRoutes, { ...deps, detailed: true });
  if (deps.config.smtpUrl) {
    await app.register(mailRelayRoutes, { ...deps, mailer: deps.mailer ?? createMailer(deps.config) });
  }
  return app;
}
