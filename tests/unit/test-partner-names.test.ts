import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { partnerIdFromName } from '../../domain/partner';

/**
 * All test files share one Temporal server, where `journey-<partnerId>` must be unique: two files
 * onboarding the same partner would collide. This guard names the files that do.
 */
test('no two test files onboard a partner with the same id', () => {
  const root = join(__dirname, '..');
  const files = (function walk(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.test.ts') ? [path] : [];
    });
  })(root);
  const owners = new Map<string, Set<string>>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const names = [
      ...text.matchAll(/onboard\('([^']+)'/g),
      ...text.matchAll(/'Naam van de organisatie'\)\.fill\('([^']+)'/g),
      // Joins from the public form (tests/joining/) become partners when staff approve them.
      ...text.matchAll(/(?:joinBody|confirmedJoin|formFields)\('([^']+)'/g),
    ].map((m) => m[1]!);
    for (const name of names) {
      const id = partnerIdFromName(name);
      owners.set(id, (owners.get(id) ?? new Set()).add(relative(root, file)));
    }
  }
  const shared = [...owners]
    .filter(([, inFiles]) => inFiles.size > 1)
    .map(([id, inFiles]) => `${id}: ${[...inFiles].join(', ')}`);
  expect(shared).toEqual([]);
});
