import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { refreshMapLayout } from '../../db/map/layout';
import { writeMapHistory } from '../support/map-history';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { launchChromium, screenshot, signIn } from './browser';

/**
 * The map in a browser, at desktop and phone width: the staff map on a date and the public map pass
 * axe-core and the HTML validator, do not scroll sideways, and are saved as the README's screenshots
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

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'doctype-style': 'off',
    'void-style': 'off',
    'no-inline-style': 'off',
    'no-trailing-whitespace': 'off',
    'attribute-boolean-style': 'off',
  },
});
const axeSource = require.resolve('axe-core/axe.min.js');

async function problemsOf(page: Page, html: string): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  const axe = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) })))`,
  )) as { id: string; impact: string; nodes: string[] }[];
  const report = await validator.validateString(html);
  return [
    ...axe
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `axe ${v.impact} ${v.id}: ${v.nodes.join(', ')}`),
    ...report.results.flatMap((r) => r.messages.map((m) => `html ${m.ruleId} line ${m.line}: ${m.message}`)),
  ];
}

const docsScreenshots = join(__dirname, '..', '..', 'docs', 'screenshots');

for (const [path, name, lang] of [
  ['/staff/map?at=2026-03-31', 'map', 'nl'],
  ['/staff/map?from=2026-02-28&to=2026-03-31', 'map-changes', 'en'],
  ['/pact/map', 'public-map', 'fr'],
] as const)
  for (const width of [1280, 390])
    test(`${name} at ${width} px: axe, the HTML validator, no sideways scrolling`, async () => {
      // bypassCSP: axe is injected as a script; the pages' own policy allows none.
      const context = await browser.newContext({
        viewport: { width, height: width === 390 ? 900 : 1350 },
        bypassCSP: true,
        locale: 'nl-BE',
      });
      await context.addCookies(await signedIn.cookies());
      const page = await context.newPage();
      const response = await page.goto(`${system.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      expect(response?.status()).toBe(200);
      const html = await response!.text();
      expect(await page.locator('svg.pact-map').count()).toBe(1);
      expect(await page.locator('svg.pact-map g.node').count()).toBeGreaterThan(6);
      expect({ name, width, problems: await problemsOf(page, html) }).toEqual({ name, width, problems: [] });
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(width);
      await screenshot(page, `${name}-${width}`);
      // The README's picture: on a phone, from the map's heading down.
      if (width === 390) await page.locator('svg.pact-map').evaluate((svg) => svg.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: join(docsScreenshots, `${name}-${width}.png`) });
      await context.close();
    });
