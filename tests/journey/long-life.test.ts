import { journeyWorkflowId } from '../../domain/workflow-ids';
import { journeyStateQuery } from '../../workflows/definitions';
import { captureHistory } from '../support/history-fixtures';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** Journeys live for years: forty reporting periods, with the history of every run kept small. */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({
    PACT_MAX_REMINDERS: '0',
    PACT_ESCALATE_AFTER: '1h',
    PACT_EXPIRE_AFTER: '2h',
    PACT_REPORT_EVERY: '200ms',
    PACT_COMMITMENT_TERM: '8s',
  });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

test('forty reporting periods complete, every run of the journey below 2,000 history events', async () => {
  const id = await actors.onboard('Vdab');
  await actors.formalise(id);
  await system.staffFetch('/api/projects', {
    method: 'POST',
    body: JSON.stringify({
      title: 'Werkplekleren',
      description: 'Leren op de werkvloer.',
      levers: ['agency'],
      partnerIds: [id],
    }),
  });
  await actors.expectOk(actors.answer(actors.addresses(id).coordinator, { decision: 'approve' }, /Werkplekleren/));

  for (let period = 1; period <= 40; period++) {
    await actors.expectOk(
      actors.answer(
        actors.addresses(id).coordinator,
        { values: { actions_taken: period } },
        new RegExp(`\\bp${period}\\b`),
      ),
    );
  }
  await actors.waitForStage(id, 'completed');

  const reported = await system.db
    .selectFrom('indicator_values')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .where('partner_id', '=', id)
    .executeTakeFirstOrThrow();
  expect(Number(reported.n)).toBe(40);

  const runs = [];
  for await (const execution of system.temporal.workflow.list({ query: `WorkflowId = "${journeyWorkflowId(id)}"` }))
    runs.push(execution);
  expect(runs.length).toBeGreaterThanOrEqual(5); // continued as new every few periods
  for (const run of runs) {
    const history = await system.temporal.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
    expect(history.events?.length).toBeLessThan(2000);
  }
  const state = await system.temporal.workflow.getHandle(journeyWorkflowId(id)).query(journeyStateQuery);
  expect(state.monitoring).toMatchObject({ nextPeriod: 40, periods: 40 });
  expect(state.decisions.map((d) => d.what)).toContain('commitment countersigned'); // carried across runs
  await captureHistory(system, journeyWorkflowId(id), 'journey-monitoring-last-run');
}, 300_000); // forty periods of email round trips: about a minute alone, more on a loaded machine
