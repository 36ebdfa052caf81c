import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { Config } from '../config/config';
import type { Db } from '../db/connection';
import type { Mailer } from '../mail/mailer';
import { sendThroughOutbox } from '../mail/outbox';
import type { RelayedEmail } from '../mail/relay-client';
import { isSharedSecret } from '../security/shared-secret';
import { ApiError } from '../http/api-error';
import { isDatabaseUnavailable } from './errors';
import { MAX_RELAYED_BODY_CHARS, relayedEmailProblems } from './relayed-email-checks';

const text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });

/** POST /internal/mail: one email and how to send it, as the relay client sends it (mail/relay-client.ts). */
const relayedEmailSchema = Type.Object(
  {
    email: Type.Object(
      {
        idempotencyKey: text(300, 1),
        to: text(320, 3),
        partnerIds: Type.Array(text(200, 1), { maxItems: 1000 }),
        replyTo: Type.Optional(text(320)),
        subject: text(1000),
        text: text(MAX_RELAYED_BODY_CHARS),
        html: text(MAX_RELAYED_BODY_CHARS),
        headers: Type.Optional(Type.Record(Type.String(), Type.String(), { maxProperties: 10 })),
        calendar: Type.Optional(
          Type.Object(
            { method: Type.Enum(['REQUEST', 'CANCEL'], { type: 'string' }), content: text(MAX_RELAYED_BODY_CHARS) },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    options: Type.Object(
      {
        from: Type.String({ minLength: 3 }),
        redact: Type.Optional(Type.Array(text(300, 1), { maxItems: 10 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
/** What the relay client sends (`RelayedEmail`) must fit the schema, or the type check fails; the handler's body is the schema's type. */
export const clientFitsSchema = (sent: RelayedEmail): Static<typeof relayedEmailSchema> => sent;

/**
 * `POST /internal/mail`, the mail relay: workers hand their emails here (mail/relay-client.ts) and
 * this process sends and records each one through the outbox. The send goes on even when the
 * worker that asked is killed mid-request, so its retried activity finds the email recorded and
 * nothing goes out twice (docs/reliability.md). For workers only: on the internal listener, guarded by
 * MAIL_RELAY_SECRET, and it sends only what the system itself sends (api/relayed-email-checks.ts).
 */
export async function mailRelayRoutes(
  fastify: FastifyInstance,
  deps: { config: Config; db: Db; mailer: Mailer },
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
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
  app.post('/internal/mail', { schema: { body: relayedEmailSchema } }, async (request) => {
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
