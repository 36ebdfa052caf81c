/**
 * The README's pictures of the demo pact, taken from a running `npm run demo` once it has said "the demo
 * pact is loaded", with the browser the browser tests use (tests/browser/chromium.ts):
 *
 *   node --import tsx tests/browser/demo-screenshots.ts [http://localhost:3000]
 *
 * Signs in as the administrator `npm run demo` made (its password from .data-demo/secrets.json, or
 * DATA_DIR's) and saves docs/screenshots/demo-*.png at 1280 px: the map, the portfolio by lever, the
 * prioritisation round's result, and the public /pact page.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium } from './browser';
import { findChromium } from './chromium';

const url = process.argv[2] ?? 'http://localhost:3000';
const dataDir = resolve(process.env.DATA_DIR ?? '.data-demo');
const docsScreenshots = join(__dirname, '..', '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as {
    adminPassword: string;
    apiToken: string;
  };
  const rounds = (await (
    await fetch(`${url}/api/prioritisation-rounds`, { headers: { authorization: `Bearer ${secrets.apiToken}` } })
  ).json()) as { prioritisationRounds: { id: string }[] };
  const round = rounds.prioritisationRounds[0];
  if (!round) throw new Error('no prioritisation round yet: wait for "the demo pact is loaded"');

  process.env.TEST_CHROMIUM = JSON.stringify(await findChromium());
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'nl-BE' });
    const page = await context.newPage();
    await page.goto(`${url}/staff`);
    await page.getByLabel('E-mailadres').fill('admin@integratiepact.localhost');
    await page.getByLabel('Wachtwoord').fill(secrets.adminPassword);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL(`${url}/staff`);
    const shots: [string, string, { fullPage: boolean }][] = [
      ['/staff/map', 'demo-map-1280', { fullPage: false }],
      ['/staff/initiatives', 'demo-portfolio-1280', { fullPage: true }],
      [`/staff/prioritisation-rounds/${round.id}`, 'demo-round-1280', { fullPage: true }],
      ['/pact', 'demo-pact-1280', { fullPage: true }],
    ];
    for (const [path, name, options] of shots) {
      const response = await page.goto(`${url}${path}`);
      if (response?.status() !== 200) throw new Error(`${path} answered ${response?.status()}`);
      if (path === '/staff/map') await page.locator('svg.pact-map').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(docsScreenshots, `${name}.png`), ...options });
      console.log(`docs/screenshots/${name}.png`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
