import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readJson } from '../support/http';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { launchChromium, screenshot, signIn } from './browser';
import { checkedContext, pageProblems } from './page-problems';

/**
 * The public join form at phone width, as a person fills it in (README.md, Joining the pact):
 * axe-core (serious and critical findings fail) and the HTML validator on every page of the way,
 * from the form to staff approving the join, with a screenshot of each.
 */
let system: TestSystem;
let actors: Actors;
let browser: Browser;
beforeAll(async () => {
  system = await startTestSystem();
  actors = new Actors(system);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const phone = { width: 390, height: 844 };

const phoneContext = (cookiesFrom?: BrowserContext) =>
  checkedContext(browser, { ...phone, ...(cookiesFrom ? { cookiesFrom } : {}) });

/** axe's serious and critical findings, the validator's errors, and sideways scrolling on the phone. */
async function expectClean(page: Page, name: string): Promise<void> {
  const problems = await pageProblems(page, await page.content());
  expect({ name, problems }).toEqual({ name, problems: [] });
  expect({ name, scrollWidth: await page.evaluate('document.documentElement.scrollWidth') }).toEqual({
    name,
    scrollWidth: phone.width,
  });
  await screenshot(page, `join-${name}-${phone.width}`);
}

test('an organisation joins on a phone, confirms by email, and staff approve it', async () => {
  const context = await phoneContext();
  const page = await context.newPage();
  await page.goto(`${system.url}/pact/join?lang=fr`);
  expect(await page.getAttribute('html', 'lang')).toBe('fr');
  await expectClean(page, 'form-fr');

  await page.goto(`${system.url}/pact/join`);
  expect(await page.locator('h1').innerText()).toBe('Aansluiten bij het Integratiepact');
  await expectClean(page, 'form-nl');
  // Sent half filled in: each problem stands next to its field, and what was typed stays.
  await page.getByLabel('Naam van de organisatie').fill('Zonnebloem');
  await page.getByRole('button', { name: 'Aanmelding versturen' }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.locator('#coordinatorEmail-error').innerText()).toBe('Vul een geldig e-mailadres in.');
  expect(await page.locator('#levers-error').innerText()).toBe('Kies minstens één hefboom.');
  expect(await page.getByLabel('Naam van de organisatie').inputValue()).toBe('Zonnebloem');
  await expectClean(page, 'form-errors-nl');

  await page.getByLabel('Type actor').selectOption('civil_society');
  await page.getByLabel('Sector').selectOption('care');
  await page.getByLabel('Taal voor onze berichten').selectOption('nl');
  await page.locator('#coordinatorName').fill('Noor Coördinator');
  await page.locator('#coordinatorEmail').fill('coordinator@zonnebloem.example');
  await page.getByLabel('Vertrouwen bouwen').check();
  await page.getByLabel('racisme tegengaan').check();
  await page
    .getByLabel('Wat wilt u doen?')
    .fill('Wij openen ons buurthuis voor nieuwkomers en vormen onze vrijwilligers.');
  await page.getByRole('button', { name: 'Aanmelding versturen' }).click();
  await page.getByRole('status').waitFor();
  expect(await page.locator('h1').innerText()).toBe('Bedankt voor uw aanmelding');
  await expectClean(page, 'received-nl');

  const email = await actors.nextEmail('coordinator@zonnebloem.example', /Bevestig de aanmelding van Zonnebloem/);
  const link = new RegExp(`${system.url}/j/[A-Za-z0-9_-]{43}`).exec(email.text)![0];
  await page.goto(link);
  await expectClean(page, 'confirm-nl');
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await page.getByRole('status').waitFor();
  expect(await page.locator('h1').innerText()).toBe('Aanmelding bevestigd');
  await expectClean(page, 'confirmed-nl');
  await context.close();

  // Staff, on a phone too: the list, the join request, and approving it.
  const signedIn = await browser.newContext();
  await signIn(system, await signedIn.newPage(), 'fien@integratiepact.example', 'Fien Staff');
  const staff = await (await phoneContext(signedIn)).newPage();
  await staff.goto(`${system.url}/staff/join-requests`);
  await expectClean(staff, 'staff-list-nl');
  await staff.getByRole('link', { name: 'Zonnebloem' }).click();
  expect(await staff.locator('blockquote').innerText()).toContain('buurthuis');
  await expectClean(staff, 'staff-request-nl');
  await staff.getByRole('button', { name: 'Goedkeuren en het traject starten' }).click();
  await staff.waitForURL(`${system.url}/staff/partners/zonnebloem`);
  expect(await staff.locator('h1').innerText()).toBe('Zonnebloem');
  await signedIn.close();
}, 180_000);

test('staff reject a join on its page, with a reason, in English on a phone', async () => {
  const response = await fetch(`${system.url}/pact/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Schijnbeweging',
      actorType: 'market',
      sector: 'other',
      contacts: [{ name: 'Iemand', email: 'coordinator@schijnbeweging.example', role: 'coordinator' }],
      intent: { levers: ['trust'], goals: ['counter_racism'], summary: 'Wij willen vooral reclame maken.' },
    }),
  });
  expect(response.status).toBe(202);
  const { joinRequests } = await readJson(await system.staffFetch('/api/join-requests?status=pending_confirmation'));
  const join = joinRequests.find((j: { name: string }) => j.name === 'Schijnbeweging');

  const signedIn = await browser.newContext();
  await signIn(system, await signedIn.newPage(), 'jan@integratiepact.example', 'Jan Staff');
  const staff = await (await phoneContext(signedIn)).newPage();
  await staff.goto(`${system.url}/staff/join-requests/${join.id}?lang=en`);
  expect(await staff.locator('.notice').innerText()).toBe('The coordinator has not confirmed the address yet.');
  await expectClean(staff, 'staff-request-unconfirmed-en');
  // A reason too short: the page says what to fix, next to the field (an empty one the browser refuses itself).
  await staff.getByLabel('Reason for the rejection').fill('no');
  await staff.getByRole('button', { name: 'Reject' }).click();
  expect(await staff.locator('#reason-error').innerText()).toContain('at least 3 characters');
  await expectClean(staff, 'staff-reject-error-en');
  await staff.getByLabel('Reason for the rejection').fill('Geen engagement tegen discriminatie.');
  await staff.getByRole('button', { name: 'Reject' }).click();
  await staff.waitForURL(`${system.url}/staff/join-requests?done=rejected`);
  expect(await staff.getByRole('link', { name: '(erased)' }).count()).toBe(1);
  expect(await staff.locator('main').innerText()).toContain('The request has been rejected and its details erased.');
  await expectClean(staff, 'staff-list-rejected-en');
  await signedIn.close();
}, 120_000);
