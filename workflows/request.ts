import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import type { RequestTopic } from '../domain/request-topics';
import { answerProblems, answerTopicOf } from '../domain/request-answers';
import { partnerRequestId, requestWorkflowId } from '../domain/workflow-ids';
import { activities, shortStepActivities } from './activity-proxies';
import { personWaitingPriority } from './priorities';
import { recipientRole, topicName } from './recipients';
import {
  answerUpdateOfTopic,
  type ClosedRequest,
  readdressUpdate,
  remindNowUpdate,
  type RequestInput,
  type RequestOutcome,
  requestOutcomeQuery,
  resendUpdate,
} from './definitions';

const { sendRequestReminder, escalateRequest, renewRequestLink, readdressRequest } = activities;

/** Patch id of release v3's request ids (docs/workflow-versioning.md). */
export const requestIdsNamePartnerPatch = 'request-ids-name-the-partner';
/** Patch id: a request follows its contact when staff replace them (docs/workflow-versioning.md). */
export const readdressPatch = 'request-follows-the-contact';

/**
 * A new request's id: `<partnerId>-<uuid>` since v3, so the payload codec picks the partner's key
 * from the workflow id alone (domain/workflow-ids.ts); a bare uuid in workflows started before.
 */
export function newRequestId(partnerId: string): string {
  const uuid = uuid4();
  return patched(requestIdsNamePartnerPatch) ? partnerRequestId(partnerId, uuid) : uuid;
}

/** A request that was answered, its answer typed by the request's topic. */
export type Answered<T extends RequestTopic> = Extract<RequestOutcome<T>, { status: 'answered' }>;

/**
 * The outcome of a `request` of topic `T`, if it was answered. Its answer is of the topic's type:
 * the request's Update validator admits only an answer without `answerProblems` for its topic.
 */
export function answered<T extends RequestTopic>(outcome: RequestOutcome<T>): Answered<T> | undefined {
  return outcome.status === 'answered' ? outcome : undefined;
}

/** How a parent starts a `request` child: its workflow id, at the priority of a person waiting. */
export const requestChildOptions = (requestId: string) => ({
  workflowId: requestWorkflowId(requestId),
  priority: personWaitingPriority,
});

/**
 * One form or sign-off asked of one person (`request-<requestId>`): emails the link, then waits
 * for the answer, which arrives as an Update so the person learns at once whether it counted.
 * Meanwhile it follows the reminder policy (domain/policy.ts): reminders, one escalation, expiry.
 */
export async function request<T extends RequestTopic>(input: RequestInput<T>): Promise<RequestOutcome<T>> {
  const { requestId, topic, policy } = input;
  const { openRequest, closeRequest } = shortStepActivities();
  /** When the reminder policy started: the request was opened, or re-addressed to a new contact. */
  let openedAt = Date.now();
  let outcome: RequestOutcome<T> | undefined;
  let reminders = 0;
  let escalated = false;
  /** Set when a re-addressing started the policy over; the wait below then starts again. */
  let restarted = false;
  const stillOpen = () => {
    if (outcome)
      throw ApplicationFailure.nonRetryable(
        `This request is already ${outcome.status}.`,
        'RequestClosed',
        outcome.status,
      );
  };
  const close = (closed: RequestOutcome<T>) => {
    const closedRequest: ClosedRequest<T> = { partnerId: input.partner.id, kind: topic.kind, outcome: closed };
    return closeRequest.executeWithOptions({ summary: `${topicName(topic)} request ${closed.status}` }, [
      closedRequest,
    ]);
  };

  setHandler(requestOutcomeQuery, () => outcome ?? null);
  setHandler(
    answerUpdateOfTopic(topic),
    async ({ answer, via }) => {
      const answered: RequestOutcome<T> = { requestId, status: 'answered', answer, via };
      outcome = answered; // before any await: a concurrent second answer is already rejected
      await close(answered);
      return answered;
    },
    {
      validator: ({ answer }) => {
        stillOpen();
        const asked: RequestTopic = topic;
        const problems = answerProblems(answerTopicOf(asked), answer, {
          indicators: asked.kind === 'report' ? asked.indicators.map((i) => i.key) : undefined,
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

  // Staff actions (api/requests/routes.ts, api/partners/partner-actions.ts): a manual reminder counts
  // towards the policy's maximum.
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
  // Staff replaced the contact asked (features/requests/follow-contacts.ts): the new one gets a new link
  // and the policy starts over, as if the request had just been opened.
  setHandler(
    readdressUpdate,
    async ({ contact }) => {
      patched(readdressPatch); // marks the histories in which a request was re-addressed
      [openedAt, reminders, escalated, restarted] = [Date.now(), 0, false, true];
      const generation = ++linkGeneration;
      await readdressRequest.executeWithOptions({ summary: `re-address the request to the new ${contact.role}` }, [
        {
          requestId,
          contact,
          generation,
          dueAt: new Date(openedAt + policy.escalateAfterMs).toISOString(),
          expiresAt: new Date(openedAt + policy.expireAfterMs).toISOString(),
        },
      ]);
      return { generation };
    },
    { validator: (_readdress) => stillOpen() },
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
    while (!outcome) {
      const expireAt = openedAt + policy.expireAfterMs;
      const escalateAt = openedAt + policy.escalateAfterMs;
      const reminderAt =
        reminders < policy.maxReminders
          ? openedAt + policy.reminderAfterMs + reminders * policy.reminderEveryMs
          : Infinity;
      const nextAt = Math.min(expireAt, escalated ? Infinity : escalateAt, reminderAt);
      const summary =
        nextAt === expireAt
          ? 'request expires'
          : nextAt === reminderAt
            ? `reminder ${reminders + 1} due`
            : 'escalation to staff due';
      if (await condition(() => outcome !== undefined || restarted, Math.max(nextAt - Date.now(), 1), { summary })) {
        if (outcome) break;
        restarted = false;
        continue;
      }

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
    // The journey was withdrawn: record it, even though this workflow is being cancelled.
    if (!outcome) {
      outcome = { requestId, status: 'cancelled' };
      await CancellationScope.nonCancellable(() => close(outcome!));
    }
    throw error;
  }
  await condition(allHandlersFinished);
  return outcome!; // every way out of the loop above sets it
}
