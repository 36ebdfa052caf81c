import {
  CancelledFailure,
  ChildWorkflowFailure,
  executeChild,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  TerminatedFailure,
} from '@temporalio/workflow';
import { journeyWorkflowId } from '../domain/workflow-ids';
import type { TopicOf } from '../domain/request-topics';
import { activities } from './activity-proxies';
import { joinedProjectSignal, type ProjectInput, type ProjectResult, type RequestOutcome } from './definitions';
import { answered, newRequestId, request, requestChildOptions } from './request';

const { recordProjectStatus, recordProjectAnswer, notifyProjectCancelled } = activities;

/** Patch id of release v3's change: a partner whose invitation was cancelled or terminated is left out. */
export const projectGoesOnPatch = 'project-goes-on-without-ended-partners';

/** The invitation was cancelled or terminated: the partner's journey was withdrawn, or its data erased. */
const invitationEnded = (error: unknown) =>
  error instanceof ChildWorkflowFailure &&
  (error.cause instanceof CancelledFailure || error.cause instanceof TerminatedFailure);

/**
 * A joint prototype project (`project-<projectId>`): every invited partner's coordinator is asked
 * to confirm. Once all have answered or let the request expire, the project runs with those who
 * confirmed (each journey is told), or is cancelled when no one did. Since v3 a partner whose
 * invitation was cancelled or terminated is left out, and the project goes on with the others.
 */
export async function prototypeProject(input: ProjectInput): Promise<ProjectResult> {
  const { project } = input;
  // Asked once, at the start: a project that began before v3 keeps failing as it did, to its end.
  const goesOnWithoutEnded = patched(projectGoesOnPatch);
  const answers = await Promise.all(
    input.partners.map(async (partner) => {
      const requestId = newRequestId(partner.id);
      let outcome: RequestOutcome<TopicOf<'project'>>;
      try {
        outcome = await executeChild(request<TopicOf<'project'>>, {
          ...requestChildOptions(requestId),
          args: [
            {
              requestId,
              partner: { id: partner.id, name: partner.name },
              recipient: partner.coordinator ?? { role: 'coordinator' },
              topic: { kind: 'project', project },
              policy: input.policy,
            },
          ],
          staticSummary: `invite ${partner.name} to "${project.title}"`,
        });
      } catch (error) {
        if (!goesOnWithoutEnded || !invitationEnded(error)) throw error;
        await recordProjectAnswer({ projectId: project.id, partnerId: partner.id, status: 'left_out' });
        return { partner, status: 'left_out' } as const;
      }
      const invitation = answered(outcome);
      const status = !invitation ? 'expired' : invitation.answer.decision === 'approve' ? 'confirmed' : 'declined';
      await recordProjectAnswer({ projectId: project.id, partnerId: partner.id, status });
      return { partner, status } as const;
    }),
  );

  const confirmed = answers.filter((a) => a.status === 'confirmed').map((a) => a.partner);
  const leftOut = answers.filter((a) => a.status === 'left_out').map((a) => a.partner.id);
  if (confirmed.length === 0) {
    await recordProjectStatus({ projectId: project.id, status: 'cancelled' });
    await notifyProjectCancelled({
      project,
      invited: answers.map((a) => ({
        partnerName: a.partner.name,
        outcome: a.status === 'declined' ? 'declined' : 'expired',
      })),
    });
    return { status: 'cancelled', confirmed: [], ...(leftOut.length ? { leftOut } : {}) };
  }
  await recordProjectStatus({ projectId: project.id, status: 'running' });
  for (const partner of confirmed) {
    try {
      await getExternalWorkflowHandle(journeyWorkflowId(partner.id)).signal(joinedProjectSignal, {
        projectId: project.id,
        title: project.title,
      });
    } catch (error) {
      // A journey that ended meanwhile (withdrawn, erased) has nothing to join.
      if (!goesOnWithoutEnded || isCancellation(error)) throw error;
    }
  }
  return { status: 'running', confirmed: confirmed.map((p) => p.id), ...(leftOut.length ? { leftOut } : {}) };
}
