import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError, databaseUnavailable } from '../http/api-error';
import { validationProblems } from '../http/validation';

// Node socket errors, and Postgres SQLSTATEs for "connection exception" (08…), shutdown (57P0…) and too many connections.
const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
// What node-postgres says when a connection ends or cannot be made in time.
const connectionErrorMessages = /Connection terminated|not queryable|timeout exceeded when trying to connect/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed: socket errors may come from another realm (instanceof Error is not reliable).
  for (
    let cause = error, depth = 0;
    typeof cause === 'object' && cause !== null && depth < 5;
    cause = (cause as { cause?: unknown }).cause, depth++
  ) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (
      (typeof code === 'string' && connectionErrorCodes.has(code)) ||
      (typeof message === 'string' && connectionErrorMessages.test(message))
    )
      return true;
  }
  return false;
}

/** A Postgres "data exception" (SQLSTATE class 22), e.g. 22021 for a NUL byte in text. */
const isDataException = (error: unknown): boolean => /^22[0-9A-Z]{3}$/.test(String((error as { code?: unknown }).code));

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return reply
        .status(error.statusCode)
        .headers(error.headers)
        .send({
          error: {
            code: error.code,
            message: error.message,
            ...(error.details === undefined ? {} : { details: error.details }),
          },
        });
    }
    if (error.validation) {
      const problems = validationProblems(error);
      return reply.status(400).send({
        error: {
          code: 'invalid_request',
          message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
          details: problems,
        },
      });
    }
    if (error.statusCode && error.statusCode < 500) {
      // Fastify's own 4xx: malformed JSON, wrong content type, body too large.
      const code =
        error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported_media_type'
          : error.code?.startsWith('FST_ERR_CTP')
            ? 'invalid_body'
            : 'bad_request';
      return reply.status(error.statusCode).send({ error: { code, message: error.message } });
    }
    if (isDataException(error)) {
      // Postgres refused a value (class 22: bad text, number out of range…): the request's fault.
      return reply.status(400).send({
        error: {
          code: 'invalid_value',
          message: `A value in the request cannot be stored (${(error as { message: string }).message}); nothing was changed.`,
        },
      });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn(error);
      const unavailable = databaseUnavailable();
      return reply
        .status(503)
        .headers(unavailable.headers)
        .send({ error: { code: unavailable.code, message: unavailable.message } });
    }
    request.log.error(error);
    return reply.status(500).send({
      error: {
        code: 'internal_error',
        message: 'Something went wrong on our side; nothing was changed. Please try again.',
      },
    });
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: `There is no ${request.method} ${request.url.split('?')[0]}` } });
  });
}
