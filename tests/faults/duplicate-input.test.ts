import MailComposer from 'nodemailer/lib/mail-composer';
import { journeyWorkflowId, requestWorkflowId } from '../../domain/workflow-ids';
import { handleInboundEmail, type InboundResult } from '../../inbound/handle-reply';
import { createMailer, type Mailer } from '../../mail/mailer';
import { journeyStateQuery, requestOutcomeQuery } from '../../workflows/definitions';
import { readJson } from '../support/http';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { keyOf, quietFaultRuntime, reportFigures, sleep } from './fault-kit';
import { joinWrittenTexts } from '../../db/written-texts';

/**
 * Issue 6, part 4: the same input arriving several times at once, through one channel or two,
 * and an answer racing the expiry timer. Exactly one thing happens, and each sender is told the
 * truth about what happened to their input.
 */
let system: TestSystem;
let actors: Actors;
let mailer: Mailer;
beforeAll(async () => {
  quietFaultRuntime();
  system = await startTestSystem({ PACT_REMINDER_AFTER: '1h', PACT_ESCALATE_AFTER: '2h', PACT_EXPIRE_AFTER: '3h' });
  actors = new Actors(system);
  mailer = createMailer(system.config);
}, 120_000);
afterAll(async () => {
  mailer?.close();
  await system?.stop();
}, 60_000);

const requestRow = (partnerId: string, recipient: string) =>
  system.db
    .selectFrom('requests')
    .select(['id', 'status', 'answer'])
    .where('partner_id', '=', partnerId)
    .where('recipient_email', '=', recipient)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();

test('the same partner posted 20 times at once: one partner, one journey, one 201 and nineteen 409', async () => {
  // Some posts spell the name differently; all of them name the same partner id.
  const spellings = ['Dubbelpost', 'DUBBELPOST', ' dubbelpost ', 'Dubbelpost!'];
  const responses = await Promise.all(
    Array.from({ length: 20 }, async (_, i) => {
      const response = await system.staffFetch('/api/partners', {
        method: 'POST',
        body: JSON.stringify({
          name: spellings[i % spellings.length],
          actorType: 'market',
          sector: 'work',
          contacts: [{ name: 'Dina', email: 'dina@dubbelpost.example', role: 'coordinator' }],
        }),
      });
      return { status: response.status, body: await readJson(response) };
    }),
  );
  const statuses = responses.map((r) => r.status).sort();
  const conflicts = responses.filter((r) => r.status === 409);

  // One invitation, even after a moment for stragglers.
  await system.mail.waitForMessage((m) => m.to.includes('dina@dubbelpost.example'), 30_000);
  await sleep(2_000);
  const invitations = (await system.mail.messages()).filter((m) => m.to.includes('dina@dubbelpost.example'));
  const partners = await system.db.selectFrom('partners').select('id').where('id', 'like', 'dubbelpost%').execute();
  const journeys = await system.db
    .selectFrom('journeys')
    .select('workflow_id')
    .where('partner_id', 'like', 'dubbelpost%')
    .execute();
  const runs: string[] = [];
  for await (const execution of system.temporal.workflow.list({
    query: `WorkflowId = '${journeyWorkflowId('dubbelpost')}'`,
  }))
    runs.push(execution.runId);
  reportFigures('duplicate-onboarding', {
    posts: 20,
    created: statuses.filter((s) => s === 201).length,
    conflicts: conflicts.length,
    partners: partners.length,
    journeyRuns: runs.length,
    invitations: invitations.length,
  });

  expect(statuses).toEqual([201, ...Array(19).fill(409)]);
  for (const conflict of conflicts)
    expect(conflict.body.error).toMatchObject({ code: 'partner_exists', details: { id: 'dubbelpost' } });
  expect(partners).toEqual([{ id: 'dubbelpost' }]);
  expect(journeys).toEqual([{ workflow_id: 'journey-dubbelpost' }]);
  expect(runs).toHaveLength(1);
  expect(invitations).toHaveLength(1);
});

test('a signature answered at the same moment on the page (approve) and by email (decline): one decision, both told the truth', async () => {
  const names = ['Racepage Een', 'Racepage Twee', 'Racepage Drie', 'Racepage Vier', 'Racepage Vijf'];
  const outcomes: { page: number; email: InboundResult; recorded: string }[] = [];
  await Promise.all(
    names.map(async (name) => {
      const id = await actors.onboard(name);
      const who = actors.addresses(id);
      await actors.expectOk(actors.answer(who.coordinator, intentAnswer));
      await actors.expectOk(actors.answer(who.staff, { decision: 'approve' }, new RegExp(name)));
      const ask = await actors.nextEmail(who.signatory);
      const replyTo = /reply\+[A-Za-z0-9_-]{43}@[^\s>]+/.exec(ask.replyTo ?? '')![0];
      const raw = await new MailComposer({
        from: who.signatory,
        to: replyTo,
        subject: `Re: ${ask.subject}`,
        inReplyTo: ask.messageId,
        text: `Nee, we tekenen (nog) niet: de raad van bestuur moet eerst beslissen.\n\n> ${ask.text.split('\n').join('\n> ')}`,
      })
        .compile()
        .build();

      // The page answer leaves 0–40 ms after the reply is handed over, so either can win.
      const [page, email] = await Promise.all([
        sleep(names.indexOf(name) * 10).then(() => actors.post(actors.linkIn(ask), { decision: 'approve' })),
        handleInboundEmail({ db: system.db, temporal: system.temporal, mailer, config: system.config }, raw),
      ]);
      const row = await requestRow(id, who.signatory);
      const outcome = await system.temporal.workflow.getHandle(requestWorkflowId(row.id)).query(requestOutcomeQuery);
      const state = await system.temporal.workflow.getHandle(journeyWorkflowId(id)).query(journeyStateQuery);
      const decisions = state.decisions.map((d) => d.what).filter((what) => what.startsWith('commitment'));
      const recorded = (row.answer as { decision: string }).decision;
      outcomes.push({ page: page.status, email, recorded });

      // One decision, recorded alike in the read model and the workflow, and acted on once.
      expect(row.status).toBe('answered');
      // The workflow holds a reference to the comment (db/written-texts.ts); the row holds the comment.
      expect(await joinWrittenTexts(system.db, outcome!.answer!)).toEqual(row.answer);
      expect(decisions).toEqual([recorded === 'approve' ? 'commitment signed' : 'commitment_signature: decline']);
      // Each channel tells the truth: the winner is confirmed, the loser hears it was already answered.
      if (recorded === 'approve') {
        expect(page.status).toBe(200);
        expect(email).toBe('closed');
      } else {
        expect(page.status).toBe(410);
        expect(page.body.error.code).toBe('request_answered');
        expect(email).toBe('answered');
      }
      const confirmation = await system.mail.waitForMessage(
        (m) => m.to.includes(who.signatory) && /^Re:/.test(m.subject),
        30_000,
      );
      expect(confirmation.text).toContain(recorded === 'approve' ? 'al beantwoord' : 'geregistreerd');
    }),
  );
  reportFigures('page-and-email-race', {
    races: outcomes.length,
    pageWon: outcomes.filter((o) => o.recorded === 'approve').length,
    emailWon: outcomes.filter((o) => o.recorded === 'decline').length,
    bothAccepted: outcomes.filter((o) => o.page === 200 && o.email === 'answered').length,
  });
  expect(outcomes.filter((o) => o.page === 200 && o.email === 'answered')).toEqual([]);
});

describe('an answer racing the expiry timer', () => {
  let expiring: TestSystem;
  let expiringActors: Actors;
  beforeAll(async () => {
    expiring = await startTestSystem({ PACT_MAX_REMINDERS: '0', PACT_ESCALATE_AFTER: '1h', PACT_EXPIRE_AFTER: '4s' });
    expiringActors = new Actors(expiring);
  }, 120_000);
  afterAll(() => expiring?.stop(), 60_000);

  test('exactly one outcome, and the HTTP answer says which: 200 if recorded, 410 if it expired first', async () => {
    // Answers sent from 1.5 s before to 2 s after the moment the request expires.
    const offsets = Array.from({ length: 15 }, (_, i) => -1_500 + i * 250);
    const results = await Promise.all(
      offsets.map(async (offset, i) => {
        const name = `Expirypartner ${String(i + 1).padStart(2, '0')}`;
        const id = await expiringActors.onboard(name);
        const who = expiringActors.addresses(id);
        const link = expiringActors.linkIn(await expiringActors.nextEmail(who.coordinator));
        const { expiresAt } = await readJson(await fetch(link, { headers: { accept: 'application/json' } }));
        await sleep(Date.parse(expiresAt) + offset - Date.now());
        const answered = await expiringActors.post(link, intentAnswer);

        // What the workflow and the read model say, once the journey has taken its next step.
        const row = await (async () => {
          for (const deadline = Date.now() + 30_000; ; await sleep(200)) {
            const r = await expiring.db
              .selectFrom('requests')
              .select(['id', 'status'])
              .where('partner_id', '=', id)
              .where('kind', '=', 'intent')
              .executeTakeFirstOrThrow();
            if (r.status !== 'pending' || Date.now() > deadline) return r;
          }
        })();
        const outcome = await expiring.temporal.workflow
          .getHandle(requestWorkflowId(row.id))
          .query(requestOutcomeQuery);
        const nextStep =
          row.status === 'answered'
            ? await expiring.mail.waitForMessage(
                (m) =>
                  m.to.includes(expiring.config.staffEmail) &&
                  new RegExp(name).test(m.subject) &&
                  /\/0\/sent$/.test(keyOf(m)),
                30_000,
              )
            : await expiring.mail.waitForMessage((m) => keyOf(m) === `request/${row.id}/expired-notice`, 30_000);
        return {
          offset,
          http: answered.status,
          code: answered.body?.error?.code,
          db: row.status,
          workflow: outcome?.status,
          nextStep: keyOf(nextStep),
        };
      }),
    );
    reportFigures('answer-versus-expiry', {
      races: results.length,
      answered: results.filter((r) => r.http === 200).length,
      expiredFirst: results.filter((r) => r.http === 410).length,
      untruthful: results.filter((r) => (r.http === 200) !== (r.db === 'answered')).length,
      results: results.map((r) => `${r.offset}ms:${r.http}/${r.db}`).join(' '),
    });
    for (const r of results) {
      expect([200, 410]).toContain(r.http);
      expect(r.workflow).toBe(r.db);
      if (r.http === 200) expect(r.db).toBe('answered');
      else expect(r).toMatchObject({ db: 'expired', code: 'request_expired' });
    }
    // The spread of the answers makes both outcomes happen.
    expect(results.some((r) => r.http === 200) && results.some((r) => r.http === 410)).toBe(true);
  });
});
