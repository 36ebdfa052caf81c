import type { RequestKind } from '../../domain/journey';
import { Actors, intentAnswer } from '../support/partner-actions';
import { openForm } from '../../dev/form-page';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** The pages behind the links in emails, used the way a partner's browser uses them. */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({
    PACT_MAX_REMINDERS: '0',
    PACT_ESCALATE_AFTER: '1h',
    PACT_EXPIRE_AFTER: '2h',
    PACT_REPORT_EVERY: '300ms',
    PACT_COMMITMENT_TERM: '300ms',
  });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

const requestStatus = async (partnerId: string, kind: RequestKind) =>
  (
    await system.db
      .selectFrom('requests')
      .select('status')
      .where('partner_id', '=', partnerId)
      .where('kind', '=', kind)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
  ).status;
/** The answer the last request of a kind recorded, once the workflow closed it. */
const answerOf = async (partnerId: string, kind: RequestKind) => {
  for (let tries = 0; tries < 100; tries++) {
    const row = await system.db
      .selectFrom('requests')
      .select('answer')
      .where('partner_id', '=', partnerId)
      .where('kind', '=', kind)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    if (row.answer) return row.answer as Record<string, unknown>;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
};

test('looking does not act: GET, HEAD and ten more GETs leave the request pending', async () => {
  const id = await actors.onboard('Kompas');
  const link = actors.linkIn(await actors.nextEmail(actors.addresses(id).coordinator));
  expect((await fetch(link, { method: 'HEAD' })).status).toBe(200);
  for (let i = 0; i < 11; i++) expect((await fetch(link)).status).toBe(200);
  expect(await requestStatus(id, 'intent')).toBe('pending');
});

test('every kind can be answered from its page, in the partner’s language, with the form’s CSRF token', async () => {
  const id = await actors.onboard('Brug', { language: 'fr' });
  const who = actors.addresses(id);

  // intent, in French: errors next to the fields first, nothing stored; then a valid answer.
  const intent = await openForm(actors.linkIn(await actors.nextEmail(who.coordinator)));
  expect(intent.html).toContain('lang="fr"');
  expect(intent.html).toContain('<label for="summary">');
  // Targets per indicator, named in the reader's language (streefcijfers).
  expect(intent.html).toContain('<legend>Objectifs chiffrés (facultatif)</legend>');
  expect(intent.html).toContain(
    '<label for="target_placements_offered">Places de stage et de (bénévolat) offertes aux primo-arrivants</label>',
  );
  const invalid = await intent.submit([['summary', '']]);
  expect(invalid.status).toBe(400);
  const invalidHtml = await invalid.text();
  expect(invalidHtml).toContain('id="levers-error"');
  expect(invalidHtml).toContain('id="summary-error"');
  expect(await requestStatus(id, 'intent')).toBe('pending');
  const sent = await intent.submit([
    ['levers', 'agency'],
    ['levers', 'trust'],
    ['goals', 'mutual_respect'],
    ['summary', 'Dix places de stage.'],
    ['target_placements_offered', '10'],
    ['target_staff_trained', ''],
  ]);
  expect(sent.status).toBe(200);
  expect((await answerOf(id, 'intent'))?.targets).toEqual({ placements_offered: 10 });
  expect(await sent.text()).toContain('votre déclaration d&#39;intention est bien reçue');

  // the review by staff (Dutch), the signature and countersignature.
  const review = await openForm(actors.linkIn(await actors.nextEmail(who.staff, /Brug/)));
  expect(review.html).toContain('Dix places de stage.');
  expect((await review.submit([['decision', 'approve']])).status).toBe(200);
  const signature = await openForm(actors.linkIn(await actors.nextEmail(who.signatory)));
  const signed = await signature.submit([['decision', 'approve']]);
  expect(await signed.text()).toContain('Votre signature est enregistrée');
  const counter = await openForm(actors.linkIn(await actors.nextEmail(who.director, /Brug/)));
  expect(await (await counter.submit([['decision', 'approve']])).text()).toContain('Uw handtekening is geregistreerd');

  // project confirmation and the period's report.
  await actors.waitForStage(id, 'prototype');
  await system.staffFetch('/api/projects', {
    method: 'POST',
    body: JSON.stringify({
      title: 'Passerelle',
      description: 'Un projet commun.',
      levers: ['trust'],
      partnerIds: [id],
    }),
  });
  const project = await openForm(actors.linkIn(await actors.nextEmail(who.coordinator, /Passerelle/)));
  expect(await (await project.submit([['decision', 'approve']])).text()).toContain('votre participation est confirmée');
  const report = await openForm(actors.linkIn(await actors.nextEmail(who.coordinator, /p1/)));
  expect(report.html).toContain('<label for="value_placements_offered">');
  const reported = await report.submit([
    ['value_placements_offered', '3'],
    ['value_staff_trained', '2,5'],
  ]);
  expect(await reported.text()).toContain('votre rapport pour la période p1');
  await actors.waitForStage(id, 'completed');
  const values = await system.db
    .selectFrom('indicator_values')
    .select(['indicator', 'value'])
    .where('partner_id', '=', id)
    .orderBy('indicator')
    .execute();
  expect(values).toEqual([
    { indicator: 'placements_offered', value: 3 },
    { indicator: 'staff_trained', value: 2.5 },
  ]);
});

test('a form post without the page’s CSRF token is refused and changes nothing', async () => {
  const id = await actors.onboard('Anker');
  const link = actors.linkIn(await actors.nextEmail(actors.addresses(id).coordinator));
  const forged = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'levers=agency&goals=mutual_respect&summary=x&csrf=forged',
  });
  expect(forged.status).toBe(403);
  expect(await requestStatus(id, 'intent')).toBe('pending');
});

test('a double click shows the recorded outcome; a different second answer is refused with 410', async () => {
  const id = await actors.onboard('Baken');
  const who = actors.addresses(id);
  await actors.expectOk(actors.answer(who.coordinator, intentAnswer));
  const review = await openForm(actors.linkIn(await actors.nextEmail(who.staff, /Baken/)));
  const [first, second] = await Promise.all([
    review.submit([['decision', 'approve']]),
    review.submit([['decision', 'approve']]),
  ]);
  expect([first.status, second.status]).toEqual([200, 200]);
  const other = await review.submit([
    ['decision', 'decline'],
    ['comment', 'Toch niet.'],
  ]);
  expect(other.status).toBe(410);
  expect(await other.text()).toContain('Deze vraag is al beantwoord');
  const answers = await system.db
    .selectFrom('journey_events')
    .select('type')
    .where('partner_id', '=', id)
    .where('type', '=', 'request_answered')
    .execute();
  expect(answers).toHaveLength(2); // the intent and one review answer
});

test('an answer whose recording was lost with a Temporal restart can be given again', async () => {
  const id = await actors.onboard('Groep Intro');
  const who = actors.addresses(id);
  const link = actors.linkIn(await actors.nextEmail(who.coordinator));
  // What a lost workflow task leaves behind: `closeRequest` committed its row, but the Temporal
  // server restarted before the task that accepted the answer was stored, so the workflow still
  // waits and the partner saw an error page.
  const intentRequest = system.db.selectFrom('requests').where('partner_id', '=', id).where('kind', '=', 'intent');
  await system.db
    .updateTable('requests')
    .set({ status: 'answered', answer: { ...intentAnswer, summary: 'Lost with the task.' }, answered_at: new Date() })
    .where('id', '=', (await intentRequest.select('id').executeTakeFirstOrThrow()).id)
    .execute();

  const again = await actors.post(link, intentAnswer);
  expect({ status: again.status, outcome: again.body.status }).toEqual({ status: 200, outcome: 'answered' });
  await actors.nextEmail(who.staff, /Groep Intro/); // the journey went on to the staff review
  expect(await intentRequest.select(['status', 'answer']).executeTakeFirstOrThrow()).toEqual({
    status: 'answered',
    answer: intentAnswer,
  });
});

test('a tampered token is unknown (404); a used one is gone (410)', async () => {
  const id = await actors.onboard('Rots');
  const link = actors.linkIn(await actors.nextEmail(actors.addresses(id).coordinator));
  const tampered = link.slice(0, -1) + (link.endsWith('A') ? 'B' : 'A');
  expect((await fetch(tampered)).status).toBe(404);
  await actors.expectOk(actors.post(link, intentAnswer));
  const used = await fetch(link);
  expect(used.status).toBe(410);
  expect(await used.text()).toContain(system.config.staffEmail);
});

test('too many requests from one address are refused for a while', async () => {
  const limited = await startTestSystem({ PACT_PAGE_RATE_LIMIT: '5' });
  try {
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await fetch(`${limited.url}/r/${'x'.repeat(43)}`)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    const refused = await fetch(`${limited.url}/r/${'x'.repeat(43)}`, { headers: { accept: 'application/json' } });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  } finally {
    await limited.stop();
  }
});
