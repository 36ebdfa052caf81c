import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { placePostgres } from '../../dev/postgres-reach';

/**
 * A second start of the embedded Postgres on the same files (a restart, as the chaos soak does)
 * finds them where the first start put them: the cluster's own folder is 0700 by Postgres's rule,
 * which is no reason to move out of an open project folder.
 */
const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

test('a cluster folder of mode 0700 in an open folder stays where it is, as root too', () => {
  const open = mkdtempSync(join(tmpdir(), 'open-project-'));
  folders.push(open);
  chmodSync(open, 0o755);
  const clusterDir = join(open, 'postgres', 'cluster');
  mkdirSync(clusterDir, { recursive: true });
  chmodSync(join(open, 'postgres'), 0o755);
  chmodSync(clusterDir, 0o700); // as Postgres keeps it
  const placement = placePostgres({ clusterDir, isRoot: true, systemDir: join(open, 'system') });
  expect(placement).toEqual({ packagesDir: expect.any(String), clusterDir });
});
