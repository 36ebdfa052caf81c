import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireStaff, staffUserOf } from '../../auth/plugin';
import { noFiltersQuery } from '../../http/list-query';
import type { AppDeps } from '../../features/deps';
import { createProject, projectSchema } from '../../features/projects/create-project';
import { projectPortfolio } from '../../features/projects/queries';
import { closeProject, closeProjectSchema } from '../../features/projects/close-project';
import { idParams } from '../../http/id-params';

/** Staff API for prototype projects (README.md, Staff API): create one (inviting its partners), list them. */
export async function projectRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', requireStaff(deps));

  app.post('/api/projects', { schema: { body: projectSchema } }, async (request, reply) =>
    reply.status(201).send(await createProject(deps, request.body)),
  );

  app.post('/api/projects/:id/close', { schema: { params: idParams, body: closeProjectSchema } }, async (request) =>
    closeProject(deps, request.params.id, request.body, staffUserOf(request).email),
  );

  app.get('/api/projects', { schema: { querystring: noFiltersQuery } }, async () => ({
    projects: (await projectPortfolio(deps.db)).map((p) => ({
      id: p.id,
      title: p.title,
      description: p.description,
      levers: p.levers,
      status: p.status,
      initiativeId: p.initiative_id,
      createdAt: p.created_at,
      outcome:
        p.status === 'closed'
          ? { closedAt: p.closed_at, evaluation: p.evaluation, score: p.score, learned: p.learned }
          : null,
      partners: p.partners.map(({ id, name, status }) => ({ id, name, status })),
    })),
  }));
}
