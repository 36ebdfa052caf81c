import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { ConfigError } from '../../config/config';
import { createDb } from '../../db/connection';
import { openDataKeys, PartnerErased, postgresDataKeys } from '../../privacy/data-keys';
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

test('a key once read is not read again: a partner answering months later costs no key read', async () => {
  const keys = postgresDataKeys(system.db, system.config.masterKey!, { freshMs: 0 });
  const before = await keys.forEncoding('ruststeen');
  // Spoil the stored key without marking a change: a second read of it would fail to unwrap.
  const { wrapped_key: stored } = await system.db
    .selectFrom('data_keys')
    .select('wrapped_key')
    .where('id', '=', before.id)
    .executeTakeFirstOrThrow();
  const storeKey = (wrapped: Buffer) =>
    sql`update data_keys set wrapped_key = ${wrapped}, created_at = now() - interval '1 hour' where id = ${before.id}`.execute(
      system.db,
    );
  await storeKey(randomBytes(60));
  expect(await keys.forDecoding(before.id)).toEqual(before);
  expect(await keys.forEncoding('ruststeen')).toEqual(before);
  await storeKey(stored!);
});

test("another process's erasure reaches this one's cached keys within freshMs", async () => {
  const here = postgresDataKeys(system.db, system.config.masterKey!, { freshMs: 300 });
  const key = await here.forEncoding('verre-wis');
  await postgresDataKeys(system.db, system.config.masterKey!).erase('verre-wis');
  await new Promise((done) => setTimeout(done, 400));
  await expect(here.forDecoding(key.id)).rejects.toThrow(PartnerErased);
  await expect(here.forEncoding('verre-wis')).rejects.toThrow(PartnerErased);
});

test("an erasure by a process whose clock is behind the database's still reaches the others' caches", async () => {
  const here = postgresDataKeys(system.db, system.config.masterKey!, { freshMs: 300 });
  const key = await here.forEncoding('scheve-klok');
  await here.forDecoding(key.id); // a look for changes has been made: the next one compares with the database's clock
  // Only `Date` lags an hour; timers run as usual.
  jest.useFakeTimers({
    now: Date.now() - 3_600_000,
    advanceTimers: true,
    doNotFake: [
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'setImmediate',
      'clearImmediate',
      'nextTick',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  try {
    await postgresDataKeys(system.db, system.config.masterKey!).erase('scheve-klok');
  } finally {
    jest.useRealTimers();
  }
  const erased = await system.db
    .selectFrom('data_keys')
    .select('erased_at')
    .where('owner', '=', 'scheve-klok')
    .execute();
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(system.db);
  for (const row of erased) expect(rows[0]!.now.getTime() - row.erased_at!.getTime()).toBeLessThan(60_000);
  await new Promise((done) => setTimeout(done, 400));
  await expect(here.forDecoding(key.id)).rejects.toThrow(PartnerErased);
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

/** `npm run pact -- …` against this file's database, with extra environment. */
async function pact(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/pact.ts', ...args], {
    cwd: resolve(__dirname, '../..'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...system.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise((done) => child.on('close', done));
  return { status, stderr: stderr.trim() };
}

test('npm run pact -- key rotate <owner>: new payloads get a new key version, old ones still decode', async () => {
  const keys = postgresDataKeys(system.db, system.config.masterKey!, { freshMs: 0 });
  const old = await keys.forEncoding('draaiend');
  expect(await pact(['key', 'rotate', 'draaiend'])).toEqual({
    status: 0,
    stderr: expect.stringContaining('New payloads of draaiend now use data key draaiend.2'),
  });
  const current = await keys.forEncoding('draaiend');
  expect(current.id).toBe('draaiend.2');
  expect(current.key.equals(old.key)).toBe(false);
  expect(await keys.forDecoding('draaiend.1')).toEqual(old);
});

test('npm run pact -- key rewrap: every data key is wrapped by the new master key, the keys themselves unchanged', async () => {
  const oldMaster = system.config.masterKey!;
  const newMaster = randomBytes(32);
  const partnerKey = await postgresDataKeys(system.db, oldMaster).forEncoding('herverpakt');
  const stored = await system.db.selectFrom('data_keys').select('id').where('wrapped_key', 'is not', null).execute();

  expect(await pact(['key', 'rewrap'])).toEqual({
    status: 1,
    stderr: expect.stringContaining('Set PACT_NEW_MASTER_KEY'),
  });
  const unrelated = { PACT_NEW_MASTER_KEY: randomBytes(32).toString('base64') };
  const mismatch = await pact(['key', 'rewrap'], { PACT_MASTER_KEY: randomBytes(32).toString('base64'), ...unrelated });
  expect(mismatch).toEqual({
    status: 1,
    stderr: expect.stringMatching(
      /^pact: Neither the current nor the new master key opens data key .*; nothing was changed\.$/,
    ),
  });

  const toNew = { PACT_NEW_MASTER_KEY: newMaster.toString('base64') };
  expect(await pact(['key', 'rewrap'], toNew)).toEqual({
    status: 0,
    stderr: expect.stringContaining(`Re-wrapped ${stored.length} data keys by the new master key.`),
  });
  expect(await postgresDataKeys(system.db, newMaster).forDecoding(partnerKey.id)).toEqual(partnerKey);
  await expect(openDataKeys(system.db, oldMaster)).rejects.toThrow(/PACT_MASTER_KEY does not open data key/);
  // Run again (say, after a lost terminal): nothing is wrapped twice.
  expect(await pact(['key', 'rewrap'], toNew)).toEqual({
    status: 0,
    stderr: expect.stringContaining(`Re-wrapped 0 data keys by the new master key (${stored.length} already were).`),
  });

  // And back, so this file's system goes on with its own master key.
  const back = { PACT_MASTER_KEY: newMaster.toString('base64'), PACT_NEW_MASTER_KEY: oldMaster.toString('base64') };
  expect((await pact(['key', 'rewrap'], back)).status).toBe(0);
  await openDataKeys(system.db, oldMaster);
});
