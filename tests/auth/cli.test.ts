import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { secretId, verifyLogin } from '../../auth/users';
import type { Db } from '../../db/connection';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { ensureAuthTables } from './support';

/** `npm run pact -- …` as an operator runs it: a child process against the test database. */

let system: TestSystem;
let db: Db;
beforeAll(async () => {
  system = await startTestSystem();
  db = await ensureAuthTables(system.db);
});
afterAll(() => system?.stop());

const root = resolve(__dirname, '../..');
const password = 'a long enough passphrase';

function pact(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: system.databaseUrl,
    PACT_NEW_PASSWORD: password,
    ...env,
  };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/pact.ts', ...args], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** An expected refusal: exit code 1 and one line on stderr, no stack trace. */
const expectRefusal = (result: { code: number | null; stderr: string }, message: RegExp) => {
  expect(result.code).toBe(1);
  expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
};

describe('npm run pact -- user …', () => {
  it('adds a user with a scrypt-hashed password from PACT_NEW_PASSWORD, email lower-cased', async () => {
    const result = await pact([
      'user',
      'add',
      '--email',
      'Ada.Lovelace@Integratiepact.example',
      '--name',
      'Ada Lovelace',
      '--role',
      'director',
    ]);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toMatch(/^Added ada\.lovelace@integratiepact\.example \(director\) with id \d+\.\n$/);

    const row = await db
      .selectFrom('staff_users')
      .selectAll()
      .where('email', '=', 'ada.lovelace@integratiepact.example')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Ada Lovelace', role: 'director', disabled_at: null });
    expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyLogin(db, 'ADA.LOVELACE@integratiepact.example', password)).toMatchObject({
      id: row.id,
      role: 'director',
    });
  });

  it('refuses a duplicate email, an unknown role, a short password and a missing DATABASE_URL in one line each', async () => {
    const args = (email: string, role = 'staff') => ['user', 'add', '--email', email, '--name', 'N', '--role', role];
    await pact(args('grace@integratiepact.example'));
    expectRefusal(
      await pact(args('GRACE@integratiepact.example')),
      /^pact: A staff user with email grace@integratiepact\.example already exists\.$/,
    );
    expectRefusal(
      await pact(args('x@integratiepact.example', 'boss')),
      /^pact: Unknown role "boss": use one of staff, director, admin\.$/,
    );
    expectRefusal(
      await pact(args('y@integratiepact.example'), { PACT_NEW_PASSWORD: 'short' }),
      /^pact: The password must be at least 12 characters\.$/,
    );
    expectRefusal(await pact(['user', 'list'], { DATABASE_URL: undefined }), /^pact: DATABASE_URL is not set/);
    expectRefusal(await pact(['user', 'fly']), /^pact: Unknown command "user fly"/);
    expect(
      await db
        .selectFrom('staff_users')
        .select('email')
        .where('email', 'in', ['x@integratiepact.example', 'y@integratiepact.example'])
        .execute(),
    ).toEqual([]);
  });

  it('refuses a name of two lines or of more than 200 characters in one line, as the API does', async () => {
    const add = (name: string) =>
      pact(['user', 'add', '--email', 'zoe@integratiepact.example', '--name', name, '--role', 'staff']);
    expectRefusal(
      await add('Zoë\nZ'),
      /^pact: The name must be one line, without line breaks, tabs or other control characters\.$/,
    );
    expectRefusal(await add('Z'.repeat(201)), /^pact: The name must be at most 200 characters\.$/);
    expect(
      await db.selectFrom('staff_users').select('email').where('email', '=', 'zoe@integratiepact.example').execute(),
    ).toEqual([]);
  });

  it('lists users and disables one', async () => {
    await pact(['user', 'add', '--email', 'alan@integratiepact.example', '--name', 'Alan', '--role', 'staff']);
    const list = await pact(['user', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^\d+\talan@integratiepact\.example\tAlan\tstaff\t\S+\t-$/m);
    expect((await pact(['user', 'disable', '--email', 'alan@integratiepact.example'])).code).toBe(0);
    const row = await db
      .selectFrom('staff_users')
      .select('disabled_at')
      .where('email', '=', 'alan@integratiepact.example')
      .executeTakeFirstOrThrow();
    expect(row.disabled_at).toBeInstanceOf(Date);
  });

  it('sets a new password: the old one stops working and every session of the account ends', async () => {
    const email = 'grace@integratiepact.example';
    await pact(['user', 'add', '--email', email, '--name', 'Grace', '--role', 'staff']);
    const grace = await db.selectFrom('staff_users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    await db
      .insertInto('staff_sessions')
      .values({ id: secretId('a session'), user_id: grace.id, expires_at: new Date(Date.now() + 3_600_000) })
      .execute();

    const changed = await pact(['user', 'set-password', 'Grace@Integratiepact.example'], {
      PACT_NEW_PASSWORD: 'a brand new passphrase',
    });
    expect(changed.code).toBe(0);
    expect(changed.stderr).toContain(`Set a new password for ${email}`);
    expect(await verifyLogin(db, email, password)).toBeUndefined();
    expect(await verifyLogin(db, email, 'a brand new passphrase')).toMatchObject({ email });
    expect(await db.selectFrom('staff_sessions').select('id').where('user_id', '=', grace.id).execute()).toEqual([]);

    expectRefusal(
      await pact(['user', 'set-password', email], { PACT_NEW_PASSWORD: 'short' }),
      /at least 12 characters/,
    );
    expectRefusal(await pact(['user', 'set-password', 'nobody@integratiepact.example']), /no staff user/);
  });
});

describe('npm run pact -- token …', () => {
  it('prints a new token once, stores only its hash, and revokes it by id prefix', async () => {
    await pact([
      'user',
      'add',
      '--email',
      'katherine@integratiepact.example',
      '--name',
      'Katherine',
      '--role',
      'admin',
    ]);
    const created = await pact([
      'token',
      'create',
      '--email',
      'katherine@integratiepact.example',
      '--label',
      'nightly export',
    ]);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', secretId(token))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ label: 'nightly export', revoked_at: null });
    expect(JSON.stringify(await db.selectFrom('api_tokens').selectAll().execute())).not.toContain(token);

    const revoked = await pact(['token', 'revoke', '--id', row.id.slice(0, 12)]);
    expect(revoked.code).toBe(0);
    const after = await db
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after.revoked_at).toBeInstanceOf(Date);
    expectRefusal(
      await pact(['token', 'revoke', '--id', 'ffffffffffff']),
      /^pact: No token id starts with ffffffffffff\.$/,
    );
  });
});
