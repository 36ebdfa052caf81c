import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { brusselsLocal } from '../../domain/brussels-time';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { launchChromium, screenshot, signIn, unlabelledControls } from './browser';
import { checkedContext, pageProblems } from './page-problems';

/**
 * A prioritisation round in a browser: staff open it with the staff form, a coordinator ranks on
 * the ballot page at phone width in French without JavaScript, and axe-core (serious and critical
 * violations fail) and an HTML validator find nothing on the ballot page and the round's staff pages.
 */
let system: TestSystem;
let actors: Actors;
let browser: Browser;
let partners: string[];
const ids = { a: randomUUID(), b: randomUUID(), c: randomUUID() };
const titles = { a: 'Peter- en meterschap', b: 'Jobbeurs voor nieuwkomers', c: 'Interculturele vorming' };

beforeAll(async () => {
  system = await startTestSystem({ PACT_REMINDER_AFTER: '1h', PACT_ESCALATE_AFTER: '2h', PACT_EXPIRE_AFTER: '3h' });
  actors = new Actors(system);
  partners = [await actors.onboard('Stembus Linde', { language: 'fr' }), await actors.onboard('Stembus Eik')];
  await system.db
    .insertInto('initiatives')
    .values(
      (Object.keys(ids) as (keyof typeof ids)[]).map((k) => ({
        id: ids[k],
        idempotency_key: `test-${ids[k]}`,
        title: titles[k],
        description: titles[k],
        kind: 'existing' as const,
        origin: 'staff' as const,
        levers: JSON.stringify(['agency']),
      })),
    )
    .execute();
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const contextFor = (width: number, options: { javaScript?: boolean; cookiesFrom?: BrowserContext } = {}) =>
  checkedContext(browser, { width, ...options });

/** axe's serious and critical findings, the validator's errors, and sideways scrolling. */
async function problemsOf(page: Page, html: string, width: number): Promise<string[]> {
  const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  return [
    ...(await pageProblems(page, html)),
    ...(scrollWidth > width ? [`scrolls sideways: ${scrollWidth}px at ${width}px`] : []),
  ];
}

let roundPath: string;

test('staff open a round with the staff form; the form names what is missing first', async () => {
  const signedIn = await contextFor(1280);
  const page = await signedIn.newPage();
  await signIn(system, page, 'noor@integratiepact.example', 'Noor Staff');
  await page.getByRole('link', { name: 'Prioriteiten' }).click();
  await page.getByText('Nog geen rondes').waitFor();
  expect(await unlabelledControls(page)).toEqual([]);
  expect(await problemsOf(page, await page.content(), 1280)).toEqual([]);
  await page.getByLabel('Titel').fill('Prioriteiten najaar');
  // No initiative chosen: the form says so, and nothing is opened.
  await page.getByRole('button', { name: 'Openen en stembrieven versturen' }).click();
  await page.locator('#initiativeIds-error').waitFor();
  for (const k of ['a', 'b', 'c'] as const) await page.getByLabel(titles[k]).check();
  await page.getByLabel('Sluit (tijd in Brussel)').fill(brusselsLocal(Date.now() + 5 * 86_400_000));
  await page.getByLabel('N: hoeveel initiatieven een partner mag rangschikken').fill('2');
  await page.getByLabel('K: hoeveel initiatieven geprioriteerd worden').fill('1');
  // Partners are chosen by name in the search field (no list of every partner), ticked as they are picked.
  const partnerField = page.getByLabel('Partner toevoegen op naam');
  for (const name of ['Stembus Linde', 'Stembus Eik']) {
    await partnerField.pressSequentially(name.slice(0, 'Stembus L'.length));
    await page.locator(`#partnerName-matches option[value="${name}"]`).waitFor({ state: 'attached' });
    await partnerField.fill(name);
    await partnerField.press('Tab');
    expect(await page.getByRole('checkbox', { name, exact: true }).isChecked()).toBe(true);
  }
  await page.getByRole('button', { name: 'Openen en stembrieven versturen' }).click();
  await page.waitForURL(/\/staff\/prioritisation-rounds\/[0-9a-f-]{36}\?done=opened$/);
  await page.getByText('De ronde is geopend').waitFor();
  roundPath = new URL(page.url()).pathname;
  // Two ballots' rows (the totals and the status filter name the status too).
  expect(await page.getByRole('cell', { name: /nog niet gestemd/ }).count()).toBe(2);
  expect(await problemsOf(page, await page.content(), 1280)).toEqual([]);
  await screenshot(page, 'round-opened');
  await signedIn.close();
}, 120_000);

test('the ballot page works at phone width without JavaScript, in French, and passes axe and the validator', async () => {
  const message = await actors.nextEmail(actors.addresses(partners[0]!).coordinator, /Donnez votre avis/);
  // The staff form lists the initiatives by title, and the email numbers them in that order.
  expect(message.text).toContain(`1. ${titles.c}\n2. ${titles.b}\n3. ${titles.a}`);
  const link = new RegExp(`${system.url}/b/[A-Za-z0-9_-]{43}`).exec(message.text)![0];

  const phone = await contextFor(375, { javaScript: false });
  const page = await phone.newPage();
  const shown = await page.goto(link);
  expect(shown?.status()).toBe(200);
  await page.getByRole('heading', { name: /Vote.*Prioriteiten najaar/ }).waitFor();
  expect(await unlabelledControls(page)).toEqual([]);
  await screenshot(page, 'ballot-page-fr-375');
  await page.getByLabel('1er choix').selectOption({ label: `1. ${titles.c}` });
  await page.getByLabel('2e choix').selectOption({ label: `3. ${titles.a}` });
  await page.getByRole('button', { name: 'Envoyer mon classement' }).click();
  await page.getByRole('status').getByText('Merci, votre classement a été enregistré.').waitFor();
  const html = await page.content();
  await screenshot(page, 'ballot-recorded-fr-375');
  // axe needs its script: the same page again, with JavaScript, checked as it is.
  const checking = await contextFor(375);
  const checked = await checking.newPage();
  const again = await checked.goto(link);
  expect(await problemsOf(checked, await again!.text(), 375)).toEqual([]);
  expect(html).toContain('Votre classement actuel');
  await checking.close();
  await phone.close();

  // The other partner's page in Dutch on a desktop, the choices kept after a refusal.
  const other = await actors.nextEmail(actors.addresses(partners[1]!).coordinator, /Stem mee/);
  const desktop = await contextFor(1280);
  const dutch = await desktop.newPage();
  await dutch.goto(new RegExp(`${system.url}/b/[A-Za-z0-9_-]{43}`).exec(other.text)![0]);
  await dutch.getByLabel('1e keuze').selectOption({ label: `2. ${titles.b}` });
  await dutch.getByLabel('2e keuze').selectOption({ label: `2. ${titles.b}` });
  await dutch.getByRole('button', { name: 'Rangschikking versturen' }).click();
  await dutch.getByText(`Meer dan één keer gekozen: 2. ${titles.b}.`).waitFor();
  expect(await problemsOf(dutch, await dutch.content(), 1280)).toEqual([]);
  await screenshot(dutch, 'ballot-refused-nl-1280');
  await desktop.close();
}, 120_000);

test("the round's staff page at phone width, in English, passes axe and the validator", async () => {
  const signedIn = await contextFor(390);
  const page = await signedIn.newPage();
  await signIn(system, page, 'omar@integratiepact.example', 'Omar Staff');
  const shown = await page.goto(`${system.url}${roundPath}?lang=en`);
  expect(shown?.status()).toBe(200);
  await page.getByRole('cell', { name: /by the link/ }).waitFor();
  expect(await problemsOf(page, await shown!.text(), 390)).toEqual([]);
  await screenshot(page, 'round-en-390');
  await page.getByRole('button', { name: 'Close now' }).click();
  await page.getByText('The round is closed and counted.').waitFor();
  expect(await page.getByRole('row', { name: /^Rank 1 / }).innerText()).toMatch(
    new RegExp(`${titles.c}[\\s\\S]*prioritised`),
  );
  expect(await problemsOf(page, await page.content(), 390)).toEqual([]);
  await screenshot(page, 'round-closed-en-390');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'round-closed-en-1280');
  await signedIn.close();
}, 120_000);
