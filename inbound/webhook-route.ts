import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/api-error';
import type { Config } from '../config/config';
import { isSharedSecret } from '../security/shared-secret';
import { handleInboundEmail, type InboundDeps } from './handle-reply';

export interface InboundWebhookDeps extends InboundDeps {
  config: InboundDeps['config'] & Pick<Config, 'inboundSecret'>;
}

const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

/**
 * `POST /api/inbound/email`: a raw RFC 822 message from a mail provider's inbound webhook (or a
 * relay script), for hosts that cannot run the SMTP listener. Same handling as SMTP.
 */
export async function inboundWebhookRoutes(app: FastifyInstance, deps: InboundWebhookDeps): Promise<void> {
  // Inside this plugin only: the rest of the API keeps its own parsers.
  app.addContentTypeParser(
    ['message/rfc822', 'text/plain'],
    { parseAs: 'buffer', bodyLimit: MAX_MESSAGE_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post('/api/inbound/email', { bodyLimit: MAX_MESSAGE_BYTES }, async (request, reply) => {
    const secret = deps.config.inboundSecret;
    if (!secret)
      throw new ApiError(
        404,
        'inbound_disabled',
        'Inbound email is not enabled on this server (INBOUND_WEBHOOK_SECRET is not set).',
      );
    if (!deps.config.inbound.domain)
      throw new ApiError(
        404,
        'inbound_disabled',
        'Inbound email is not enabled on this server (INBOUND_DOMAIN is not set, so emails carry no reply address).',
      );
    if (!isSharedSecret(request.headers['x-inbound-secret'], secret)) {
      throw new ApiError(401, 'unauthenticated', 'Send the shared secret in the X-Inbound-Secret header.');
    }
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
      throw new ApiError(400, 'invalid_body', 'Send the raw message as the body, with Content-Type: message/rfc822.');
    }
    const result = await handleInboundEmail(deps, request.body);
    return reply.status(202).send({ result });
  });
}
