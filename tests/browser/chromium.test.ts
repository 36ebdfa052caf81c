import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './chromium';

/** The browser tests find a Chromium by themselves, or say in one line what to do. */
test('CHROMIUM_PATH that does not exist: one line naming the setting', async () => {
  expect(await findChromium({ CHROMIUM_PATH: '/nowhere/chromium' })).toBe(
    'CHROMIUM_PATH=/nowhere/chromium does not exist: point it at a Chromium or Chrome, or unset it',
  );
});

test("unset: Debian's where present, else the one @sparticuz/chromium ships", async () => {
  const found = await findChromium({});
  if (typeof found === 'string') throw new Error(found);
  expect(found.executablePath).toBe(existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : join(tmpdir(), 'chromium'));
});

test('CHROMIUM_PATH=bundled: the shipped one, a Chromium that runs, with its own NSS libraries', async () => {
  const found = await findChromium({ CHROMIUM_PATH: 'bundled' });
  if (typeof found === 'string') throw new Error(found);
  expect(found.libraryPath).toBeDefined();
  const version = execFileSync(found.executablePath, ['--version'], {
    env: { ...process.env, LD_LIBRARY_PATH: found.libraryPath },
  }).toString();
  expect(version).toMatch(/Chromium \d+\./);
}, 180_000);
