import { randomUUID } from 'node:crypto';
import { type Static, Type } from 'typebox';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { terminalStages } from '../../domain/journey';
import { partnerIdFromName } from '../../domain/partner';
import { levers } from '../../domain/vocabulary';
import { projectWorkflowId } from '../../domain/workflow-ids';
import type { ProjectInput } from '../../workflows/definitions';
import { ApiError, engineUnavailable } from '../../http/api-error';
import type { AppDeps } from '../deps';
import { startWorkflow } from '../../temporal/start-workflow';
import { engineReachable } from '../../temporal/client';
import { idempotencyKeySchema } from '../../http/idempotency-key';
import { oneLineText } from '../../http/one-line-text';
import { vocabularyKey } from '../../http/vocabulary-schema';
import { invalidRequest } from '../../http/validation';

/** POST /api/projects, and the staff page's form. */
export const projectSchema = Type.Object(
  {
    /** Title, description, levers and partners are required, unless `initiativeId` fills them in. */
    title: Type.Optional(oneLineText(3, 200)),
    description: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
    levers: Type.Optional(Type.Array(vocabularyKey(levers), { minItems: 1, uniqueItems: true })),
    partnerIds: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 200, uniqueItems: true }),
    ),
    /** The portfolio's initiative it starts from: its title, description, levers and partners are the defaults. */
    initiativeId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** The same key again creates nothing (409 with the project's id); without one, the title is the key. */
    idempotencyKey: Type.Optional(idempotencyKeySchema),
  },
  { additionalProperties: false },
);
export type ProjectBody = Static<typeof projectSchema>;
type CompleteProject = Required<Pick<ProjectBody, 'title' | 'description' | 'levers' | 'partnerIds'>> & ProjectBody;

/** Initiatives a project may start from: not parked, not yet in a project nor done. */
const startableStatuses = ['proposed', 'prioritised'] as const;

/**
 * The body with what it leaves out taken from its initiative (title, description, levers, and its
 * proposing and supporting partners whose journey has not ended); a 400 naming what is missing.
 */
async function completed(deps: AppDeps, body: ProjectBody): Promise<CompleteProject> {
  let defaults: Partial<CompleteProject> = {};
  if (body.initiativeId !== undefined) {
    const initiative = await deps.db
      .selectFrom('initiatives')
      .select(['id', 'title', 'description', 'levers', 'status'])
      .where('id', '=', body.initiativeId)
      .executeTakeFirst();
    if (!initiative)
      throw invalidRequest([{ field: 'initiativeId', message: `unknown initiative ${body.initiativeId}` }]);
    if (!(startableStatuses as readonly string[]).includes(initiative.status))
      throw invalidRequest([
        {
          field: 'initiativeId',
          message: `the initiative is ${initiative.status}: only a proposed or prioritised one starts a project`,
        },
      ]);
    const partners = await deps.db
      .selectFrom('initiative_partners')
      .innerJoin('journeys', 'journeys.partner_id', 'initiative_partners.partner_id')
      .select(['initiative_partners.partner_id as id', 'journeys.stage'])
      .where('initiative_partners.initiative_id', '=', initiative.id)
      .orderBy('initiative_partners.since')
      .execute();
    defaults = {
      title: initiative.title,
      description: initiative.description,
      levers: initiative.levers,
      partnerIds: partners.filter((p) => !terminalStages.includes(p.stage)).map((p) => p.id),
    };
  }
  const whole = { ...defaults, ...body };
  const missing = (['title', 'description', 'levers', 'partnerIds'] as const).filter(
    (field) => whole[field] === undefined || (Array.isArray(whole[field]) && whole[field].length === 0),
  );
  if (missing.length)
    throw invalidRequest(
      missing.map((field) => ({
        field,
        message:
          body.initiativeId !== undefined && field === 'partnerIds'
            ? 'the initiative has no partner to invite'
            : 'is required',
      })),
    );
  return whole as CompleteProject;
}

/**
 * Creates a prototype project and starts its workflow, which invites every partner's coordinator.
 * The one way to create a project: the JSON API and the staff page both call it.
 */
export async function createProject(
  deps: AppDeps,
  given: ProjectBody,
): Promise<{ id: string; workflowId: string; status: 'inviting' }> {
  const body = await completed(deps, given);
  const titleKey = partnerIdFromName(body.title);
  if (!titleKey) throw new ApiError(400, 'invalid_request', 'title: must contain letters or digits');
  // Opaque: an id (and workflow id) built from the title could name a person.
  const id = randomUUID();
  const idempotencyKey = body.idempotencyKey ?? titleKey;
  const coordinators = await deps.db
    .selectFrom('partners')
    .innerJoin('journeys', 'journeys.partner_id', 'partners.id')
    .innerJoin('contacts', 'contacts.partner_id', 'partners.id')
    .select(['partners.id', 'partners.name', 'journeys.stage'])
    .where('partners.id', 'in', body.partnerIds)
    .where('contacts.role', '=', 'coordinator')
    .orderBy('contacts.id')
    .execute();
  const invited = body.partnerIds.map((partnerId) => coordinators.find((c) => c.id === partnerId));
  const unknown = body.partnerIds.filter((_, i) => !invited[i]);
  if (unknown.length)
    throw new ApiError(400, 'invalid_request', `partnerIds: unknown partner ${unknown.join(', ')}`, [
      { field: 'partnerIds', message: `unknown: ${unknown.join(', ')}` },
    ]);
  const ended = invited.filter((c) => terminalStages.includes(c!.stage));
  if (ended.length)
    throw new ApiError(
      400,
      'invalid_request',
      `partnerIds: ${ended.map((c) => c!.id).join(', ')} ended their journey and cannot be invited`,
    );

  const input: ProjectInput = {
    project: { id, title: body.title.trim(), description: body.description, levers: body.levers },
    // Organisations only: each invitation goes to the partner's coordinator, whom the activity loads.
    partners: invited.map((c) => ({ id: c!.id, name: c!.name })),
    policy: deps.config.policy,
  };
  await deps.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('projects')
      .values({
        id,
        idempotency_key: idempotencyKey,
        title: input.project.title,
        description: body.description,
        levers: JSON.stringify(body.levers),
        initiative_id: body.initiativeId ?? null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const existing = await tx
        .selectFrom('projects')
        .select('id')
        .where('idempotency_key', '=', idempotencyKey)
        .executeTakeFirstOrThrow();
      const what = body.idempotencyKey === undefined ? `a title like "${body.title}"` : 'this form or idempotency key';
      throw new ApiError(409, 'project_exists', `A project "${existing.id}" was already created with ${what}.`, {
        id: existing.id,
      });
    }
    if (body.initiativeId !== undefined) {
      // The initiative goes into the project once: a second project from it, concurrently, finds it taken.
      const taken = await tx
        .updateTable('initiatives')
        .set({ status: 'in_project', updated_at: new Date() })
        .where('id', '=', body.initiativeId)
        .where('status', 'in', startableStatuses)
        .returning('id')
        .executeTakeFirst();
      if (!taken) throw invalidRequest([{ field: 'initiativeId', message: 'the initiative is already in a project' }]);
    }
    await tx
      .insertInto('project_partners')
      .values(body.partnerIds.map((partnerId) => ({ project_id: id, partner_id: partnerId })))
      .execute();
    await engineReachable(deps.temporal);
    try {
      await startWorkflow(deps.temporal, 'prototypeProject', {
        workflowId: projectWorkflowId(id),
        taskQueue: deps.config.temporal.taskQueue,
        args: [input],
        staticSummary: `prototype project "${input.project.title}" with ${input.partners.length} invited partners`,
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError)
        throw new ApiError(409, 'project_exists', `Project "${id}" already exists.`, { id });
      throw engineUnavailable();
    }
  });
  return { id, workflowId: projectWorkflowId(id), status: 'inviting' };
}
