import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireStaff } from '../../auth/plugin';
import { idParams } from '../../http/id-params';
import type { AppDeps } from '../../features/deps';
import { addInitiative } from '../../features/initiatives/add-initiative';
import { editInitiative, initiativeNotFound } from '../../features/initiatives/edit-initiative';
import { initiativesCsv } from '../../features/initiatives/initiatives-csv';
import { learningCsv, learningFigures } from '../../features/initiatives/learning';
import { initiativeDetail, initiativeJson, listInitiatives } from '../../features/initiatives/queries';
import { initiativeChangeSchema, initiativeFiltersSchema, initiativeSchema } from '../../features/initiatives/schema';

/** Staff API for the portfolio of initiatives (README.md, "Initiatives"). */
export async function initiativeRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', requireStaff(deps));

  app.post('/api/initiatives', { schema: { body: initiativeSchema } }, async (request, reply) =>
    reply.status(201).send(await addInitiative(deps.db, request.body)),
  );

  app.get('/api/initiatives', { schema: { querystring: initiativeFiltersSchema } }, async (request) => ({
    initiatives: (await listInitiatives(deps.db, request.query)).map(initiativeJson),
  }));

  app.get('/api/initiatives.csv', { schema: { querystring: initiativeFiltersSchema } }, async (request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="integratiepact-initiatives.csv"')
      .send(initiativesCsv(await listInitiatives(deps.db, request.query))),
  );

  app.get('/api/initiatives/learning', async () => learningFigures(deps.db));

  app.get('/api/initiatives/learning.csv', async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="integratiepact-learning.csv"')
      .send(learningCsv(await learningFigures(deps.db))),
  );

  app.get('/api/initiatives/:id', { schema: { params: idParams } }, async (request) => {
    const detail = await initiativeDetail(deps.db, request.params.id);
    if (!detail) throw initiativeNotFound(request.params.id);
    return {
      ...initiativeJson(detail),
      project: detail.project
        ? {
            id: detail.project.id,
            title: detail.project.title,
            status: detail.project.status,
            closedAt: detail.project.closedAt,
            evaluation: detail.project.evaluation,
            score: detail.project.score,
            learned: detail.project.learned,
          }
        : null,
      rounds: detail.rounds,
    };
  });

  app.patch('/api/initiatives/:id', { schema: { params: idParams, body: initiativeChangeSchema } }, async (request) =>
    editInitiative(deps.db, request.params.id, request.body),
  );
}
