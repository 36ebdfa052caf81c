import type { Client } from '@temporalio/client';
import { startWorkflow, type WorkflowName } from '../../temporal/start-workflow';

/**
 * Starts name their workflow as the worker registers it (workflows/index.ts): `npm run typecheck`
 * checks this file, so a name the bundle does not export, or arguments of another workflow, fail it.
 */
function typeChecked(client: Client) {
  // @ts-expect-error: no workflow of that name
  void startWorkflow(client, 'partnerJourny', { taskQueue: 'q', workflowId: 'x', args: [] as never });
  // @ts-expect-error: a meeting's arguments are not a journey's
  void startWorkflow(client, 'partnerJourney', { taskQueue: 'q', workflowId: 'x', args: [{ meetingId: 'm' }] });
}

test('the workflow names a start may use are the exports of workflows/index.ts', () => {
  const names: WorkflowName[] = ['partnerJourney', 'prototypeProject', 'reportingPeriod', 'request', 'meeting'];
  expect(names).toHaveLength(5);
  expect(typeChecked).toBeInstanceOf(Function);
});
