import { executeChild, getExternalWorkflowHandle, uuid4 } from '@temporalio/workflow';
import { journeyWorkflowId } from '../domain/workflow-ids';
import { activities } from './activity-proxies';
import { joinedProjectSignal, type ProjectInput, type ProjectResult } from './definitions';
import { request, requestChildOptions } from './request';

const { recordProjectStatus, recordProjectAnswer, notifyProjectCancelled } = activities;

/**
 * A joint prototype project (`project-<projectId>`): every invited partner's coordinator is asked
 * to confirm. Once all have answered or let the request expire, the project runs with those who
 * confirmed (each journey is told), or is cancelled when no one did.
 */
export async function prototypeProject(input: ProjectInput): Promise<ProjectResult> {
  const { project } = input;
  const answers = await Promise.all(
    input.partners.map(async (partner) => {
      const requestId = uuid4();
      const outcome = await executeChild(request, {
        ...requestChildOptions(requestId),
        args: [
          {
            requestId,
            partner: { id: partner.id, name: partner.name },
            recipient: partner.coordinator,
            topic: { kind: 'project', project },
            policy: input.policy,
          },
        ],
        staticSummary: `invite ${partner.name} to "${project.title}"`,
      });
      const status =
        outcome.status !== 'answered' ? 'expired' : outcome.answer?.decision === 'approve' ? 'confirmed' : 'declined';
      await recordProjectAnswer({ projectId: project.id, partnerId: partner.id, status });
      return { partner, status } as const;
    }),
  );

  const confirmed = answers.filter((a) => a.status === 'confirmed').map((a) => a.partner);
  if (confirmed.length === 0) {
    await recordProjectStatus({ projectId: project.id, status: 'cancelled' });
    await notifyProjectCancelled({
      project,
      invited: answers.map((a) => ({
        partnerName: a.partner.name,
        outcome: a.status === 'declined' ? 'declined' : 'expired',
      })),
    });
    return { status: 'cancelled', confirmed: [] };
  }
  await recordProjectStatus({ projectId: project.id, status: 'running' });
  for (const partner of confirmed) {
    await getExternalWorkflowHandle(journeyWorkflowId(partner.id)).signal(joinedProjectSignal, {
      projectId: project.id,
      title: project.title,
    });
  }
  return { status: 'running', confirmed: confirmed.map((p) => p.id) };
}
