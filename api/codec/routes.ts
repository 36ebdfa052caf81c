import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorReference, requireStaff, staffUserOf } from '../../auth/plugin';
import { PartnerErased, UnknownDataKey } from '../../privacy/data-keys';
import { PartnerPayloadCodec } from '../../privacy/payload-codec';
import { recordPayloadRead } from '../../privacy/payload-reads';
import { ApiError } from '../../http/api-error';
import type { AppDeps } from '../../features/deps';
import { readRemotePayloads, toRemotePayloads } from './remote-codec-format';

/** What an erased partner's payloads decode to (docs/privacy.md): the UI and CLI keep working. */
export const erasedPlaceholder: Payload = defaultPayloadConverter.toPayload('[erased]');

/**
 * The remote codec of the Temporal UI and CLI (`--codec-endpoint <PUBLIC_URL>/codec`):
 * POST /codec/decode, administrators only, by bearer token or staff session. The UI calls it from
 * the app's own origin (api/temporal-ui/proxy.ts), so no other origin is ever let in.
 * POST /codec/encode is refused to everyone.
 */
export async function codecRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const codec = new PartnerPayloadCodec(deps.dataKeys);
  const adminsOnly = requireStaff(deps, ['admin']);

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
    // Every use is recorded: who, when, how many payloads (docs/privacy.md, "Who read what").
    await recordPayloadRead(deps.db, {
      read_by: actorReference(staffUserOf(request)),
      action: 'codec_decode',
      partner_id: null,
      contact_id: null,
      payloads: payloads.length,
      decoded: true,
    });
    return toRemotePayloads(decoded);
  });

  // What an administrator would type (a signal's input, say) is tied to no partner here: under the
  // global key it would escape erasure. So nothing is encoded, for anyone, and the UI's write
  // actions are off.
  app.post('/codec/encode', async () => {
    throw new ApiError(
      403,
      'encode_refused',
      "This codec only decodes: what it encoded could not be erased with a partner's data. Change workflows through the staff pages or API.",
    );
  });
}
