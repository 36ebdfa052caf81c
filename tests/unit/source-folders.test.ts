import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/**
 * tsconfig.json's `include` is the one list of source folders: the type check, the build
 * (tsconfig.build.json), eslint (through the TypeScript project) and the folder rules
 * (.dependency-cruiser.js) all read it, so a folder missing from it goes unchecked.
 */
const root = resolve(__dirname, '../..');
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
const notSource = new Set(['node_modules', 'dist', 'coverage']);

const holdsTypeScript = (dir: string): boolean =>
  readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory()
      ? !entry.name.startsWith('.') && entry.name !== 'node_modules' && holdsTypeScript(join(dir, entry.name))
      : entry.name.endsWith('.ts'),
  );

const topFoldersWithTypeScript = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !notSource.has(entry.name))
  .map((entry) => entry.name)
  .filter((name) => holdsTypeScript(join(root, name)))
  .sort();

it('tsconfig.json includes every top-level folder that holds TypeScript, and only those', () => {
  expect([...readJson('tsconfig.json').include].sort()).toEqual(topFoldersWithTypeScript);
});

it('the build takes its folders from tsconfig.json', () => {
  const build = readJson('tsconfig.build.json') as { extends: string; include?: string[] };
  expect(build.extends).toBe('./tsconfig.json');
  expect(build.include).toBeUndefined();
});

it('the folder rules have a row for every source folder (loading them throws otherwise)', () => {
  expect(() => createRequire(__filename)(join(root, '.dependency-cruiser.js'))).not.toThrow();
});
