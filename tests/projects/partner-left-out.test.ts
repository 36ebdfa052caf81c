import { readJson } from '../support/http';
import { captureHistory } from '../support/history-fixtures';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * A project goes on without a partner whose invitation was cancelled or terminated (its journey
 * withdrawn, its personal data erased), and a journey that ended meanwhile is simply not told.
 */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({ PACT_REPORT_EVERY: '1h', PACT_COMMITMENT_TERM: '2h' });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

async function formalised(name: string) {
  const id = await actors.onboard(name);
  await actors.formalise(id);
  return id;
}

/** The project invitation's request workflow of one partner, once it has emailed its link. */
async function invitationOf(partnerId: string) {
  await actors.nextEmail(actors.addresses(partnerId).coordinator, /Samen sterk/);
  const { workflow_id } = await system.db
    .selectFrom('requests')
    .select('workflow_id')
    .where('partner_id', '=', partnerId)
    .where('kind', '=', 'project')
    .executeTakeFirstOrThrow();
  return system.temporal.workflow.getHandle(workflow_id);
}

test('the project runs with the others when an invited partner withdraws, an invitation is terminated, and a confirmed partner withdrew', async () => {
  const [stays, cancelled, terminated, withdrew] = [
    await formalised('Kappa'),
    await formalised('Lambda'),
    await formalised('Omikron'),
    await formalised('Sigma'),
  ];
  const created = await system.staffFetch('/api/projects', {
    method: 'POST',
    body: JSON.stringify({
      title: 'Samen sterk',
      description: 'Een gezamenlijk initiatief.',
      levers: ['agency'],
      partnerIds: [stays, cancelled, terminated, withdrew],
    }),
  });
  expect(created.status).toBe(201);
  const { id: projectId, workflowId } = await readJson(created);

  await actors.expectOk(actors.answer(actors.addresses(stays).coordinator, { decision: 'approve' }, /Samen sterk/));
  await actors.expectOk(actors.answer(actors.addresses(withdrew).coordinator, { decision: 'approve' }, /Samen sterk/));
  const withdrawn = await system.staffFetch(`/api/partners/${withdrew}/withdraw`, {
    method: 'POST',
    body: JSON.stringify({ reason: 'Stopt met het pact.' }),
  });
  expect(withdrawn.status).toBe(200);
  // Withdrawing a partner cancels its open invitation (features/partners/withdraw.ts); erasure terminates it.
  await invitationOf(cancelled);
  const withdrawnWhileInvited = await system.staffFetch(`/api/partners/${cancelled}/withdraw`, {
    method: 'POST',
    body: JSON.stringify({ reason: 'Geen tijd meer.' }),
  });
  expect(withdrawnWhileInvited.status).toBe(200);
  await (await invitationOf(terminated)).terminate('partner data erased');

  const project = system.temporal.workflow.getHandle(workflowId);
  expect(await project.result()).toEqual({
    status: 'running',
    confirmed: [stays, withdrew],
    leftOut: [cancelled, terminated],
  });
  await actors.waitForStage(stays, 'monitoring');
  const { projects } = await readJson(await system.staffFetch('/api/projects'));
  const stored = projects.find((p: { id: string }) => p.id === projectId);
  expect(stored.status).toBe('running');
  expect(Object.fromEntries(stored.partners.map((p: { id: string; status: string }) => [p.id, p.status]))).toEqual({
    [stays]: 'confirmed',
    [cancelled]: 'left_out',
    [terminated]: 'left_out',
    [withdrew]: 'confirmed',
  });
  expect((await actors.journey(withdrew)).stage).toBe('withdrawn');
  expect((await actors.journey(cancelled)).stage).toBe('withdrawn');
  expect((await actors.journey(terminated)).stage).toBe('prototype');
  // The map's "takes part in" (migration 016): a part begins when confirmed; one left out before confirming never began.
  const parts = await system.db
    .selectFrom('project_partners')
    .select(['partner_id', 'answered_at', 'joined_at', 'left_at'])
    .where('project_id', '=', projectId)
    .execute();
  const part = (id: string) => parts.find((p) => p.partner_id === id)!;
  expect(part(stays).joined_at).toEqual(part(stays).answered_at);
  expect(part(stays).left_at).toBeNull();
  for (const id of [cancelled, terminated]) expect(part(id)).toMatchObject({ joined_at: null, left_at: null });
  const map = await readJson(await system.staffFetch('/api/map'));
  const takesPart = map.edges
    .filter((e: { kind: string; target: string }) => e.kind === 'takes_part_in' && e.target === `project:${projectId}`)
    .map((e: { source: string }) => e.source);
  expect(takesPart).toEqual([`partner:${stays}`]); // the one that withdrew has left the map with its journey
  await captureHistory(system, workflowId, 'project-partner-left-out');
});
