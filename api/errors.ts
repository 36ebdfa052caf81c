import type { FastifyError, FastifyInstance } from 'fastify';
import { describeIssue } from './validation';

/**
 * The one error shape of the API: `{ error: { code, message, details? } }`. A 4xx says what to fix;
 * a 5xx never comes from bad input.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const engineUnavailable = () =>
  new ApiError(503, 'engine_unavailable', 'The workflow engine (Temporal) cannot be reached right now; nothing was changed. Try again in a minute.', undefined, {
    'retry-after': '30',
  });

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return reply
        .status(error.statusCode)
        .headers(error.headers)
        .send({ error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } });
    }
    if (error.validation) {
      const problems = error.validation.map((issue) => describeIssue(issue as never, error.validationContext ?? 'body'));
      return reply.status(400).send({
        error: { code: 'invalid_request', message: problems.map((p) => `${p.field}: ${p.message}`).join('; '), details: problems },
      });
    }
    if (error.statusCode && error.statusCode < 500) {
      // Fastify's own 4xx: malformed JSON, wrong content type, body too large.
      const code = error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type' : error.code?.startsWith('FST_ERR_CTP') ? 'invalid_body' : 'bad_request';
      return reply.status(error.statusCode).send({ error: { code, message: error.message } });
    }
    request.log.error(error);
    return reply.status(500).send({ error: { code: 'internal_error', message: 'Something went wrong on our side; nothing was changed. Please try again.' } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `There is no ${request.method} ${request.url.split('?')[0]}` } });
  });
}
