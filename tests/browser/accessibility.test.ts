import type { Browser, Page } from 'playwright-core';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { launchChromium, screenshot, signIn, unlabelledControls } from './browser';

/** Every staff page, looked at the way a screen reader, a keyboard and a phone use it. */
let system: TestSystem;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  system = await startTestSystem();
  await new Actors(system).onboard('Lindeboom');
  browser = await launchChromium();
  page = await (
    await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE', timezoneId: 'Europe/Brussels' })
  ).newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const pages = [
  '/staff',
  '/staff/partners',
  '/staff/partners/lindeboom',
  '/staff/partners/lindeboom/edit',
  '/staff/partners/lindeboom/export',
  '/staff/partners/new',
  '/staff/imports/new',
  '/staff/projects',
  '/staff/monitoring',
  '/staff/map',
];

/** Ids must be unique, or a label's `for` may point at the wrong control. */
const duplicateIds = (p: Page) =>
  p.evaluate(
    `[...document.querySelectorAll('[id]')].map((el) => el.id).filter((id, i, all) => all.indexOf(id) !== i)`,
  ) as Promise<string[]>;

test('the sign-in page labels its fields', async () => {
  await page.goto(`${system.url}/staff/login`);
  expect(await unlabelledControls(page)).toEqual([]);
  expect(await page.getAttribute('html', 'lang')).toBe('nl');
});

test('every form control on every page has a label, in Dutch and in English', async () => {
  await signIn(system, page, 'lotte@integratiepact.example', 'Lotte Staff');
  for (const lang of ['nl', 'en']) {
    await page.goto(`${system.url}/staff?lang=${lang}`); // the choice is remembered for the next pages
    for (const path of pages) {
      await page.goto(`${system.url}${path}`);
      expect({ path, lang, html: await page.getAttribute('html', 'lang') }).toEqual({ path, lang, html: lang });
      expect({ path, lang, unlabelled: await unlabelledControls(page) }).toEqual({ path, lang, unlabelled: [] });
      expect({ path, lang, duplicates: await duplicateIds(page) }).toEqual({ path, lang, duplicates: [] });
      expect(await page.locator('h1').count()).toBe(1);
    }
    await page.goto(`${system.url}/staff/partners/lindeboom`);
    await screenshot(page, `partner-${lang}`);
  }
  await page.goto(`${system.url}/staff?lang=nl`);
});

test('an unknown page or partner is a page saying so, not JSON', async () => {
  for (const path of ['/staff/partners/bestaat-niet', '/staff/bestaat-niet']) {
    const response = await page.goto(`${system.url}${path}`);
    expect({ path, status: response?.status() }).toEqual({ path, status: 404 });
    expect(await page.locator('h1').innerText()).toBe('Niet gevonden');
  }
});

test('the keyboard reaches the content first, and filters the partner list', async () => {
  await page.goto(`${system.url}/staff/partners`);
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement.textContent')).toBe('Naar de inhoud');
  await page.keyboard.press('Enter');
  expect(await page.evaluate('document.activeElement.id')).toBe('content');
  // From the content, the first control is the search field; Enter submits the filter form.
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement.id')).toBe('q');
  await page.keyboard.type('linde');
  await page.keyboard.press('Enter');
  await page.waitForURL(/q=linde/);
  expect(await page.getByRole('link', { name: 'Lindeboom' }).count()).toBe(1);
});

test('dates are Belgian, in Brussels time', async () => {
  await page.goto(`${system.url}/staff/partners/lindeboom`);
  const due = await page.locator('td time').first().innerText();
  expect(due).toMatch(
    /^\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}$/,
  );
});

test('at phone width (375px) the dashboard and a partner page fit without sideways scrolling', async () => {
  const phone = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'nl-BE',
  });
  await phone.addCookies(await page.context().cookies());
  const small = await phone.newPage();
  for (const [path, name] of [
    ['/staff', 'dashboard-phone'],
    ['/staff/partners/lindeboom', 'partner-phone'],
  ] as const) {
    await small.goto(`${system.url}${path}`);
    expect({ path, width: await small.evaluate('document.documentElement.scrollWidth') }).toEqual({ path, width: 375 });
    await screenshot(small, name);
  }
  await phone.close();
});
