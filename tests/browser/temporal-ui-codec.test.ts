import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../auth/users';
import { journeyWorkflowId } from '../../domain/workflow-ids';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { launchChromium, staffPassword } from './browser';

/**
 * The app serves the Temporal UI at /temporal/ to administrators only (api/temporal-ui/proxy.ts).
 * An administrator signed in to the staff pages reads a journey's history decoded, with no codec
 * setting changed: the UI and the codec endpoint share the app's origin. Anyone else is sent to sign
 * in or refused, and the UI offers no write actions.
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

const workflowPath = () => `/temporal/namespaces/default/workflows/${journeyWorkflowId(partnerId)}`;

let accounts = 0;
async function signedIn(role: 'admin' | 'staff'): Promise<Page> {
  const email = `ui-${role}-${++accounts}@integratiepact.example`;
  await createUser(system.db, { email, name: `UI ${role}`, role, password: staffPassword });
  // The size at which the UI's codec dialog once hid its Apply button: no dialog is needed now.
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(`${system.url}/staff`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(staffPassword);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL(`${system.url}/staff`);
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

test("an administrator signed in to the staff pages reads the journey's input decoded, with no setting changed", async () => {
  const page = await signedIn('admin');
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /content security policy/i.test(message.text())) problems.push(message.text());
  });
  await page.goto(`${system.url}${workflowPath()}`);
  expect(await shows(page, decodedInput)).toBe(true);
  expect(await page.getByText('Codec Server could not connect').count()).toBe(0);
  expect(problems).toEqual([]);
});

test('a visitor who is not signed in is sent to sign in, and back to the UI', async () => {
  const response = await fetch(`${system.url}${workflowPath()}`, { redirect: 'manual' });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe(`/staff/login?next=${encodeURIComponent(workflowPath())}`);
  // Nor does anything of the UI's API answer without a session.
  const api = await fetch(`${system.url}/temporal/api/v1/namespaces/default/workflows`, { redirect: 'manual' });
  expect(api.status).toBe(303);
});

test('staff who are not administrators are refused the UI, and their pages do not link to it', async () => {
  const page = await signedIn('staff');
  await page.goto(`${system.url}/staff/partners/${partnerId}`);
  await page.locator('h1').first().waitFor();
  expect(await page.locator('#temporal-link').count()).toBe(0);
  const response = await page.goto(`${system.url}${workflowPath()}`);
  expect(response?.status()).toBe(403);
  expect(await page.locator('body').innerText()).not.toContain(decodedInput);
});

test('the UI is read-only: its write actions are off', async () => {
  const page = await signedIn('admin');
  const response = await page.request.get(`${system.url}/temporal/api/v1/settings`);
  expect(response.status()).toBe(200);
  const settings = (await response.json()) as { DisableWriteActions?: boolean; Codec?: { Endpoint?: string } };
  expect(settings.DisableWriteActions).toBe(true);
  expect(settings.Codec?.Endpoint).toBe('/codec');
});
