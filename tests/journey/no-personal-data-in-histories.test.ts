import MailComposer from 'nodemailer/lib/mail-composer';
import { historyTexts, leaks } from '../support/history-payloads';
import { readJson } from '../support/http';
import type { CaughtMessage } from '../support/mail-inbox';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { answerComment } from '../../domain/request-answers';

/**
 * Temporal histories hold contact ids, roles and organisation names, never people's names,
 * addresses or what they wrote (docs/workflow-versioning.md, v3): a journey is taken to
 * `prototype` by page and by email reply, then every payload of its histories and its children's
 * is read, as bytes and through the test client's data converter, and so are its queries.
 */
const secret = 'no-personal-data-test-secret-0123';
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({
    PACT_REMINDER_AFTER: '1h',
    PACT_ESCALATE_AFTER: '2h',
    PACT_EXPIRE_AFTER: '3h',
    INBOUND_WEBHOOK_SECRET: secret,
  });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

const people = {
  coordinator: { name: 'Jan Peeters', email: 'jan.peeters@privacyfonds.example' },
  signatory: { name: 'Hilde Vermeulen', email: 'hilde.vermeulen@privacyfonds.example' },
};
const written = {
  changes: 'Graag concrete aantallen per jaar, Jan.',
  approval: 'Mooi plan, ga zo door.',
  signature: 'Met vriendelijke groeten, Hilde',
  countersignature: 'Welkom in het pact, namens de directie.',
  project: 'Graag, wij doen mee. Groeten, Jan',
};

/** Replies to a request email the way a mail client does, through the API's inbound webhook. */
async function replyByEmail(to: CaughtMessage, from: string, text: string): Promise<void> {
  const replyTo = /reply\+[A-Za-z0-9_-]{43}@[^\s>]+/.exec(to.replyTo ?? '')?.[0];
  const raw = await new MailComposer({ from, to: replyTo, subject: `Re: ${to.subject}`, text }).compile().build();
  const response = await fetch(`${system.url}/api/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822', 'x-inbound-secret': secret },
    body: raw,
  });
  expect(await response.json()).toEqual({ result: 'answered' });
}

test('a journey taken to prototype by page and by email reply leaves no name, address or comment in Temporal', async () => {
  const id = await actors.onboard('Privacyfonds', {
    contacts: [
      { ...people.coordinator, role: 'coordinator' },
      { ...people.signatory, role: 'signatory' },
    ],
  });
  const staff = system.config.staffEmail;
  await actors.expectOk(actors.answer(people.coordinator.email, intentAnswer));
  await actors.expectOk(
    actors.answer(staff, { decision: 'request_changes', comment: written.changes }, /Privacyfonds/),
  );
  const again = await actors.nextEmail(people.coordinator.email);
  expect(again.text).toContain(written.changes); // the comment still reaches the coordinator, from Postgres
  await actors.expectOk(actors.post(actors.linkIn(again), intentAnswer));
  await actors.expectOk(actors.answer(staff, { decision: 'approve', comment: written.approval }, /Privacyfonds/));
  const signatureEmail = await actors.nextEmail(people.signatory.email);
  expect(signatureEmail.text).toContain(intentAnswer.summary); // the commitment drawn with the intent's own words
  await replyByEmail(signatureEmail, people.signatory.email, `Akkoord\n\n${written.signature}`);
  await actors.expectOk(
    actors.answer(
      system.config.directorEmail,
      { decision: 'approve', comment: written.countersignature },
      /Privacyfonds/,
    ),
  );
  const journey = await actors.waitForStage(id, 'prototype');

  // What people wrote is kept where the staff pages read it: Postgres.
  const answers = await system.db.selectFrom('requests').select('answer').where('partner_id', '=', id).execute();
  const comments = answers.map((r) => answerComment(r.answer));
  expect(comments).toEqual(expect.arrayContaining([written.changes, written.approval, written.countersignature]));
  expect(comments.some((c) => typeof c === 'string' && c.includes(written.signature))).toBe(true);
  expect(JSON.stringify(journey.timeline)).toContain(written.changes);

  const histories = await historyTexts(system.temporal, `journey-${id}`);
  expect(histories.length).toBe(7); // the journey, 2 intents, 2 reviews, the signature, the countersignature
  const handle = system.temporal.workflow.getHandle(`journey-${id}`);
  histories.push({ workflowId: 'journeyState query', texts: [JSON.stringify(await handle.query('journeyState'))] });
  for (const { workflowId } of histories.slice(1, 7)) {
    const outcome = await system.temporal.workflow.getHandle(workflowId).query('outcome');
    histories.push({ workflowId: `${workflowId} outcome query`, texts: [JSON.stringify(outcome)] });
  }
  const personal = [
    ...Object.values(people).flatMap((p) => [p.name, p.email]),
    ...Object.values(written),
    intentAnswer.summary,
  ];
  expect(leaks(histories, personal)).toEqual([]);
  // …while the organisation and the roles are there, for administrators to follow the journey.
  expect(leaks(histories, ['Privacyfonds', 'intent request to the coordinator of Privacyfonds'])).not.toEqual([]);
  // New requests are named after their partner, so the payload codec can choose the partner's key.
  for (const { workflowId } of histories.slice(1, 7)) expect(workflowId).toMatch(new RegExp(`^request-${id}-`));

  // A project, about several partners, names organisations only; its invitation is answered by email.
  const created = await system.staffFetch('/api/projects', {
    method: 'POST',
    body: JSON.stringify({ title: 'Stille kracht', description: 'Samen.', levers: ['trust'], partnerIds: [id] }),
  });
  expect(created.status).toBe(201);
  const { workflowId: projectWorkflowId } = (await created.json()) as { workflowId: string };
  await replyByEmail(
    await actors.nextEmail(people.coordinator.email, /Stille kracht/),
    people.coordinator.email,
    `Ja\n\n${written.project}`,
  );
  await actors.waitForStage(id, 'monitoring');
  const project = await historyTexts(system.temporal, projectWorkflowId);
  expect(project.map((h) => h.workflowId)).toEqual([projectWorkflowId, expect.stringMatching(`^request-${id}-`)]);
  expect(leaks(project, personal)).toEqual([]);
});

test("a withdrawal's reason stays in Postgres: the timeline shows it, no history holds it", async () => {
  const id = await actors.onboard('Geheimfonds');
  await actors.nextEmail(actors.addresses(id).coordinator);
  const reason = 'Onze coördinator Els Claes vertrekt; de organisatie stopt.';
  const withdrawn = await system.staffFetch(`/api/partners/${id}/withdraw`, {
    method: 'POST',
    body: JSON.stringify({ reason }),
  });
  expect(withdrawn.status).toBe(200);
  const journey = await actors.journey(id);
  expect(journey.timeline.at(-1)).toMatchObject({ type: 'journey_withdrawn', summary: `withdrawn: ${reason}` });
  const histories = await historyTexts(system.temporal, `journey-${id}`);
  const state = await system.temporal.workflow.getHandle(`journey-${id}`).query('journeyState');
  histories.push({ workflowId: 'journeyState query', texts: [JSON.stringify(state)] });
  expect(leaks(histories, [reason, 'Els Claes'])).toEqual([]);
});

test('a replaced coordinator and a corrected signatory reach the journey and its requests as ids only', async () => {
  const id = await actors.onboard('Wisselfonds');
  await actors.nextEmail(actors.addresses(id).coordinator);
  const [, signatory] = (await actors.journey(id)).contacts;
  const newcomers = {
    coordinator: { name: 'Sofie Wouters', email: 'sofie.wouters@wisselfonds.example', role: 'coordinator' },
    signatory: { ...signatory, name: 'Karel De Smet', email: 'karel.desmet@wisselfonds.example' },
  };
  const changed = await system.staffFetch(`/api/partners/${id}/contacts`, {
    method: 'PUT',
    body: JSON.stringify({ contacts: Object.values(newcomers) }),
  });
  expect(changed.status).toBe(200);
  expect((await readJson(changed)).readdressed).toHaveLength(1);
  await actors.expectOk(actors.answer(newcomers.coordinator.email, intentAnswer));
  await actors.nextEmail(system.config.staffEmail, /Wisselfonds/);

  const histories = await historyTexts(system.temporal, `journey-${id}`);
  const state = await system.temporal.workflow.getHandle(`journey-${id}`).query('journeyState');
  histories.push({ workflowId: 'journeyState query', texts: [JSON.stringify(state)] });
  const personal = [
    ...Object.values(newcomers).flatMap((p) => [p.name, p.email]),
    ...Object.values(actors.addresses(id)).slice(0, 2),
  ];
  expect(leaks(histories, personal)).toEqual([]);
  expect(leaks(histories, ['re-address the request to the new coordinator'])).not.toEqual([]);
});
