import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireStaff, staffUserOf } from '../../auth/plugin';
import { ApiError } from '../../http/api-error';
import { idParams } from '../../http/id-params';
import type { AppDeps } from '../../features/deps';
import { publicListingOf, recordConsentByStaff } from '../../features/public-listing/consent';
import { publicListingSchema } from '../../features/public-listing/schema';

const partnerNotFound = (id: string) => new ApiError(404, 'partner_not_found', `There is no partner with id "${id}".`);

/**
 * Staff JSON API for a partner's consent to be listed publicly (docs/privacy.md, Consent to be listed):
 * its state and history, and recording consent the partner gave or withdrew another way.
 */
export async function publicListingRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', requireStaff(deps));

  app.get('/api/partners/:id/public-listing', { schema: { params: idParams } }, async (request) => {
    const view = await publicListingOf(deps.db, request.params.id);
    if (!view) throw partnerNotFound(request.params.id);
    return view;
  });

  app.put(
    '/api/partners/:id/public-listing',
    { schema: { params: idParams, body: publicListingSchema } },
    async (request) => {
      const result = await recordConsentByStaff(deps.db, request.params.id, request.body.listed, staffUserOf(request));
      if (result.kind !== 'recorded') throw partnerNotFound(request.params.id);
      const view = await publicListingOf(deps.db, request.params.id);
      return { ...view!, changed: result.changed };
    },
  );
}
