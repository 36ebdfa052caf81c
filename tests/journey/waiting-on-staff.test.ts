import { randomBytes } from 'node:crypto';
import { ensureSchedules } from '../../worker/schedules';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** "Waiting on staff" (db/waiting-on-staff.ts): the dashboard and the weekly digest say the same. */
let system: TestSystem;
let actors: Actors;
const prefix = `test-${randomBytes(4).toString('hex')}-`;
beforeAll(async () => {
  // Requests expire after 8 s: long enough to look at both before the re-sent one expires too.
  system = await startTestSystem({ PACT_MAX_REMINDERS: '0', PACT_ESCALATE_AFTER: '1h', PACT_EXPIRE_AFTER: '8s' });
  actors = new Actors(system);
  await ensureSchedules(system.temporal, system.config, prefix);
});
afterAll(async () => {
  await system.temporal.schedule
    .getHandle(`${prefix}staff-digest`)
    .delete()
    .catch(() => undefined);
  await system.temporal.schedule
    .getHandle(`${prefix}network-summary`)
    .delete()
    .catch(() => undefined);
  await system?.stop();
});

test('a journey waiting for a project shows in the dashboard and the digest; an expired request re-sent in neither', async () => {
  const windroos = await actors.onboard('Windroos');
  await actors.formalise(windroos); // prototype: waits for staff to put it in a project

  const atlas = await actors.onboard('Atlas');
  const who = actors.addresses(atlas);
  await actors.nextEmail(who.coordinator);
  await actors.nextEmail(who.staff, /Atlas/, 20_000); // the intent request expired
  const resend = await system.staffFetch(`/api/partners/${atlas}/expired-request`, {
    method: 'POST',
    body: JSON.stringify({ action: 'resend' }),
  });
  expect(resend.status).toBe(200);
  await actors.expectOk(actors.answer(who.coordinator, intentAnswer, /^(?!Herinnering)/));
  await actors.nextEmail(who.staff, /Te beoordelen/); // waits on staff again, for the review

  const dashboard = await (await system.staffFetch('/staff')).text();
  const waitingList = dashboard.slice(dashboard.indexOf('/staff/partners?status=waiting_staff'));
  const items = waitingList.slice(0, waitingList.indexOf('</ul>')).match(/<li>.*?<\/li>/gs) ?? [];
  const item = (id: string) => items.find((li) => li.includes(`/staff/partners/${id}"`));
  expect(item(windroos)).toContain('Windroos');
  expect(item(atlas)).toContain('Atlas');
  expect(item(atlas)).not.toContain('verlopen');

  await system.temporal.schedule.getHandle(`${prefix}staff-digest`).trigger();
  const digest = await actors.nextEmail(system.config.staffEmail, /Weekoverzicht/);
  expect(digest.text).toContain('Windroos: wacht op een prototypeproject');
  expect(digest.text).toContain('Atlas: beoordeling van de intentie te beantwoorden door');
  expect(digest.text).not.toMatch(/Atlas: vraag .* verlopen/);
});
