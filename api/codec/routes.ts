import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorReference, requireStaff, staffUserOf } from '../../auth/plugin';
import { PartnerErased, UnknownDataKey } from '../../privacy/data-keys';
import { PartnerPayloadCodec } from '../../privacy/payload-codec';
import { recordPayloadRead } from '../../privacy/payload-reads';
import { ApiError } from '../../http/api-error';
import type { ApiDeps } from '../deps';
import { readRemotePayloads, toRemotePayloads } from './remote-codec-format';

/** What an erased partner's payloads decode to (docs/privacy.md): the UI and CLI keep working. */
export const erasedPlaceholder: Payload = defaultPayloadConverter.toPayload('[erased]');

/**
 * The remote codec of the Temporal UI and CLI (`--codec-endpoint <PUBLIC_URL>/codec`):
 * POST /codec/decode and /codec/encode. Administrators only, by bearer token or staff session; a
 * browser may call it from the Temporal UI's own origin (TEMPORAL_UI_URL) with credentials, from
 * no other.
 */
export async function codecRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const uiOrigin = deps.config.temporal.uiUrl ? new URL(deps.config.temporal.uiUrl).origin : undefined;
  const codec = new PartnerPayloadCodec(deps.dataKeys);
  const adminsOnly = requireStaff(deps, ['admin'], uiOrigin ? [uiOrigin] : []);

  // CORS headers go on every answer to the UI's origin, errors included, so the UI can show them.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!uiOrigin || request.headers.origin !== uiOrigin) return;
    reply.headers({
      'access-control-allow-origin': uiOrigin,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
  });
  for (const path of ['/codec/decode', '/codec/encode'])
    app.options(path, async (request, reply) => {
      if (!uiOrigin || request.headers.origin !== uiOrigin) return reply.status(204).send();
      return reply
        .status(204)
        .headers({
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type, x-namespace, authorization',
          'access-control-max-age': '600',
        })
        .send();
    });

  // Every use is recorded: who, when, how many payloads (docs/privacy.md, "Who read what").
  const audit = (request: FastifyRequest, action: 'codec_decode' | 'codec_encode', payloads: number) =>
    recordPayloadRead(deps.db, {
      read_by: actorReference(staffUserOf(request)),
      action,
      partner_id: null,
      contact_id: null,
      payloads,
      decoded: action === 'codec_decode',
    });

  const checkNamespace = (request: FastifyRequest) => {
    // The `temporal` CLI sends the header empty.
    const namespace = request.headers['x-namespace'];
    if (namespace && namespace !== deps.config.temporal.namespace)
      throw new ApiError(
        400,
        'wrong_namespace',
        `This codec serves namespace "${deps.config.temporal.namespace}", not "${String(namespace)}".`,
      );
  };

  app.post('/codec/decode', { onRequest: adminsOnly }, async (request) => {
    checkNamespace(request);
    const payloads = readRemotePayloads(request.body);
    const decoded = await Promise.all(
      payloads.map(async (payload, index) => {
        try {
          return (await codec.decode([payload]))[0]!;
        } catch (error) {
          if (error instanceof PartnerErased) return erasedPlaceholder;
          if (error instanceof UnknownDataKey)
            throw new ApiError(400, 'unknown_data_key', `payloads[${index}]: ${error.message}.`, {
              field: `payloads[${index}]`,
            });
          throw error;
        }
      }),
    );
    await audit(request, 'codec_decode', payloads.length);
    return toRemotePayloads(decoded);
  });

  // What an administrator types in the UI (a signal's input, say) is not tied to a workflow here:
  // it is encrypted under the global key, which every worker can read.
  app.post('/codec/encode', { onRequest: adminsOnly }, async (request) => {
    checkNamespace(request);
    const payloads = readRemotePayloads(request.body);
    const encoded = await codec.encode(payloads, undefined);
    await audit(request, 'codec_encode', payloads.length);
    return toRemotePayloads(encoded);
  });
}
