import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Role } from '../../auth/schema';
import { createUser } from '../../auth/users';
import type { TestSystem } from '../support/test-system';
import type { ChromiumFound } from './chromium';

/**
 * Headless Chromium, driven by playwright-core: the test runner's own browser download does not
 * work everywhere this runs. Which one was found once for the whole run (tests/browser/chromium.ts,
 * in the global setup); when none was, every browser test fails with the one line that says what to do.
 */
export function launchChromium(): Promise<Browser> {
  const found = JSON.parse(process.env.TEST_CHROMIUM ?? '""') as ChromiumFound | string;
  if (typeof found === 'string')
    throw new Error(found || 'the browser tests run under jest (tests/support/global-setup.ts)');
  return chromium.launch({
    executablePath: found.executablePath,
    ...(found.libraryPath ? { env: { ...process.env, LD_LIBRARY_PATH: found.libraryPath } } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const screenshotDir = join(__dirname, '..', 'artifacts', 'screenshots');

/** Saves the whole page as tests/artifacts/screenshots/<name>.png (git-ignored; CI keeps them as artefacts). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

export const staffPassword = 'een lang genoeg wachtwoord';

/** A staff account, and a browser page signed in with it through the sign-in form. */
export async function signIn(
  system: TestSystem,
  page: Page,
  email: string,
  name: string,
  role: Role = 'staff',
): Promise<void> {
  await createUser(system.db, { email, name, role, password: staffPassword });
  await page.goto(`${system.url}/staff`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(staffPassword);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL(`${system.url}/staff`);
}

/**
 * Form controls a person cannot tell apart without seeing the page: no <label> (for= or around
 * it), no aria-label(ledby). Runs in the page, so it is given as source text.
 */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('input, select, textarea')]
    .filter((el) => el.type !== 'hidden' && el.type !== 'submit' && el.type !== 'button')
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => el.outerHTML)`) as Promise<string[]>;
}
