// `npm start` (dev/start.ts) run for real, up to its first step that needs a server.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/free-port';

const root = join(__dirname, '..', '..');
let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'integratiepact-start-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('with INBOUND_DOMAIN set and no PACT_TOKEN_SECRET, npm start uses the secret it generates', async () => {
  // Postgres and Temporal "configured" at ports nothing listens on: start-up gets past the
  // configuration check and stops at the database, without starting anything.
  const [postgresPort, temporalPort] = [await freePort(), await freePort()];
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    INBOUND_DOMAIN: 'reply.example.org',
    DATABASE_URL: `postgres://pact@127.0.0.1:${postgresPort}/pact`,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    SMTP_URL: 'smtp://127.0.0.1:1?tls=off',
  };
  const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'dev/start.ts'], {
    cwd: root,
    env,
    timeout: 60_000,
  });
  const failure = (await run.then(
    () => undefined,
    (error: unknown) => error,
  )) as { stderr: string; code: number };
  expect(failure?.code).toBe(1);
  expect(failure.stderr).not.toContain('PACT_TOKEN_SECRET');
  expect(failure.stderr).toContain('npm start: cannot reach Postgres at DATABASE_URL');
  const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
  expect(secrets.tokenSecret.length).toBeGreaterThanOrEqual(32);
}, 90_000);
