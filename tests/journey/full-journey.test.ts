import { journeyWorkflowId } from '../../domain/workflow-ids';
import { journeyStateQuery } from '../../workflows/definitions';
import { captureHistory } from '../support/history-fixtures';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * One partner from intent to completed, every request answered through the link in the email the
 * person received, as a partner would. Reminders are set far away: each email must arrive once.
 */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({
    PACT_REMINDER_AFTER: '1h',
    PACT_ESCALATE_AFTER: '2h',
    PACT_EXPIRE_AFTER: '3h',
    PACT_REPORT_EVERY: '1s',
    PACT_COMMITMENT_TERM: '3s',
  });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

test('a journey goes intent → commitment → prototype → monitoring → completed', async () => {
  const id = await actors.onboard('Unizo');
  const who = actors.addresses(id);

  // intent: the coordinator fills in the form; staff approve it.
  expect((await actors.answer(who.coordinator, intentAnswer, /engagementsintentie/)).status).toBe(200);
  const review = await actors.nextEmail(who.staff, /Unizo/);
  expect(review.text).toContain('Wij bieden tien stageplaatsen');
  const placements = 'Aangeboden stage- en (vrijwilligers)werkplaatsen voor inburgeraars';
  expect(review.text).toContain(placements); // the target by the indicator's name, not its key
  expect((await actors.post(actors.linkIn(review), { decision: 'approve' })).status).toBe(200);

  // commitment: the signatory signs, then the director countersigns the same text.
  const signature = await actors.nextEmail(who.signatory);
  expect(signature.text).toContain('Unizo engageert zich');
  expect(signature.text).toContain(`Streefcijfers: ${placements}: 10.`);
  expect(signature.text).not.toContain('placements_offered');
  await actors.expectOk(actors.post(actors.linkIn(signature), { decision: 'approve' }));
  const countersignature = await actors.nextEmail(who.director, /Unizo/);
  // The read model is written before the email goes out: staff see who is waiting on whom.
  expect(await actors.journey(id)).toMatchObject({ stage: 'commitment', status: 'waiting_staff' });
  await actors.expectOk(actors.post(actors.linkIn(countersignature), { decision: 'approve', comment: 'Welkom!' }));

  const prototype = await actors.waitForStage(id, 'prototype');
  expect(prototype.timeline.map((e: { type: string }) => e.type)).toContain('partnership_formalised');
  const formalised = await system.db
    .selectFrom('journeys')
    .select('formalised_at')
    .where('partner_id', '=', id)
    .executeTakeFirstOrThrow();
  expect(formalised.formalised_at).toBeInstanceOf(Date);

  // prototype: staff start a project; the coordinator confirms taking part.
  const created = await system.staffFetch('/api/projects', {
    method: 'POST',
    body: JSON.stringify({
      title: 'Stages in de bouw',
      description: 'Samen stageplaatsen openen.',
      levers: ['agency'],
      partnerIds: [id],
    }),
  });
  expect(created.status).toBe(201);
  const project = (await created.json()) as { workflowId: string };
  await actors.expectOk(actors.answer(who.coordinator, { decision: 'approve' }, /Stages in de bouw/));
  await actors.waitForStage(id, 'monitoring');

  // monitoring: three periods of one second, each reported through its own email.
  for (const period of ['p1', 'p2', 'p3']) {
    const report = await actors.nextEmail(who.coordinator, new RegExp(period));
    await actors.expectOk(
      actors.post(actors.linkIn(report), {
        values: { placements_offered: 4, staff_trained: 2 },
        narrative: `periode ${period}`,
      }),
    );
  }
  const completed = await actors.waitForStage(id, 'completed');
  expect(completed.status).toBe('none');
  expect(completed.pendingRequests).toEqual([]);

  const values = await system.db
    .selectFrom('indicator_values')
    .select(['period', 'indicator', 'value'])
    .where('partner_id', '=', id)
    .orderBy('period')
    .orderBy('indicator')
    .execute();
  expect(values).toHaveLength(6);
  expect(values[0]).toEqual({ period: 'p1', indicator: 'placements_offered', value: 4 });

  // Temporal agrees with the read model, and tells the partner's story.
  const state = await system.temporal.workflow.getHandle(journeyWorkflowId(id)).query(journeyStateQuery);
  expect(state.stage).toBe('completed');
  expect(state.decisions.map((d) => d.what)).toEqual([
    'intent submitted',
    'intent approved',
    'commitment signed',
    'commitment countersigned',
  ]);

  // Every email arrived exactly once: what the outbox sent is what SMTP received.
  const received = (await system.mail.messages()).map((m) => m.headers['x-idempotency-key']);
  expect(new Set(received).size).toBe(received.length);
  const outbox = await system.db.selectFrom('email_outbox').select(['idempotency_key', 'status']).execute();
  expect(outbox.map((o) => o.idempotency_key).sort()).toEqual([...received].sort());
  expect(outbox.every((o) => o.status === 'sent')).toBe(true);
  // invitation, review, signature, countersignature, the partnership formalised, project invitation, three reports
  expect(received).toHaveLength(9);
  expect(received).toContain(`partner/${id}/formalised`);

  const intentRequest = await system.db
    .selectFrom('requests')
    .select('workflow_id')
    .where('partner_id', '=', id)
    .where('kind', '=', 'intent')
    .executeTakeFirstOrThrow();
  await captureHistory(system, journeyWorkflowId(id), 'journey-completed');
  await captureHistory(system, intentRequest.workflow_id, 'request-answered');
  await captureHistory(system, project.workflowId, 'project-running');
  await captureHistory(system, `report-${id}-p1`, 'report-submitted');
});
