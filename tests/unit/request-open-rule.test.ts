import { openness, type WorkflowState } from '../../features/requests/open-rule';

/** "Is this request open?": the row first, then the workflow when the row says closed (features/requests/open-rule.ts). */
test('a pending row is open without asking the engine', () => {
  expect(openness('pending')).toEqual({ kind: 'open' });
});

test('a closed row asks the workflow', () => {
  for (const status of ['answered', 'expired', 'cancelled']) expect(openness(status)).toEqual({ kind: 'ask_workflow' });
});

test.each<[string, WorkflowState, ReturnType<typeof openness>]>([
  // A lost workflow task: the row was closed, the workflow still waits for the answer.
  ['answered', 'running', { kind: 'open' }],
  ['answered', 'ended', { kind: 'closed', status: 'answered' }],
  ['expired', 'ended', { kind: 'closed', status: 'expired' }],
  ['cancelled', 'ended', { kind: 'closed', status: 'cancelled' }],
  // Nobody can tell: try again, rather than "closed".
  ['answered', 'unreachable', { kind: 'engine_unavailable' }],
  // The row decides while it is pending, whatever the workflow would say.
  ['pending', 'ended', { kind: 'open' }],
  ['pending', 'unreachable', { kind: 'open' }],
])('row %s, workflow %s', (row, workflow, expected) => {
  expect(openness(row, workflow)).toEqual(expected);
});
