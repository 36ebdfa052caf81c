import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorReference, requireStaff, staffUserOf } from '../../auth/plugin';
import type { AppDeps } from '../../features/deps';
import { approveJoin, getJoinRequest, listJoinRequests, rejectJoin } from '../../features/joining/review';
import { joinRequestListQuery, joinRequestParams, rejectJoinSchema } from '../../features/joining/schema';
import { ApiError } from '../../http/api-error';

/** Staff API for the joins from the public form (README.md, Joining the pact): list, read, approve, reject. */
export async function joinRequestRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', requireStaff(deps));

  app.get('/api/join-requests', { schema: { querystring: joinRequestListQuery } }, async (request) => ({
    joinRequests: await listJoinRequests(deps.db, request.query),
  }));

  app.get('/api/join-requests/:id', { schema: { params: joinRequestParams } }, async (request) => {
    const join = await getJoinRequest(deps.db, request.params.id);
    if (!join) throw new ApiError(404, 'join_request_not_found', `There is no join request "${request.params.id}".`);
    return join;
  });

  app.post('/api/join-requests/:id/approve', { schema: { params: joinRequestParams } }, async (request, reply) => {
    const user = staffUserOf(request);
    const created = await approveJoin(
      { ...deps, log: (error) => request.log.warn({ err: error }, 'could not start journey') },
      request.params.id,
      { staffUserId: user.id, actor: actorReference(user) },
    );
    return reply.status(201).header('location', `/api/partners/${created.id}`).send(created);
  });

  app.post(
    '/api/join-requests/:id/reject',
    { schema: { params: joinRequestParams, body: rejectJoinSchema } },
    async (request) =>
      rejectJoin(deps.db, request.params.id, request.body.reason.trim(), {
        actor: actorReference(staffUserOf(request)),
      }),
  );
}
