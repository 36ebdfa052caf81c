import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config';
import type { Db } from '../db/connection';
import type { Mailer } from '../mail/mailer';
import { sendThroughOutbox } from '../mail/outbox';
import type { RelayedEmail } from '../mail/relay-client';
import { isSharedSecret } from '../security/shared-secret';
import { ApiError } from '../http/api-error';
import { isDatabaseUnavailable } from './errors';
import { MAX_RELAYED_BODY_CHARS, relayedEmailProblems } from './relayed-email-checks';

const relayedEmailSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'options'],
  properties: {
    email: {
      type: 'object',
      additionalProperties: false,
      required: ['idempotencyKey', 'to', 'partnerIds', 'subject', 'text', 'html'],
      properties: {
        idempotencyKey: { type: 'string', minLength: 1, maxLength: 300 },
        to: { type: 'string', minLength: 3, maxLength: 320 },
        partnerIds: { type: 'array', maxItems: 1000, items: { type: 'string', minLength: 1, maxLength: 200 } },
        replyTo: { type: 'string', maxLength: 320 },
        subject: { type: 'string', maxLength: 1000 },
        text: { type: 'string', maxLength: MAX_RELAYED_BODY_CHARS },
        html: { type: 'string', maxLength: MAX_RELAYED_BODY_CHARS },
        headers: { type: 'object', maxProperties: 10, additionalProperties: { type: 'string' } },
        calendar: {
          type: 'object',
          additionalProperties: false,
          required: ['method', 'content'],
          properties: {
            method: { type: 'string', enum: ['REQUEST', 'CANCEL'] },
            content: { type: 'string', maxLength: MAX_RELAYED_BODY_CHARS },
          },
        },
      },
    },
    options: {
      type: 'object',
      additionalProperties: false,
      required: ['from'],
      properties: {
        from: { type: 'string', minLength: 3 },
        redact: { type: 'array', maxItems: 10, items: { type: 'string', minLength: 1, maxLength: 300 } },
      },
    },
  },
} as const;

/**
 * `POST /internal/mail`, the mail relay: workers hand their emails here (mail/relay-client.ts) and
 * this process sends and records each one through the outbox. The send goes on even when the
 * worker that asked is killed mid-request, so its retried activity finds the email recorded and
 * nothing goes out twice (docs/reliability.md). For workers only: on the internal listener, guarded by
 * MAIL_RELAY_SECRET, and it sends only what the system itself sends (api/relayed-email-checks.ts).
 */
export async function mailRelayRoutes(
  app: FastifyInstance,
  deps: { config: Config; db: Db; mailer: Mailer },
): Promise<void> {
  // Before the body is even read: only workers may use the relay.
  app.addHook('onRequest', async (request) => {
    const secret = deps.config.mailRelay.secret;
    if (!secret)
      throw new ApiError(
        404,
        'relay_disabled',
        'The mail relay is not enabled on this server (MAIL_RELAY_SECRET is not set).',
      );
    if (!isSharedSecret(request.headers.authorization?.replace(/^Bearer /, ''), secret))
      throw new ApiError(401, 'unauthenticated', 'Send MAIL_RELAY_SECRET as a bearer token.');
  });
  app.post<{ Body: RelayedEmail }>('/internal/mail', { schema: { body: relayedEmailSchema } }, async (request) => {
    const problems = relayedEmailProblems(request.body, deps.config);
    if (problems.length)
      throw new ApiError(400, 'email_refused', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
    try {
      return { messageId: await sendThroughOutbox(deps.db, deps.mailer, request.body.email, request.body.options) };
    } catch (error) {
      if (error instanceof ApiError || isDatabaseUnavailable(error)) throw error; // the error handler's 503
      throw new ApiError(502, 'smtp_failed', `The email could not be sent: ${(error as Error).message}`);
    }
  });
}
