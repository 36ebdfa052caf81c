import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireStaff } from '../../auth/plugin';
import { noFiltersQuery } from '../../http/list-query';
import type { AppDeps } from '../../features/deps';
import { createProject, projectSchema } from '../../features/projects/create-project';
import { projectPortfolio } from '../../features/projects/queries';

/** Staff API for prototype projects (README.md, Staff API): create one (inviting its partners), list them. */
export async function projectRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', requireStaff(deps));

  app.post('/api/projects', { schema: { body: projectSchema } }, async (request, reply) =>
    reply.status(201).send(await createProject(deps, request.body)),
  );

  app.get('/api/projects', { schema: { querystring: noFiltersQuery } }, async () => ({
    projects: (await projectPortfolio(deps.db)).map((p) => ({
      id: p.id,
      title: p.title,
      description: p.description,
      levers: p.levers,
      status: p.status,
      createdAt: p.created_at,
      partners: p.partners.map(({ id, name, status }) => ({ id, name, status })),
    })),
  }));
}
