import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../auth/plugin';
import type { AppDeps } from '../../features/deps';
import { createProject, type ProjectBody, projectSchema } from '../../features/projects/create-project';
import { projectPortfolio } from '../../features/projects/queries';

/** Staff API for prototype projects (README.md, Staff API): create one (inviting its partners), list them. */
export async function projectRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.addHook('onRequest', requireStaff(deps));

  app.post<{ Body: ProjectBody }>('/api/projects', { schema: { body: projectSchema } }, async (request, reply) =>
    reply.status(201).send(await createProject(deps, request.body)),
  );

  app.get('/api/projects', async () => ({
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
