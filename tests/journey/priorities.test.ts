import { randomUUID } from 'node:crypto';
import type { Priority } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { journeyWorkflowId, requestWorkflowId } from '../../domain/workflow-ids';
import { personWaitingPriority } from '../../workflows/priorities';
import { eventually } from '../support/eventually';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

const { TaskQueueType } = temporal.api.enums.v1;

/**
 * A partner who clicks "approve" waits on the page while their request workflow records the
 * answer; journeys' follow-up work waits for nobody. Request workflows therefore carry a higher
 * task priority, and the Temporal server this project runs dispatches by it (workflows/priorities.ts).
 */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem();
  actors = new Actors(system);
});
afterAll(() => system?.stop());

test("a journey's requests run at the priority of a person waiting, the journey itself at the default", async () => {
  const id = await actors.onboard('Syntra Vlaanderen');
  await actors.nextEmail(actors.addresses(id).coordinator);
  const request = await system.db
    .selectFrom('requests')
    .select('id')
    .where('partner_id', '=', id)
    .executeTakeFirstOrThrow();

  const described = async (workflowId: string) =>
    (await system.temporal.workflow.getHandle(workflowId).describe()).priority;
  expect(await described(requestWorkflowId(request.id))).toMatchObject({
    priorityKey: personWaitingPriority.priorityKey,
  });
  expect((await described(journeyWorkflowId(id)))?.priorityKey ?? 3).toBe(3); // 3 is the server's default
});

test('the Temporal server hands out a waiting person’s task before earlier background work', async () => {
  const taskQueue = `priorities-${randomUUID()}`; // no worker polls it: both tasks wait in its backlog
  const start = (workflowType: string, priority?: Priority) =>
    system.temporal.workflow.start(workflowType, {
      taskQueue,
      workflowId: `${workflowType}-${randomUUID()}`,
      ...(priority ? { priority } : {}),
    });
  const background = await start('journeyFollowUp');
  const waiting = await start('answerConfirmation', personWaitingPriority);
  try {
    const { namespace } = system.config.temporal;
    // As when the worker is busy: both tasks wait in the queue's backlog before anyone polls.
    await eventually(async () => {
      const { stats } = await system.temporal.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: taskQueue },
        taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        reportStats: true,
      });
      expect(Number(stats?.approximateBacklogCount ?? 0)).toBe(2);
    });
    // A poll is a long poll: it needs a deadline, and returns at once since both tasks are waiting.
    const first = await system.temporal.withDeadline(Date.now() + 30_000, () =>
      system.temporal.workflowService.pollWorkflowTaskQueue({
        namespace,
        taskQueue: { name: taskQueue },
        identity: 'priorities-test',
      }),
    );
    expect(first.workflowType?.name).toBe('answerConfirmation');
  } finally {
    await Promise.all([background.terminate('test done'), waiting.terminate('test done')]);
  }
});
