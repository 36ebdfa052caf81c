/**
 * Unpacks the Chromium that the npm package @sparticuz/chromium ships inside itself (a headless
 * shell for Linux x64), with the NSS libraries it needs, under the temp folder; prints
 * `{executablePath, libraryPath}` as JSON. Both are kept there, so later runs take no time.
 * Its own process (tests/browser/chromium.ts starts it): the package is ESM only.
 */
import { dirname, join } from 'node:path';

async function main(): Promise<void> {
  const { default: chromium, inflate } = await import('@sparticuz/chromium');
  const bin = join(dirname(require.resolve('@sparticuz/chromium')), '..', 'bin');
  const [executablePath, libraries] = await Promise.all([
    chromium.executablePath(bin),
    // libnss3 and libnspr4, which a machine without a browser of its own may lack.
    inflate(join(bin, 'al2023.tar.br')),
  ]);
  process.stdout.write(`${JSON.stringify({ executablePath, libraryPath: join(libraries, 'lib') })}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
