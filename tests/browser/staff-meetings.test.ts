import type { Browser, Page } from 'playwright-core';
import { openForm } from '../../dev/form-page';
import { brusselsAt } from '../support/meeting-mail';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { launchChromium, screenshot, signIn, unlabelledControls } from './browser';

/** Staff plan a follow-up meeting on the staff pages, see the answers come in per invitee and channel, change and cancel it. */
let system: TestSystem;
let actors: Actors;
let browser: Browser;
let page: Page;
let culture: string[];
beforeAll(async () => {
  system = await startTestSystem({ PACT_REMINDER_AFTER: '1h', PACT_ESCALATE_AFTER: '2h', PACT_EXPIRE_AFTER: '3h' });
  actors = new Actors(system);
  culture = [
    await actors.onboard('Cultuurhuis Agenda', { sector: 'culture' }),
    await actors.onboard('Theaterhuis Agenda', { sector: 'culture' }),
  ];
  await actors.onboard('Havenbedrijf Agenda', { sector: 'work', actorType: 'market' });
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'nl-BE',
    timezoneId: 'Europe/Brussels',
  });
  page = await context.newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const linkIn = (text: string) => new RegExp(`${system.url}/m/[A-Za-z0-9_-]{43}`).exec(text)![0];

test('plan a meeting for the culture sector, follow the answers, change it, cancel it', async () => {
  await signIn(system, page, 'mira@integratiepact.example', 'Mira Staff');
  await page.getByRole('link', { name: 'Bijeenkomsten' }).click();
  await page.getByText('Nog geen bijeenkomsten').waitFor();
  expect(await unlabelledControls(page)).toEqual([]);

  await page.getByLabel('Titel').fill('Opvolging cultuur');
  await page.getByLabel('Begint (tijd in Brussel)').fill(brusselsAt(9, 14));
  await page.getByLabel('Eindigt (tijd in Brussel)').fill(brusselsAt(9, 16));
  await page.locator('#place').fill('Cultuurcentrum Mechelen');
  await page.locator('#agenda').fill('Wat hebben we geleerd?');
  // No invitees chosen: the form says so, and nothing is planned.
  await page.getByRole('button', { name: 'Plannen en uitnodigen' }).click();
  await page.locator('#invitees-error').waitFor();
  await screenshot(page, 'meetings-plan-errors');
  await page.getByLabel('Partners uit sector').selectOption('culture');
  await page.getByLabel('Sector of cluster van de bijeenkomst').selectOption('culture');
  await page.getByRole('button', { name: 'Plannen en uitnodigen' }).click();
  await page.waitForURL(/\/staff\/meetings\/[0-9a-f-]{36}\?done=planned$/);
  await page.getByText('De bijeenkomst is gepland').waitFor();
  expect(await page.getByRole('row').count()).toBe(3); // the header and the two coordinators
  expect(await page.getByText('nog geen antwoord').count()).toBe(2);
  expect(await unlabelledControls(page)).toEqual([]);

  // The first invitee answers by the link in the invitation.
  const invitation = await actors.nextEmail(
    actors.addresses(culture[0]!).coordinator,
    /Uitnodiging: Opvolging cultuur/,
  );
  const form = await openForm(linkIn(invitation.text));
  expect(
    (
      await form.submit([
        ['answer', 'yes'],
        ['note', 'Graag!'],
      ])
    ).status,
  ).toBe(200);
  await page.reload();
  const row = page.getByRole('row', { name: /Cultuurhuis Agenda/ });
  expect(await row.innerText()).toMatch(/ja\s+via de link\s+Graag!/);
  await screenshot(page, 'meeting-answers');

  // Another room, the same hour: everyone gets an updated invitation; the answer stays.
  await page.locator('#place').fill('Cultuurcentrum Mechelen, zaal B');
  // The change form has the online link the plan form and the API have.
  await page.getByLabel('Onlinelink (niet verplicht, https://…)').fill('https://meet.example/cultuur');
  await page.getByRole('button', { name: 'Wijzigen en iedereen verwittigen' }).click();
  await page.getByText('De bijeenkomst is gewijzigd').waitFor();
  const update = await actors.nextEmail(actors.addresses(culture[1]!).coordinator, /Gewijzigd: Opvolging cultuur/);
  expect(update.text).toContain('zaal B');
  expect(update.text).toContain('https://meet.example/cultuur');
  await page.getByRole('link', { name: 'https://meet.example/cultuur' }).waitFor();
  expect(await page.getByLabel('Onlinelink (niet verplicht, https://…)').inputValue()).toBe(
    'https://meet.example/cultuur',
  );
  expect(await page.getByRole('row', { name: /Cultuurhuis Agenda/ }).innerText()).toMatch(/ja/);

  await page.getByRole('button', { name: 'Afgelasten en iedereen verwittigen' }).click();
  await page.getByText('De bijeenkomst is afgelast').waitFor();
  await actors.nextEmail(actors.addresses(culture[0]!).coordinator, /Afgelast: Opvolging cultuur/);
  await page
    .getByRole('link', { name: /Bijeenkomsten/ })
    .first()
    .click();
  const listed = page.getByRole('row', { name: /Opvolging cultuur/ });
  for (let i = 0; i < 40 && !/afgelast/.test(await listed.innerText()); i++) {
    await page.waitForTimeout(250);
    await page.reload();
  }
  expect(await listed.innerText()).toMatch(/afgelast/);
  await screenshot(page, 'meetings-list');

  // The partner's timeline shows the invitation, the answer and the cancellation.
  await page.goto(`${system.url}/staff/partners/${culture[0]}`);
  for (const event of [
    'Uitgenodigd op een opvolgbijeenkomst',
    'Antwoord op een uitnodiging',
    'Opvolgbijeenkomst afgelast',
  ])
    await page.getByText(event).first().waitFor();
}, 120_000);

test('a partner found by typing part of its name in the search field is ticked and invited', async () => {
  await page.goto(`${system.url}/staff/meetings`);
  await page.getByLabel('Titel').fill('Haven op naam');
  await page.getByLabel('Begint (tijd in Brussel)').fill(brusselsAt(10, 14));
  await page.getByLabel('Eindigt (tijd in Brussel)').fill(brusselsAt(10, 16));
  await page.locator('#place').fill('Antwerpen');
  await page.locator('#agenda').fill('Kennismaking');
  // No list of every partner: typing asks the search for suggestions.
  const field = page.getByLabel('Partner toevoegen op naam');
  await field.pressSequentially('havenbe');
  await page.locator('#partnerName-matches option[value="Havenbedrijf Agenda"]').waitFor({ state: 'attached' });
  await field.fill('Havenbedrijf Agenda');
  await field.press('Tab');
  const ticked = page.getByRole('checkbox', { name: 'Havenbedrijf Agenda' });
  await ticked.waitFor();
  expect(await ticked.isChecked()).toBe(true);
  expect(await field.inputValue()).toBe('');
  expect(await unlabelledControls(page)).toEqual([]);
  await page.getByRole('button', { name: 'Plannen en uitnodigen' }).click();
  await page.waitForURL(/\/staff\/meetings\/[0-9a-f-]{36}\?done=planned$/);
  expect(await page.getByRole('row').count()).toBe(2); // the header and the one coordinator
  await page.getByRole('row', { name: /Havenbedrijf Agenda/ }).waitFor();
}, 60_000);
