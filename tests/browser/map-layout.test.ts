import type { Browser, BrowserContext } from 'playwright-core';
import { refreshMapLayout } from '../../db/map/layout';
import { leverLabels } from '../../domain/translated-labels';
import { writeDemoMapHistory } from '../support/demo-map-history';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { launchChromium, screenshot, signIn } from './browser';
import { drawingProblems } from './map-drawing';
import { checkedContext } from './page-problems';

/**
 * The map's drawing at the demo pact's size (issue 26): laid out by the background layout, the staff
 * map and the public map, on a desktop and on a phone, spread their six levers apart and keep every
 * label inside the drawing and off the others, each lever named.
 */
let system: TestSystem;
let browser: Browser;
let signedIn: BrowserContext;
beforeAll(async () => {
  system = await startTestSystem();
  await writeDemoMapHistory(system.db);
  await refreshMapLayout(system.db);
  browser = await launchChromium();
  signedIn = await browser.newContext();
  await signIn(system, await signedIn.newPage(), 'kaartrand@integratiepact.example', 'Kaartrand Staff');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

for (const [path, name, lang] of [
  ['/staff/map', 'demo-sized-map', 'nl'],
  ['/pact/map', 'demo-sized-public-map', 'fr'],
] as const)
  for (const width of [1280, 390])
    test(`${name} at ${width} px: levers apart, every label inside the drawing and off the others`, async () => {
      const context = await checkedContext(browser, { width, cookiesFrom: signedIn });
      const page = await context.newPage();
      const response = await page.goto(`${system.url}${path}?lang=${lang}`);
      expect(response?.status()).toBe(200);
      // The demo pact's partners are drawn, not only its levers.
      expect(await page.locator('svg.pact-map g.node.partner').count()).toBeGreaterThan(path === '/pact/map' ? 8 : 30);
      await screenshot(page, `${name}-${width}`);
      expect(await drawingProblems(page, Object.values(leverLabels[lang]))).toEqual([]);
      await context.close();
    });
