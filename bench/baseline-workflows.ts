/**
 * Baseline workflows: the least a Temporal workflow can do for each measurement, bundled with
 * `bundleWorkflowCode` by bench/baseline-worker.ts. Deterministic workflow code only, like workflows/.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineUpdate,
  executeChild,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import { emailChildIdOf } from './baseline-mail';

/** The one activity: does nothing (the worker counts it, so the bench knows when it ran). */
export interface BaselineActivities {
  noop(): Promise<void>;
  /**
   * Sends one email through the bench's SMTP server (the one the system's email goes to), to the
   * address `baselineRecipientOf` gives for the calling workflow's id.
   */
  sendEmail(): Promise<void>;
}

// The same activity options as workflows/activity-proxies.ts.
const { noop, sendEmail } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The same no-op as a local activity: run by the worker inside the workflow task, no activity task on the server. */
const local = proxyLocalActivities<BaselineActivities>({ startToCloseTimeout: '1 minute' });

/** Onboarding baseline: one workflow, one no-op activity. */
export async function baselineNoop(): Promise<void> {
  await noop();
}

/**
 * Like-for-like onboarding baseline (issue 28, P1): what the design needs per partner and nothing
 * more. A parent (the journey) starts a child (the first request), whose one activity sends one
 * email (the invitation) through the same SMTP server as the system.
 */
export async function baselineOnboarding(): Promise<void> {
  await executeChild(baselineEmail, { workflowId: emailChildIdOf(workflowInfo().workflowId) });
}

/** The child of the like-for-like baselines: one activity that sends one email. */
export async function baselineEmail(): Promise<void> {
  await sendEmail();
}

export const baselineAnswerUpdate = defineUpdate<string, [Record<string, unknown>]>('answer');

/**
 * Decision-latency baseline: a workflow waiting for one Update. `handler: 'none'` is the bare round
 * trip (the handler returns at once). 'followUp' is the like-for-like baseline (issue 28, P2): the
 * handler records the answer with one local activity, then starts the follow-up child (the next
 * request, which sends its email) and confirms without waiting for it, as the system confirms an
 * answer before the journey's next request runs. For explanation only: 'activity' runs one no-op
 * activity before returning; 'localActivity' runs it as a local activity instead.
 */
export async function baselineUpdatable(options: {
  handler: 'none' | 'activity' | 'localActivity' | 'followUp';
}): Promise<void> {
  let answered = false;
  let followUp: Promise<void> | undefined;
  setHandler(baselineAnswerUpdate, async () => {
    answered = true;
    if (options.handler === 'activity') await noop();
    if (options.handler === 'localActivity' || options.handler === 'followUp') await local.noop();
    // Not awaited here: its start command leaves with the Update's completion, in the same workflow task.
    if (options.handler === 'followUp')
      followUp = executeChild(baselineEmail, { workflowId: emailChildIdOf(workflowInfo().workflowId) });
    return 'recorded';
  });
  await noop(); // tells the bench the workflow is up and waiting
  await condition(() => answered);
  await condition(allHandlersFinished);
  await followUp;
}

/** Open-journeys baseline: runs its activity, then waits (with a timer, like a request) for 30 days. */
export async function baselineWaiting(): Promise<void> {
  await noop();
  await condition(() => false, '30 days');
}

export interface BaselineLongLifeInput {
  periods: number;
  everyMs: number;
  periodsPerRun: number;
  nextPeriod?: number;
}

/**
 * Long-life baseline: the bare shape of the monitoring stage, a timer and a child workflow (with one
 * activity) per period, continuing as new every `periodsPerRun` periods, as the journey does.
 */
export async function baselineLongLife(input: BaselineLongLifeInput): Promise<number> {
  let next = input.nextPeriod ?? 0;
  for (let run = 0; next < input.periods; run++) {
    if (run >= input.periodsPerRun) await continueAsNew<typeof baselineLongLife>({ ...input, nextPeriod: next });
    await sleep(input.everyMs);
    await executeChild(baselinePeriod, { workflowId: `${workflowInfo().workflowId}-p${next + 1}` });
    next += 1;
  }
  return next;
}

export async function baselinePeriod(): Promise<void> {
  await noop();
}
