// "Version 2" of the workflows, for tests/faults/versioning.test.ts only: the `request` workflow
// sends one reminder more than the policy's maximum, behind patched(). Everything else is today's
// code. A worker bundled from this file takes over the task queue while requests started by the
// product code (version 1) wait; they must carry on, and their histories must replay.
import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  setHandler,
} from '@temporalio/workflow';
import { answerProblems } from '../../domain/request-answers';
import { activities, shortStepActivities } from '../../workflows/activity-proxies';
import { recipientRole } from '../../workflows/recipients';
import {
  answerRequestUpdate,
  remindNowUpdate,
  type RequestInput,
  type RequestOutcome,
  requestOutcomeQuery,
  resendUpdate,
} from '../../workflows/definitions';

export { networkSummary, partnerJourney, prototypeProject, reportingPeriod, staffDigest } from '../../workflows';

export const extraReminderPatch = 'request-extra-reminder';

const { sendRequestReminder, escalateRequest, renewRequestLink } = activities;

/** workflows/request.ts with one change, marked v2. */
export async function request(input: RequestInput): Promise<RequestOutcome> {
  const { requestId, topic, policy } = input;
  const { openRequest, closeRequest } = shortStepActivities();
  const openedAt = Date.now();
  let outcome: RequestOutcome | undefined;
  let reminders = 0;
  // v2: one more reminder. A request that started on v1 replays with patched() false up to where
  // the v1 worker left it, then takes the new branch from its next step on.
  const maxReminders = () => policy.maxReminders + (patched(extraReminderPatch) ? 1 : 0);
  const stillOpen = () => {
    if (outcome)
      throw ApplicationFailure.nonRetryable(
        `This request is already ${outcome.status}.`,
        'RequestClosed',
        outcome.status,
      );
  };
  const close = (closed: RequestOutcome) =>
    closeRequest.executeWithOptions({ summary: `${topic.kind} request ${closed.status}` }, [
      { partnerId: input.partner.id, kind: topic.kind, outcome: closed },
    ]);

  setHandler(requestOutcomeQuery, () => outcome ?? null);
  setHandler(
    answerRequestUpdate,
    async ({ answer, via }) => {
      const answered: RequestOutcome = { requestId, status: 'answered', answer, via };
      outcome = answered;
      await close(answered);
      return answered;
    },
    {
      validator: ({ answer }) => {
        stillOpen();
        const problems = answerProblems(topic.kind, answer, {
          indicators: topic.kind === 'report' ? topic.indicators.map((i) => i.key) : undefined,
        });
        if (problems.length)
          throw ApplicationFailure.nonRetryable(
            problems.map((p) => `${p.field}: ${p.message}`).join('; '),
            'InvalidAnswer',
            problems,
          );
      },
    },
  );
  setHandler(
    remindNowUpdate,
    async () => {
      reminders += 1;
      await sendRequestReminder.executeWithOptions({ summary: `staff sent reminder ${reminders}` }, [
        { requestId, reminderNumber: reminders },
      ]);
      return { reminderNumber: reminders };
    },
    { validator: stillOpen },
  );
  let linkGeneration = 0;
  setHandler(
    resendUpdate,
    () =>
      renewRequestLink.executeWithOptions({ summary: 'staff re-sent the request with a new link' }, [
        { requestId, generation: ++linkGeneration },
      ]),
    {
      validator: stillOpen,
    },
  );

  try {
    await openRequest.executeWithOptions(
      { summary: `email the ${topic.kind} link to ${recipientRole(input.recipient)}` },
      [
        {
          ...input,
          dueAt: new Date(openedAt + policy.escalateAfterMs).toISOString(),
          expiresAt: new Date(openedAt + policy.expireAfterMs).toISOString(),
        },
      ],
    );
    const expireAt = openedAt + policy.expireAfterMs;
    const escalateAt = openedAt + policy.escalateAfterMs;
    let escalated = false;
    while (!outcome) {
      const reminderAt =
        reminders < maxReminders() ? openedAt + policy.reminderAfterMs + reminders * policy.reminderEveryMs : Infinity;
      const nextAt = Math.min(expireAt, escalated ? Infinity : escalateAt, reminderAt);
      const summary =
        nextAt === expireAt
          ? 'request expires'
          : nextAt === reminderAt
            ? `reminder ${reminders + 1} due`
            : 'escalation to staff due';
      if (await condition(() => outcome !== undefined, Math.max(nextAt - Date.now(), 1), { summary })) break;

      const now = Date.now();
      if (now >= expireAt) {
        outcome = { requestId, status: 'expired' };
        await close(outcome);
        break;
      }
      if (!escalated && now >= escalateAt) {
        escalated = true;
        await escalateRequest.executeWithOptions({ summary: 'escalate the unanswered request to staff' }, [
          { requestId },
        ]);
      }
      if (now >= reminderAt) {
        reminders += 1;
        await sendRequestReminder.executeWithOptions({ summary: `send reminder ${reminders}` }, [
          { requestId, reminderNumber: reminders },
        ]);
      }
    }
  } catch (error) {
    if (!isCancellation(error)) throw error;
    if (!outcome) {
      outcome = { requestId, status: 'cancelled' };
      await CancellationScope.nonCancellable(() => close(outcome!));
    }
    throw error;
  }
  await condition(allHandlersFinished);
  return outcome!;
}
