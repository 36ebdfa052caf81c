import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireStaff } from '../../auth/plugin';
import { ApiError } from '../../http/api-error';
import { idParams } from '../../http/id-params';
import type { AppDeps } from '../../features/deps';
import { closeRoundNow } from '../../features/rounds/close-round';
import { openRound, roundSchema } from '../../features/rounds/open-round';
import { ballotsOfPartner, roundDetail, roundJson, roundList, roundSummaryJson } from '../../features/rounds/queries';

/** Staff API for prioritisation rounds (README.md, "Prioritisation rounds"). */
export async function roundRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', requireStaff(deps));

  app.post('/api/prioritisation-rounds', { schema: { body: roundSchema } }, async (request, reply) => {
    const { id, workflowId, status, ballots } = await openRound(deps, request.body);
    return reply.status(201).send({ id, workflowId, status, ballots });
  });

  app.get('/api/prioritisation-rounds', async () => ({
    prioritisationRounds: (await roundList(deps.db)).map((r) => ({
      ...roundSummaryJson(r),
      ballots: Number(r.ballots),
      answered: Number(r.answered),
    })),
  }));

  app.get('/api/prioritisation-rounds/:id', { schema: { params: idParams } }, async (request) => {
    const detail = await roundDetail(deps.db, request.params.id);
    if (!detail) throw new ApiError(404, 'round_not_found', `There is no prioritisation round "${request.params.id}".`);
    return roundJson(detail);
  });

  /** A partner's ballots, newest round first (its page lists the same). */
  app.get('/api/partners/:id/ballots', { schema: { params: idParams } }, async (request) => {
    const partner = await deps.db
      .selectFrom('partners')
      .select('id')
      .where('id', '=', request.params.id)
      .executeTakeFirst();
    if (!partner) throw new ApiError(404, 'partner_not_found', `There is no partner with id "${request.params.id}".`);
    return {
      ballots: (await ballotsOfPartner(deps.db, request.params.id)).map((b) => ({
        id: b.id,
        roundId: b.round_id,
        roundTitle: b.title,
        roundStatus: b.roundStatus,
        closesAt: b.closes_at,
        status: b.status,
        via: b.answer_via,
        answeredAt: b.answered_at,
      })),
    };
  });

  app.post('/api/prioritisation-rounds/:id/close', { schema: { params: idParams } }, async (request) =>
    closeRoundNow(deps, request.params.id),
  );
}
