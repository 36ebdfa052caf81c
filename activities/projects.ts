import { sql } from 'kysely';
import type { InitiativeStatus } from '../domain/initiatives';
import type { ProjectPartnerStatus, ProjectStatus } from '../db/schema';
import type { ProjectSummary } from '../domain/request-topics';
import { renderProjectCancelledEmail } from '../mail/templates/staff-emails';
import type { ActivityDeps } from './deps';
import { appendJourneyEvent } from './journey-events';

export function projectActivities({ db, outbox, config }: ActivityDeps) {
  return {
    async recordProjectStatus({ projectId, status }: { projectId: string; status: ProjectStatus }): Promise<void> {
      const now = new Date();
      await db.transaction().execute(async (tx) => {
        const project = await tx
          .updateTable('projects')
          .set({ status, updated_at: now })
          .where('id', '=', projectId)
          .returning('initiative_id')
          .executeTakeFirst();
        if (status !== 'cancelled') return;
        // A cancelled project ends every part in it (the map's "takes part in" ends here).
        await tx
          .updateTable('project_partners')
          .set({ left_at: now })
          .where('project_id', '=', projectId)
          .where('joined_at', 'is not', null)
          .where('left_at', 'is', null)
          .execute();
        // A project nobody joined gives its initiative back to the portfolio, where it stood before.
        if (project?.initiative_id)
          await tx
            .updateTable('initiatives')
            .set({
              status: sql<InitiativeStatus>`case when priority_rank is null then 'proposed' else 'prioritised' end`,
              updated_at: now,
            })
            .where('id', '=', project.initiative_id)
            .where('status', '=', 'in_project')
            .execute();
      });
    },

    /** One invited partner's answer: confirmed, declined, or expired without an answer. */
    async recordProjectAnswer({
      projectId,
      partnerId,
      status,
    }: {
      projectId: string;
      partnerId: string;
      status: ProjectPartnerStatus;
    }): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const now = new Date();
        await tx
          .updateTable('project_partners')
          .set({
            status,
            answered_at: now,
            ...(status === 'confirmed' ? { joined_at: now } : {}),
          })
          .where('project_id', '=', projectId)
          .where('partner_id', '=', partnerId)
          .execute();
        // Left out after confirming: the part ends; left out before, it never began.
        if (status === 'left_out')
          await tx
            .updateTable('project_partners')
            .set({ left_at: now })
            .where('project_id', '=', projectId)
            .where('partner_id', '=', partnerId)
            .where('joined_at', 'is not', null)
            .where('left_at', 'is', null)
            .execute();
        await appendJourneyEvent(tx, {
          partnerId,
          key: `project/${projectId}/${partnerId}/answer`,
          type: `project_${status}`,
          summary: `prototype project ${projectId}: ${status}`,
          data: { projectId },
        });
      });
    },

    async notifyProjectCancelled({
      project,
      invited,
    }: {
      project: ProjectSummary;
      invited: { partnerName: string; outcome: 'declined' | 'expired' }[];
    }): Promise<void> {
      const email = renderProjectCancelledEmail({ project, invited });
      await outbox.send(
        // Organisations' names only: about no one's people.
        { idempotencyKey: `project/${project.id}/cancelled`, to: config.staffEmail, partnerIds: [], ...email },
        { from: config.mailFrom },
      );
    },
  };
}
