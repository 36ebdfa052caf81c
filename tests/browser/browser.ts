import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createUser } from '../../auth/users';
import type { TestSystem } from '../support/test-system';

/**
 * Headless Chromium from the system's packages (Debian's `chromium`), driven by playwright-core:
 * the test runner's own browser download does not work everywhere this runs.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
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
export async function signIn(system: TestSystem, page: Page, email: string, name: string): Promise<void> {
  await createUser(system.db, { email, name, role: 'staff', password: staffPassword });
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
