import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The Chromium the browser tests drive: its program, and where its NSS libraries are if not the system's. */
export interface ChromiumFound {
  executablePath: string;
  libraryPath?: string;
  /** Says where it came from, for the test run's first lines. */
  source: string;
}

const debianChromium = '/usr/bin/chromium';
const root = join(__dirname, '..', '..');

/**
 * Finds a Chromium with no install step of its own (README, Tests), in this order: CHROMIUM_PATH;
 * Debian's (`/usr/bin/chromium`); the one the npm package @sparticuz/chromium ships, unpacked once
 * under the temp folder (about 20 s the first time). `CHROMIUM_PATH=bundled` skips Debian's, to try
 * the shipped one on a machine that has both. Returns the one line to show instead when none runs.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumFound | string> {
  const setting = env.CHROMIUM_PATH?.trim();
  if (setting && setting !== 'bundled') {
    if (existsSync(setting)) return { executablePath: setting, source: `CHROMIUM_PATH=${setting}` };
    return `CHROMIUM_PATH=${setting} does not exist: point it at a Chromium or Chrome, or unset it`;
  }
  if (!setting && existsSync(debianChromium)) return { executablePath: debianChromium, source: "Debian's chromium" };
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'unpack-chromium.ts')],
      { cwd: root, timeout: 180_000 },
    );
    const unpacked = JSON.parse(stdout) as { executablePath: string; libraryPath: string };
    return { ...unpacked, source: `the one @sparticuz/chromium ships, unpacked at ${unpacked.executablePath}` };
  } catch (error) {
    const why = ((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n')[0];
    return `no Chromium for the browser tests (${why}): run scripts/install-browser.sh (Debian's chromium) or set CHROMIUM_PATH`;
  }
}
