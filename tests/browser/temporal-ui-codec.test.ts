import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../auth/users';
import { journeyWorkflowId } from '../../domain/workflow-ids';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { launchChromium, staffPassword } from './browser';

/**
 * The Temporal UI decodes a journey's history through the codec endpoint for a signed-in
 * administrator, as the README says to set it up (its codec settings: this browser's endpoint,
 * cross-origin credentials); for staff who are not administrators it stays ciphertext.
 */
let system: TestSystem;
let browser: Browser;
let partnerId: string;
beforeAll(async () => {
  system = await startTestSystem();
  partnerId = await new Actors(system).onboard('Ontcijferd');
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function signedIn(role: 'admin' | 'staff'): Promise<Page> {
  const email = `ui-${role}@integratiepact.example`;
  await createUser(system.db, { email, name: `UI ${role}`, role, password: staffPassword });
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${system.url}/staff`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(staffPassword);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL(`${system.url}/staff`);
  // The UI's "Configure Codec Server": this browser's endpoint, with cross-origin credentials.
  const uiUrl = system.config.temporal.uiUrl!;
  await page.goto(uiUrl);
  // Runs in the page, so it is given as source text (no DOM types here).
  await page.evaluate(`
    localStorage.setItem('overrideRemoteCodecConfiguration', 'true');
    localStorage.setItem('endpoint', ${JSON.stringify(JSON.stringify(`${system.url}/codec`))});
    localStorage.setItem('includeCredentials', 'true');
  `);
  await page.goto(`${uiUrl}/namespaces/default/workflows/${journeyWorkflowId(partnerId)}`);
  return page;
}

const shows = async (page: Page, text: string) => {
  for (let tries = 0; tries < 60; tries++) {
    if ((await page.locator('main').innerText()).includes(text)) return true;
    await page.waitForTimeout(250);
  }
  return false;
};

// The journey's input names its contacts by id (no person is in it): its `contactId` fields are
// readable only once the input is decoded.
const decodedInput = 'contactId';

test("an administrator signed in to the staff pages reads the journey's input decoded", async () => {
  const page = await signedIn('admin');
  expect(await shows(page, decodedInput)).toBe(true);
});

test('staff who are not administrators see only ciphertext in the UI', async () => {
  const page = await signedIn('staff');
  await page.getByText(journeyWorkflowId(partnerId)).first().waitFor({ timeout: 30_000 });
  expect(await shows(page, decodedInput)).toBe(false);
});
