import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * The Temporal settings docker-compose.yml deploys, read from the same files by the dev server
 * (dev/temporal-dev-server.ts) and the cluster (dev/temporal-cluster.ts), so what the tests run
 * is what is deployed: the dynamic config and the custom search attributes.
 */
const deployDir = join(__dirname, '..', 'deploy', 'temporal');

/** The dynamic-config file compose mounts into the server. */
export const dynamicConfigFile = join(deployDir, 'dynamicconfig.yaml');

/** The search-attribute list compose's temporal-setup registers. */
export const searchAttributeListFile = join(deployDir, 'search-attributes.txt');

/** The dynamic config's keys with their value where it holds for every namespace and task queue. */
export function dynamicConfigValues(file = dynamicConfigFile): Record<string, unknown> {
  const parsed = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<
    string,
    { value: unknown; constraints?: object }[]
  >;
  const values: Record<string, unknown> = {};
  for (const [key, entries] of Object.entries(parsed)) {
    const unconstrained = entries.find((entry) => Object.keys(entry.constraints ?? {}).length === 0);
    if (unconstrained) values[key] = unconstrained.value;
  }
  return values;
}

export interface SearchAttributeEntry {
  name: string;
  /** As Temporal names the type: Keyword, Text, Int, Double, Bool, Datetime, KeywordList. */
  type: string;
}

/** The search attributes, in the order of the list file. */
export function searchAttributeList(file = searchAttributeListFile): SearchAttributeEntry[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [name, type, ...rest] = line.split(/\s+/);
      if (!name || !type || rest.length > 0)
        throw new Error(`${file}: "${line}" is not a search attribute: write "Name Type", e.g. "PartnerId Keyword"`);
      return { name, type };
    });
}
