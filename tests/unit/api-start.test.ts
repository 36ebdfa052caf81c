import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** `npm run api` refuses to start with one line saying what to fix, before it touches anything. */
const root = resolve(__dirname, '../..');
const start = (env: Record<string, string>) => {
  const { PATH, HOME } = process.env;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: root,
    env: { PATH, HOME, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr.trim() };
};
const secret = 'x'.repeat(32);

it('without PACT_TOKEN_SECRET', () => {
  expect(start({ PACT_API_TOKEN: secret })).toEqual({
    code: 1,
    stderr: expect.stringMatching(/^api: PACT_TOKEN_SECRET is not set: /),
  });
});

it('with a secret shorter than 32 characters', () => {
  expect(start({ PACT_API_TOKEN: 'short', PACT_TOKEN_SECRET: secret })).toEqual({
    code: 1,
    stderr: expect.stringMatching(/^api: PACT_API_TOKEN must be at least 32 characters/),
  });
});
