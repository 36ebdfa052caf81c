import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { refreshMapLayout } from '../../db/map/layout';
import { writeMapHistory } from '../support/map-history';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { leverLabels } from '../../domain/translated-labels';
import { launchChromium, screenshot, signIn } from './browser';
import { drawingProblems } from './map-drawing';
import { checkedContext, pageProblems } from './page-problems';

/**
 * The map in a browser, at desktop and phone width: the staff map on a date and the public map pass
 * axe-core and the HTML validator, do not scroll sideways, keep their levers apart and their labels
 * inside the drawing and off each other (tests/browser/map-layout.test.ts at the demo pact's size),
 * and are saved as the README's screenshots
 * (docs/screenshots/map-*.png).
 */
let system: TestSystem;
let browser: Browser;
let signedIn: BrowserContext;
beforeAll(async () => {
  system = await startTestSystem();
  await writeMapHistory(system.db);
  await refreshMapLayout(system.db);
  browser = await launchChromium();
  signedIn = await browser.newContext();
  await signIn(system, await signedIn.newPage(), 'joke@integratiepact.example', 'Joke Staff');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const docsScreenshots = join(__dirname, '..', '..', 'docs', 'screenshots');

for (const [path, name, lang] of [
  ['/staff/map?at=2026-03-31', 'map', 'nl'],
  ['/staff/map?from=2026-02-28&to=2026-03-31', 'map-changes', 'en'],
  ['/pact/map', 'public-map', 'fr'],
] as const)
  for (const width of [1280, 390])
    test(`${name} at ${width} px: axe, the HTML validator, no sideways scrolling`, async () => {
      const context = await checkedContext(browser, {
        width,
        height: width === 390 ? 900 : 1350,
        cookiesFrom: signedIn,
      });
      const page = await context.newPage();
      const response = await page.goto(`${system.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      expect(response?.status()).toBe(200);
      const html = await response!.text();
      expect(await page.locator('svg.pact-map').count()).toBe(1);
      expect(await page.locator('svg.pact-map g.node').count()).toBeGreaterThan(6);
      expect({ name, width, problems: await pageProblems(page, html) }).toEqual({ name, width, problems: [] });
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(width);
      expect(await drawingProblems(page, Object.values(leverLabels[lang]))).toEqual([]);
      await screenshot(page, `${name}-${width}`);
      // The README's picture: on a phone, from the map's heading down.
      if (width === 390) await page.locator('svg.pact-map').evaluate((svg) => svg.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: join(docsScreenshots, `${name}-${width}.png`) });
      await context.close();
    });
