import { HtmlValidate } from 'html-validate';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * What every browser test checks a page with: axe-core (serious and critical findings fail) and the
 * HTML validator, in a browser context that lets axe in. One home, so every page kind is held to the
 * same rules.
 */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Matters of style, not faults: the templates write XHTML-style void elements (`<br />`) and a
    // lower-case doctype, and set data-driven widths and colours (chart bars) as inline styles.
    'doctype-style': 'off',
    'void-style': 'off',
    'no-inline-style': 'off',
    'no-trailing-whitespace': 'off',
    'attribute-boolean-style': 'off',
    // A group of checkboxes (levers, goals) shares its name, as radio buttons do.
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
});
const axeSource = require.resolve('axe-core/axe.min.js');

/** A context at `width` (Dutch, Brussels time), signed in with another context's cookies if given. */
export async function checkedContext(
  browser: Browser,
  options: { width: number; height?: number; javaScript?: boolean; cookiesFrom?: BrowserContext },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height ?? 900 },
    bypassCSP: true, // axe is injected as a script; the pages' own policy allows none
    javaScriptEnabled: options.javaScript ?? true,
    locale: 'nl-BE',
    timezoneId: 'Europe/Brussels',
  });
  if (options.cookiesFrom) await context.addCookies(await options.cookiesFrom.cookies());
  return context;
}

/** What a page gets wrong: axe's serious and critical findings, and the validator's errors of its HTML. */
export async function pageProblems(page: Page, html: string): Promise<string[]> {
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
