import type { Browser, Page } from 'playwright-core';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { launchChromium, screenshot, signIn } from './browser';

/** With the workflow engine out of reach, pages still show what Postgres knows, and actions say why they did nothing. */
let system: TestSystem;
let browser: Browser;
let page: Page;
const unavailable = 'De workflow-engine is tijdelijk niet bereikbaar';

beforeAll(async () => {
  system = await startTestSystem();
  await new Actors(system).onboard('Moerbei');
  browser = await launchChromium();
  page = await browser.newPage();
  await signIn(system, page, 'jef@integratiepact.example', 'Jef Staff');
  await page.goto(`${system.url}/staff/partners/moerbei`);
  await page.getByRole('button', { name: /^Nu herinneren/ }).waitFor(); // the intent request is open
  // The API's connection to Temporal goes away, as when the engine is down.
  await system.temporal.connection.close();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

test('the partner page still opens, and "remind now" says the engine is away instead of failing', async () => {
  await page.goto(`${system.url}/staff/partners/moerbei`);
  await page.getByRole('button', { name: /^Nu herinneren/ }).click();
  expect(await page.getByRole('alert').innerText()).toContain(unavailable);
  await screenshot(page, 'engine-unavailable');
});

test('onboarding from the form says the engine is away and stores nothing', async () => {
  await page.goto(`${system.url}/staff/partners/new`);
  await page.getByLabel('Naam van de organisatie').fill('Notelaar');
  await page.getByLabel('Type actor').selectOption('market');
  await page.getByLabel('Sector').selectOption('work');
  await page.locator('#coordinatorName').fill('Coordinator Notelaar');
  await page.locator('#coordinatorEmail').fill('coordinator@notelaar.example');
  await page.getByRole('button', { name: 'Partner toevoegen' }).click();
  expect(await page.getByRole('alert').innerText()).toContain(unavailable);
  expect(await page.locator('#name').inputValue()).toBe('Notelaar'); // what was typed is kept
  expect(
    await system.db.selectFrom('partners').select('id').where('id', '=', 'notelaar').executeTakeFirst(),
  ).toBeUndefined();
});
