import { type Static, Type } from 'typebox';
import type { AppDeps } from '../deps';
import { ApiError } from '../../http/api-error';
import { invalidRequest } from '../../http/validation';

/** POST /api/projects/:id/close, and the project page's form: the outcome of a running project. */
export const closeProjectSchema = Type.Object(
  {
    /** A short evaluation against the project's aim. */
    evaluation: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }),
    /** How well it reached its aim, from 1 (not at all) to 5 (fully). */
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    /** What the network learned. */
    learned: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }),
  },
  { additionalProperties: false },
);
export type CloseProjectBody = Static<typeof closeProjectSchema>;

/**
 * Closes a running project with its outcome. Its workflow completed when the project started
 * running (workflows/prototype-project.ts), so nothing is sent to Temporal: the outcome is recorded
 * in Postgres, on the timeline of each partner taking part, and its initiative (if any) is done. The
 * partners' journeys carry on in monitoring. A project that is not running is a 400, and nothing changes.
 */
export async function closeProject(
  deps: Pick<AppDeps, 'db'>,
  id: string,
  body: CloseProjectBody,
  closedBy: string,
): Promise<{ id: string; status: 'closed'; initiativeId: string | null }> {
  return deps.db.transaction().execute(async (tx) => {
    const project = await tx
      .selectFrom('projects')
      .select(['id', 'status', 'initiative_id'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!project) throw new ApiError(404, 'project_not_found', `There is no project with id "${id}".`);
    if (project.status !== 'running')
      throw invalidRequest([
        { field: 'project', message: `is ${project.status}: only a running project can be closed` },
      ]);
    const closedAt = new Date();
    await tx
      .updateTable('projects')
      .set({
        status: 'closed',
        closed_at: closedAt,
        evaluation: body.evaluation,
        score: body.score,
        learned: body.learned,
        closed_by: closedBy,
        updated_at: closedAt,
      })
      .where('id', '=', id)
      .execute();
    // Its partners' part in it ends here (the map's "takes part in").
    await tx
      .updateTable('project_partners')
      .set({ left_at: closedAt })
      .where('project_id', '=', id)
      .where('joined_at', 'is not', null)
      .where('left_at', 'is', null)
      .execute();
    const partners = await tx
      .selectFrom('project_partners')
      .select('partner_id')
      .where('project_id', '=', id)
      .where('status', '=', 'confirmed')
      .execute();
    if (partners.length)
      await tx
        .insertInto('journey_events')
        .values(
          partners.map((p) => ({
            partner_id: p.partner_id,
            idempotency_key: `project/${id}/${p.partner_id}/closed`,
            type: 'project_closed',
            summary: `prototype project ${id}: closed with score ${body.score}`,
            data: { projectId: id, score: body.score },
          })),
        )
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute();
    if (project.initiative_id)
      await tx
        .updateTable('initiatives')
        .set({ status: 'done', updated_at: closedAt })
        .where('id', '=', project.initiative_id)
        .execute();
    return { id, status: 'closed' as const, initiativeId: project.initiative_id };
  });
}
