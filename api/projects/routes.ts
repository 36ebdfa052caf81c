import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../auth/plugin';
import type { ApiDeps } from '../deps';
import { createProject, type ProjectBody, projectSchema } from './create-project';

/** Staff API for prototype projects (README.md, Staff API): create one (inviting its partners), list them. */
export async function projectRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.addHook('onRequest', requireStaff(deps));

  app.post<{ Body: ProjectBody }>('/api/projects', { schema: { body: projectSchema } }, async (request, reply) =>
    reply.status(201).send(await createProject(deps, request.body)),
  );

  app.get('/api/projects', async () => {
    const projects = await deps.db.selectFrom('projects').selectAll().orderBy('created_at', 'desc').execute();
    const partners = await deps.db
      .selectFrom('project_partners')
      .innerJoin('partners', 'partners.id', 'project_partners.partner_id')
      .select(['project_partners.project_id', 'partners.id', 'partners.name', 'project_partners.status'])
      .execute();
    return {
      projects: projects.map((p) => ({
        id: p.id,
        title: p.title,
        description: p.description,
        levers: p.levers,
        status: p.status,
        createdAt: p.created_at,
        partners: partners.filter((pp) => pp.project_id === p.id).map(({ id, name, status }) => ({ id, name, status })),
      })),
    };
  });
}
