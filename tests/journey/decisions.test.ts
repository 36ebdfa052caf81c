import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** "No" at any step sends the partner back to intent with the reason; an answer counts once. */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({ PACT_REMINDER_AFTER: '1h', PACT_ESCALATE_AFTER: '2h', PACT_EXPIRE_AFTER: '3h' });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

test('"request changes" sends the coordinator a new intent request carrying the comment', async () => {
  const id = await actors.onboard('Voka');
  const who = actors.addresses(id);
  await actors.expectOk(actors.answer(who.coordinator, intentAnswer));
  await actors.expectOk(
    actors.answer(who.staff, { decision: 'request_changes', comment: 'Graag concrete aantallen per jaar.' }, /Voka/),
  );

  const again = await actors.nextEmail(who.coordinator);
  expect(again.text).toContain('Graag concrete aantallen per jaar.');
  expect(await actors.journey(id)).toMatchObject({ stage: 'intent', status: 'waiting_partner' });
  await actors.expectOk(
    actors.post(actors.linkIn(again), { ...intentAnswer, summary: 'Tien stageplaatsen per jaar.' }),
  );
  await actors.expectOk(actors.answer(who.staff, { decision: 'approve' }, /Voka/));
  await actors.waitForStage(id, 'commitment');
});

test('a declined signature needs a reason and goes back to intent with it', async () => {
  const id = await actors.onboard('Acv');
  const who = actors.addresses(id);
  await actors.expectOk(actors.answer(who.coordinator, intentAnswer));
  await actors.expectOk(actors.answer(who.staff, { decision: 'approve' }, /Acv/));
  const signature = actors.linkIn(await actors.nextEmail(who.signatory));

  const withoutReason = await actors.post(signature, { decision: 'decline' });
  expect(withoutReason.status).toBe(400);
  expect(withoutReason.body.error).toMatchObject({
    code: 'invalid_answer',
    details: [{ field: 'comment', message: 'is required' }],
  });

  await actors.expectOk(
    actors.post(signature, { decision: 'decline', comment: 'Ons bestuur wil eerst de begroting zien.' }),
  );
  const back = await actors.nextEmail(who.coordinator);
  expect(back.text).toContain('Ons bestuur wil eerst de begroting zien.');
  const journey = await actors.waitForStage(id, 'intent');
  expect(journey.timeline.map((e: { type: string }) => e.type)).toContain('commitment_declined');
});

test('a second answer to the same request is refused and changes nothing', async () => {
  const id = await actors.onboard('Aclvb');
  const who = actors.addresses(id);
  const { link } = await actors.answer(who.coordinator, intentAnswer);
  const review = await actors.nextEmail(who.staff, /Aclvb/); // the journey moved on

  const second = await actors.post(link, { ...intentAnswer, summary: 'Iets heel anders.' });
  expect(second.status).toBe(410);
  expect(second.body.error.code).toBe('request_answered');
  const stored = await system.db
    .selectFrom('requests')
    .select('answer')
    .where('partner_id', '=', id)
    .where('kind', '=', 'intent')
    .executeTakeFirstOrThrow();
  expect(stored.answer).toMatchObject({ summary: intentAnswer.summary });
  expect((await system.mail.messages()).filter((m) => m.to.includes(who.staff) && /Aclvb/.test(m.subject))).toEqual([
    review,
  ]);
});

test('an invalid answer is refused with what to fix, and the request stays open', async () => {
  const id = await actors.onboard('Kov');
  const link = actors.linkIn(await actors.nextEmail(actors.addresses(id).coordinator));
  const refused = await actors.post(link, { levers: ['magic'], goals: [], summary: '' });
  expect(refused.status).toBe(400);
  expect(refused.body.error.details.map((d: { field: string }) => d.field)).toEqual(['levers', 'goals', 'summary']);
  expect((await fetch(link, { headers: { accept: 'application/json' } })).status).toBe(200);
  const request = await system.db
    .selectFrom('requests')
    .select(['status', 'answer'])
    .where('partner_id', '=', id)
    .executeTakeFirstOrThrow();
  expect(request).toEqual({ status: 'pending', answer: null });
});
