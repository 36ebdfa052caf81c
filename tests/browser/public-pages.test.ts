import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { seedPublicSide } from '../public/seed';
import { launchChromium, screenshot } from './browser';
import { checkedContext, pageProblems } from './page-problems';

/**
 * The pact's public pages in a browser: axe-core (serious and critical findings fail) and the HTML
 * validator, in Dutch on a desktop and in French and English on a phone; the README's screenshots of
 * them are written to docs/screenshots/.
 */
let system: TestSystem;
let browser: Browser;
let projectId: string;
beforeAll(async () => {
  system = await startTestSystem({}, { worker: false });
  ({ projectId } = await seedPublicSide(system.db));
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const docsScreenshots = join(__dirname, '..', '..', 'docs', 'screenshots');

test('the public pages pass axe and the HTML validator on a desktop and a phone, in three languages', async () => {
  const variants = [
    { lang: 'nl', width: 1280 },
    { lang: 'fr', width: 390 },
    { lang: 'en', width: 390 },
  ];
  for (const variant of variants) {
    const context = await checkedContext(browser, { width: variant.width });
    const page = await context.newPage();
    for (const [path, name, status] of [
      ['/pact', 'pact', 200],
      ['/pact/partners/openbaar-werk-1', 'partner', 200],
      [`/pact/projects/${projectId}`, 'project', 200],
      ['/pact/partners/openbaar-verborgen-schaduw', 'not-found', 404],
    ] as const) {
      const response = await page.goto(`${system.url}${path}?lang=${variant.lang}`);
      expect({ name, status: response?.status() }).toEqual({ name, status });
      const html = await response!.text();
      expect({ name, variant, problems: await pageProblems(page, html) }).toEqual({ name, variant, problems: [] });
      expect({ name, variant, scrollWidth: await page.evaluate('document.documentElement.scrollWidth') }).toEqual({
        name,
        variant,
        scrollWidth: variant.width,
      });
      await screenshot(page, `public-${name}-${variant.lang}-${variant.width}`);
    }
    await context.close();
  }
}, 180_000);

test('screenshots of the public pages for the README', async () => {
  mkdirSync(docsScreenshots, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'nl-BE' });
  const page = await context.newPage();
  await page.goto(`${system.url}/pact`);
  await page.screenshot({ path: join(docsScreenshots, 'pact.png'), fullPage: true });
  await page.goto(`${system.url}/pact/partners/openbaar-werk-1?lang=en`);
  await page.screenshot({ path: join(docsScreenshots, 'pact-partner.png'), fullPage: true });
  await context.close();
}, 60_000);
