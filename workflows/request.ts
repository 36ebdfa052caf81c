import { allHandlersFinished, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { answerProblems } from '../domain/request-answers';
import { answerRequestUpdate, type RequestInput, type RequestOutcome } from './definitions';

const { openRequest, closeRequest } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One form or sign-off asked of one person (`request-<requestId>`): emails the link, then waits
 * for the answer, which arrives as an Update so the caller learns at once whether it was accepted.
 */
export async function request(input: RequestInput): Promise<RequestOutcome> {
  const { requestId, kind, policy } = input;
  const openedAt = Date.now();
  let outcome: RequestOutcome | undefined;

  setHandler(
    answerRequestUpdate,
    async ({ answer, via }) => {
      const answered: RequestOutcome = { requestId, status: 'answered', answer };
      outcome = answered; // set before awaiting, so a concurrent second answer is already rejected
      await closeRequest({ journeyPartnerId: input.journeyPartnerId, kind, outcome: answered, via });
      return answered;
    },
    {
      validator: ({ answer }) => {
        if (outcome) throw ApplicationFailure.nonRetryable(`this request is already ${outcome.status}`, 'RequestClosed');
        const problems = answerProblems(kind, answer, { indicators: input.payload.indicators as string[] | undefined });
        if (problems.length) {
          throw ApplicationFailure.nonRetryable(problems.map((p) => `${p.field}: ${p.message}`).join('; '), 'InvalidAnswer', problems);
        }
      },
    },
  );

  await openRequest.executeWithOptions({ summary: `email ${kind} link to ${input.recipient.name}` }, [
    {
      ...input,
      dueAt: new Date(openedAt + policy.escalateAfterMs).toISOString(),
      expiresAt: new Date(openedAt + policy.expireAfterMs).toISOString(),
    },
  ]);

  const answered = await condition(() => outcome !== undefined, policy.expireAfterMs, { summary: `${kind} request expires` });
  if (!answered) {
    outcome = { requestId, status: 'expired' };
    await closeRequest({ journeyPartnerId: input.journeyPartnerId, kind, outcome });
  }
  await condition(allHandlersFinished);
  return outcome as RequestOutcome;
}
