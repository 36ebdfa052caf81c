import { partnerInitiatives } from '../../features/initiatives/queries';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiError } from '../../http/api-error';
import { idParams } from '../../http/id-params';
import type { AppDeps } from '../../features/deps';
import { actorReference, requireStaff, staffUserOf } from '../../auth/plugin';
import { updateErrorToApiError } from '../../temporal/update-errors';
import { journeyHandle, temporalUiUrl } from '../../temporal/workflow-links';
import { resolveExpiredRequestUpdate } from '../../workflows/definitions';
import { onboardPartner } from '../../features/partners/onboard';
import { getPartnerDetail, listPartners } from '../../features/partners/queries';
import { invitablePartnersHolding, partnerSearchLimit } from '../../features/partners/invitee-choice';
import { referralsOf } from '../../features/joining/referrals';
import { withdrawPartner } from '../../features/partners/withdraw';
import { exportPartner, exportReader } from '../../features/partners/export';
import { changePartnerDetails } from '../../features/partners/edit-details';
import { setPartnerContacts } from '../../features/partners/edit-contacts';
import {
  exportQuerySchema,
  partnerContactsSchema,
  partnerDetailsSchema,
  partnerInputSchema,
  partnerListQuerySchema,
  partnerSearchQuerySchema,
  resolveExpiredSchema,
  withdrawSchema,
} from '../../features/partners/schema';

/** Staff JSON API for partners (README.md, Staff API). */
export async function partnerRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', requireStaff(deps));

  app.post('/api/partners', { schema: { body: partnerInputSchema } }, async (request, reply) => {
    const created = await onboardPartner(
      { ...deps, log: (error) => request.log.warn({ err: error }, 'could not start journey') },
      request.body,
      { staffUserId: staffUserOf(request).id },
    );
    return reply.status(201).header('location', `/api/partners/${created.id}`).send(created);
  });

  app.get('/api/partners', { schema: { querystring: partnerListQuerySchema } }, async (request) => {
    const { responsible, ...filters } = request.query;
    const responsibleUserId =
      responsible === 'me' ? staffUserOf(request).id : responsible ? Number(responsible) : undefined;
    const partners = await listPartners(deps.db, { ...filters, responsibleUserId });
    return { partners };
  });

  // The planning forms' partner search (api/html/invitee-choice-form.ts): a few matches, not the whole list.
  app.get('/api/partners/search', { schema: { querystring: partnerSearchQuerySchema } }, async (request) => {
    const found = await invitablePartnersHolding(deps.db, request.query.q, partnerSearchLimit);
    return { partners: found };
  });

  const ended = () => new ApiError(409, 'journey_ended', 'This journey has already ended; nothing was changed.');

  app.post('/api/partners/:id/withdraw', { schema: { params: idParams, body: withdrawSchema } }, async (request) => {
    const handle = await journeyHandle(deps, request.params.id);
    try {
      const state = await withdrawPartner(deps, request.params.id, handle, {
        reason: request.body.reason.trim(),
        by: actorReference(staffUserOf(request)),
      });
      return { id: request.params.id, stage: state.stage, status: state.status };
    } catch (error) {
      throw updateErrorToApiError(error, ended);
    }
  });

  app.post(
    '/api/partners/:id/expired-request',
    { schema: { params: idParams, body: resolveExpiredSchema } },
    async (request) => {
      const handle = await journeyHandle(deps, request.params.id);
      try {
        const state = await handle.executeUpdate(resolveExpiredRequestUpdate, {
          args: [{ action: request.body.action, by: actorReference(staffUserOf(request)) }],
        });
        return { id: request.params.id, stage: state.stage, status: state.status };
      } catch (error) {
        throw updateErrorToApiError(error, ended);
      }
    },
  );

  app.patch('/api/partners/:id', { schema: { params: idParams, body: partnerDetailsSchema } }, async (request) => {
    const by = actorReference(staffUserOf(request));
    const { changed } = await changePartnerDetails(deps, request.params.id, request.body, by);
    return { id: request.params.id, changed };
  });

  app.put(
    '/api/partners/:id/contacts',
    { schema: { params: idParams, body: partnerContactsSchema } },
    async (request) => {
      const by = actorReference(staffUserOf(request));
      const result = await setPartnerContacts(deps, request.params.id, request.body.contacts, by);
      return { id: request.params.id, ...result };
    },
  );

  app.get(
    '/api/partners/:id/export',
    { schema: { params: idParams, querystring: exportQuerySchema } },
    async (request, reply) => {
      const contact = request.query.contact === undefined ? undefined : Number(request.query.contact);
      const data = await exportPartner(deps, request.params.id, contact, exportReader(staffUserOf(request)));
      const about = contact === undefined ? '' : `-contact-${contact}`;
      const day = data.exportedAt.slice(0, 10);
      return reply
        .header('content-disposition', `attachment; filename="${request.params.id}${about}-${day}.json"`)
        .send(data);
    },
  );

  app.get('/api/partners/:id', { schema: { params: idParams } }, async (request) => {
    const partner = await getPartnerDetail(deps.db, request.params.id);
    if (!partner) throw new ApiError(404, 'partner_not_found', `There is no partner with id "${request.params.id}".`);
    const { referralUrl, referredBy } = await referralsOf(deps.db, deps.config, partner.id);
    return {
      ...partner,
      temporalUiUrl: temporalUiUrl(deps.config, partner.workflowId),
      referralUrl,
      referredBy,
      // What it proposed or supports in the portfolio (issue 24).
      initiatives: await partnerInitiatives(deps.db, partner.id),
    };
  });
}
