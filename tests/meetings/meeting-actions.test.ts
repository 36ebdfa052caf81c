import { brusselsLocal } from '../../domain/brussels-time';
import { meetingWorkflowId, requestWorkflowId } from '../../domain/workflow-ids';
import { openForm } from '../../dev/form-page';
import { captureHistory } from '../support/history-fixtures';
import { readJson } from '../support/http';
import { brusselsAt } from '../support/meeting-mail';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** After the meeting: minutes with two actions, each a request to its owner's coordinator; one answered "done", one expiring. */
let system: TestSystem;
let actors: Actors;

beforeAll(async () => {
  system = await startTestSystem({
    PACT_REMINDER_AFTER: '2s',
    PACT_REMINDER_EVERY: '1h',
    PACT_MAX_REMINDERS: '1',
    PACT_ESCALATE_AFTER: '5s',
    PACT_EXPIRE_AFTER: '9s',
  });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

const post = (path: string, body?: unknown) =>
  system.staffFetch(path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const requestOf = (partnerId: string) =>
  system.db
    .selectFrom('requests')
    .select(['id', 'status', 'answer', 'topic'])
    .where('partner_id', '=', partnerId)
    .where('kind', '=', 'action')
    .executeTakeFirst();

test('two actions agreed: one reported done with a note, the other expires; the meeting workflow then ends', async () => {
  const [doer, silent] = [
    await actors.onboard('Mediahuis Actie', { sector: 'media' }),
    await actors.onboard('Radiohuis Actie', { sector: 'media' }),
  ];
  const startMs = Math.ceil((Date.now() + 20_000) / 60_000) * 60_000;
  const planned = await post('/api/meetings', {
    title: 'Opvolging media',
    sector: 'media',
    startsAt: brusselsLocal(startMs),
    endsAt: brusselsLocal(startMs + 60_000),
    place: 'Brussel',
    agenda: 'Afspraken maken',
    invitees: { sector: 'media' },
  });
  expect(planned.status).toBe(201);
  const { id } = await readJson(planned);
  await new Promise((r) => setTimeout(r, Math.max(startMs - Date.now() + 500, 0)));

  const dueDate = brusselsAt(30, 0).slice(0, 10);
  const minutes = await post(`/api/meetings/${id}/minutes`, {
    attended: [],
    minutes: 'Twee acties afgesproken.',
    actions: [
      { ownerPartnerId: doer, description: 'De lijst van stageplaatsen delen', dueDate },
      { ownerPartnerId: silent, description: 'Een spreker voorstellen', dueDate },
    ],
  });
  expect(minutes.status).toBe(200);

  // The owner's coordinator is asked, with what was agreed, and answers on the page.
  const asked = await actors.nextEmail(actors.addresses(doer).coordinator, /afgesproken actie van Mediahuis Actie/);
  expect(asked.text).toContain('De lijst van stageplaatsen delen');
  expect(asked.text).toContain('Opvolging media');
  const form = await openForm(actors.linkIn(asked));
  expect(form.html).toContain('De lijst van stageplaatsen delen');
  const notTicked = await form.submit([['comment', 'Nog niet']]);
  expect(notTicked.status).toBe(400);
  const done = await form.submit([
    ['done', 'yes'],
    ['comment', 'Gedeeld op 3 december.'],
  ]);
  expect(done.status).toBe(200);
  expect(await done.text()).toContain('de actie staat als gedaan geregistreerd');
  expect(await requestOf(doer)).toMatchObject({
    status: 'answered',
    answer: { done: true, comment: 'Gedeeld op 3 december.' },
  });

  // The other is reminded, then expires.
  await actors.nextEmail(
    actors.addresses(silent).coordinator,
    /Herinnering.*afgesproken actie van Radiohuis Actie/,
    20_000,
  );
  const result = await system.temporal.workflow.getHandle(meetingWorkflowId(id)).result();
  expect(result).toMatchObject({ status: 'held', attended: [] });
  expect(await requestOf(silent)).toMatchObject({ status: 'expired' });

  const detail = await readJson(await system.staffFetch(`/api/meetings/${id}`));
  const requestIds = detail.actions.map((a: { requestId: string }) => a.requestId);
  expect(requestIds.sort()).toEqual([(await requestOf(doer))!.id, (await requestOf(silent))!.id].sort());
  await captureHistory(system, meetingWorkflowId(id), 'meeting-held-with-actions');
  await captureHistory(system, requestWorkflowId((await requestOf(doer))!.id), 'request-action-done');
}, 150_000);
