import type { FastifyInstance } from 'fastify';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { partnerIdFromName } from '../../domain/partner';
import type { Lever } from '../../domain/vocabulary';
import { levers } from '../../domain/vocabulary';
import { projectWorkflowId } from '../../domain/workflow-ids';
import type { ProjectInput } from '../../workflows/definitions';
import { ApiError, engineUnavailable } from '../errors';
import type { ApiDeps } from '../server';
import { requireStaff } from '../../auth/plugin';

interface ProjectBody {
  title: string;
  description: string;
  levers: Lever[];
  partnerIds: string[];
}

const projectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'description', 'levers', 'partnerIds'],
  properties: {
    title: { type: 'string', minLength: 3, maxLength: 200, pattern: '\\S' },
    description: { type: 'string', minLength: 1, maxLength: 5000 },
    levers: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: levers.keys } },
    partnerIds: { type: 'array', minItems: 1, maxItems: 200, uniqueItems: true, items: { type: 'string', minLength: 1 } },
  },
} as const;

/** Staff API for prototype projects (DESIGN §4): create one (inviting its partners), list them. */
export async function projectRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.addHook('onRequest', requireStaff(deps));

  app.post<{ Body: ProjectBody }>('/api/projects', { schema: { body: projectSchema } }, async (request, reply) => {
    const body = request.body;
    const id = partnerIdFromName(body.title);
    if (!id) throw new ApiError(400, 'invalid_request', 'title: must contain letters or digits');
    const coordinators = await deps.db
      .selectFrom('partners')
      .innerJoin('journeys', 'journeys.partner_id', 'partners.id')
      .innerJoin('contacts', 'contacts.partner_id', 'partners.id')
      .select(['partners.id', 'partners.name', 'journeys.stage', 'contacts.name as contactName', 'contacts.email', 'contacts.language'])
      .where('partners.id', 'in', body.partnerIds)
      .where('contacts.role', '=', 'coordinator')
      .orderBy('contacts.id')
      .execute();
    const invited = body.partnerIds.map((partnerId) => coordinators.find((c) => c.id === partnerId));
    const unknown = body.partnerIds.filter((_, i) => !invited[i]);
    if (unknown.length) throw new ApiError(400, 'invalid_request', `partnerIds: unknown partner ${unknown.join(', ')}`, [{ field: 'partnerIds', message: `unknown: ${unknown.join(', ')}` }]);
    const ended = invited.filter((c) => ['withdrawn', 'lapsed', 'completed'].includes(c!.stage));
    if (ended.length) throw new ApiError(400, 'invalid_request', `partnerIds: ${ended.map((c) => c!.id).join(', ')} ended their journey and cannot be invited`);

    const input: ProjectInput = {
      project: { id, title: body.title.trim(), description: body.description, levers: body.levers },
      partners: invited.map((c) => ({ id: c!.id, name: c!.name, coordinator: { name: c!.contactName, email: c!.email, language: c!.language } })),
      staff: { name: 'Integratiepact', email: deps.config.staffEmail, language: 'nl' },
      policy: deps.config.policy,
    };
    await deps.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('projects')
        .values({ id, title: input.project.title, description: body.description, levers: JSON.stringify(body.levers) })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw new ApiError(409, 'project_exists', `A project with a title like "${body.title}" already exists with id "${id}".`, { id });
      await tx.insertInto('project_partners').values(body.partnerIds.map((partnerId) => ({ project_id: id, partner_id: partnerId }))).execute();
      try {
        await deps.temporal.workflow.start('prototypeProject', {
          workflowId: projectWorkflowId(id),
          taskQueue: deps.config.temporal.taskQueue,
          args: [input],
          staticSummary: `prototype project "${input.project.title}" with ${input.partners.length} invited partners`,
        });
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) throw new ApiError(409, 'project_exists', `Project "${id}" already exists.`, { id });
        throw engineUnavailable();
      }
    });
    return reply.status(201).send({ id, workflowId: projectWorkflowId(id), status: 'inviting' });
  });

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
