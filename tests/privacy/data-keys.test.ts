import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigError } from '../../config/config';
import { createDb } from '../../db/connection';
import { openDataKeys, postgresDataKeys } from '../../privacy/data-keys';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** The data keys in Postgres (privacy/data-keys.ts) and PACT_MASTER_KEY at start-up. */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({}, { worker: false });
});
afterAll(() => system?.stop());

test('a partner key is made once, stored only wrapped, and read by another process with the same master key', async () => {
  const keys = postgresDataKeys(system.db, system.config.masterKey!);
  const [first, second] = await Promise.all([keys.forEncoding('sleutelbos'), keys.forEncoding('sleutelbos')]);
  expect(first).toEqual(second);
  expect(first.id).toBe('sleutelbos.1');
  const rows = await system.db.selectFrom('data_keys').selectAll().where('owner', '=', 'sleutelbos').execute();
  expect(rows).toHaveLength(1);
  expect(rows[0]!.wrapped_key!.includes(first.key)).toBe(false);
  const elsewhere = postgresDataKeys(system.db, system.config.masterKey!);
  expect(await elsewhere.forDecoding('sleutelbos.1')).toEqual(first);
});

test('a key read before keeps serving while Postgres is away', async () => {
  const db = createDb(system.databaseUrl);
  const keys = postgresDataKeys(db, system.config.masterKey!, { freshMs: 0 });
  const before = await keys.forEncoding('weg-even');
  await db.destroy(); // every query now fails, as in an outage
  expect(await keys.forEncoding('weg-even')).toEqual(before);
  await expect(keys.forEncoding('nooit-gezien')).rejects.toThrow();
});

test('a master key that does not open the stored keys is refused with what to check', async () => {
  await postgresDataKeys(system.db, system.config.masterKey!).forEncoding('_global');
  const wrong = openDataKeys(system.db, randomBytes(32));
  await expect(wrong).rejects.toThrow(ConfigError);
  await expect(wrong).rejects.toThrow(/PACT_MASTER_KEY does not open data key/);
});

test.each([
  ['worker/main.ts', 'unset', undefined, 'PACT_MASTER_KEY is not set'],
  ['api/main.ts', 'unset', undefined, 'PACT_MASTER_KEY is not set'],
  ['worker/main.ts', 'another key', randomBytes(32).toString('base64'), 'PACT_MASTER_KEY does not open data key'],
  ['api/main.ts', 'too short', 'short', 'PACT_MASTER_KEY must be 32 bytes in base64'],
])('%s does not start with PACT_MASTER_KEY %s: one line says why', async (script, _what, masterKey, message) => {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, ...system.env };
  if (masterKey === undefined) delete env.PACT_MASTER_KEY;
  else env.PACT_MASTER_KEY = masterKey;
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: resolve(__dirname, '../..'),
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise((done) => child.on('close', done));
  expect(code).toBe(1);
  expect(stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
});

test('npm run pact -- key rotate <owner>: new payloads get a new key version, old ones still decode', async () => {
  const keys = postgresDataKeys(system.db, system.config.masterKey!, { freshMs: 0 });
  const old = await keys.forEncoding('draaiend');
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/pact.ts', 'key', 'rotate', 'draaiend'], {
    cwd: resolve(__dirname, '../..'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...system.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  expect(await new Promise((done) => child.on('close', done))).toBe(0);
  expect(stderr).toContain('New payloads of draaiend now use data key draaiend.2');
  const current = await keys.forEncoding('draaiend');
  expect(current.id).toBe('draaiend.2');
  expect(current.key.equals(old.key)).toBe(false);
  expect(await keys.forDecoding('draaiend.1')).toEqual(old);
});
