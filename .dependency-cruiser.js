// @ts-check
/**
 * The folder rules (docs/architecture.md), checked by `npm run lint` (dependency-cruiser): a folder imports
 * only from the folders in its row. The folders are tsconfig.json's `include`, the one list of source
 * folders; a source folder without a row here stops the check.
 */
const { readFileSync } = require('node:fs');
const { builtinModules } = require('node:module');
const { join } = require('node:path');

const sourceFolders = JSON.parse(readFileSync(join(__dirname, 'tsconfig.json'), 'utf8')).include;

/** Folders that may import anything: tests, benchmarks, the chaos soak, the local assembly, the demo pact it loads, and tooling. */
const tooling = ['tests', 'bench', 'soak', 'dev', 'demo', 'scripts'];

/** Workflow definitions (names, updates, signals, queries and their types): what callers may take from workflows/ as values. */
const workflowDefinitions = '^workflows/[a-z-]*definitions[.]ts$';

/**
 * Each folder's row: the folders it may import values from (`values`) and those it may import only
 * types from (`types`). A folder always imports from itself.
 */
const rows = {
  domain: { values: [] },
  security: { values: [] },
  http: { values: ['domain'] },
  config: { values: ['domain'] },
  db: { values: ['domain', 'config'], types: ['auth'] },
  mail: { values: ['domain', 'config', 'db', 'security'] },
  auth: { values: ['config', 'db', 'http'] },
  privacy: { values: ['domain', 'config', 'db'], types: ['workflows'] },
  workflows: { values: ['domain'], types: ['activities'] },
  activities: { values: ['domain', 'config', 'db', 'mail', 'security', 'privacy'], types: ['workflows'] },
  temporal: { values: ['domain', 'config', 'http', 'privacy'], types: ['db'], definitions: true },
  features: {
    values: ['domain', 'config', 'db', 'mail', 'security', 'http', 'auth', 'privacy', 'temporal'],
    definitions: true,
  },
  inbound: { values: ['domain', 'config', 'db', 'mail', 'security', 'http', 'temporal', 'features'] },
  cli: { values: ['domain', 'config', 'db', 'auth', 'privacy', 'temporal', 'features'] },
  // features: the CSV import's activities onboard each line by the rule the API's routes call.
  worker: {
    values: ['domain', 'config', 'db', 'mail', 'security', 'privacy', 'activities', 'features'],
    types: ['workflows'],
  },
  api: {
    values: [
      'domain',
      'config',
      'db',
      'mail',
      'security',
      'http',
      'auth',
      'privacy',
      'temporal',
      'features',
      'inbound',
    ],
    definitions: true,
  },
};

const missing = sourceFolders.filter((folder) => !tooling.includes(folder) && !rows[folder]);
if (missing.length > 0)
  throw new Error(`.dependency-cruiser.js: no row for ${missing.join(', ')} (tsconfig.json include)`);

const anyOf = (folders) => `^(${folders.join('|')})/`;

/** @param {string} folder */
function rowRules(folder) {
  const row = rows[folder];
  const others = sourceFolders.filter((f) => f !== folder && !tooling.includes(f));
  const forbiddenValues = others.filter((f) => !row.values.includes(f));
  /** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
  const rules = [];
  const valuesOnlyIfTypes = forbiddenValues.filter(
    (f) => (row.types ?? []).includes(f) || (row.definitions && f === 'workflows'),
  );
  const never = forbiddenValues.filter((f) => !valuesOnlyIfTypes.includes(f));
  if (never.length > 0)
    rules.push({
      name: `${folder}-row`,
      comment: `${folder}/ imports only from ${row.values.join(', ') || 'nothing of the project'}${row.types ? ` (types of ${row.types.join(', ')})` : ''} (docs/architecture.md)`,
      severity: 'error',
      from: { path: `^${folder}/` },
      to: { path: anyOf(never) },
    });
  if (valuesOnlyIfTypes.length > 0)
    rules.push({
      name: `${folder}-row-types-only`,
      comment: `${folder}/ imports only types from ${valuesOnlyIfTypes.join(', ')}${row.definitions ? ', and values from workflow definitions (workflows/*definitions.ts) only' : ''}`,
      severity: 'error',
      from: { path: `^${folder}/` },
      to: {
        path: anyOf(valuesOnlyIfTypes),
        ...(row.definitions ? { pathNot: workflowDefinitions } : {}),
        dependencyTypesNot: ['type-only', 'type-import'],
      },
    });
  return rules;
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules form no import cycle (type imports included).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'api-is-a-leaf',
      comment: 'Nothing outside api/ imports api/ (tests, bench and dev/ aside).',
      severity: 'error',
      from: { pathNot: `^(api|tests|bench|dev)/` },
      to: { path: '^api/' },
    },
    {
      name: 'workflows-deterministic',
      comment:
        'Workflow code (and the domain it imports) is replayed and must be deterministic: no Node built-ins, no package but the workflow SDK; do I/O in an activity.',
      severity: 'error',
      from: { path: '^(workflows|domain)/' },
      to: {
        dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        dependencyTypesNot: ['type-only', 'type-import'],
        pathNot: '^node_modules/@temporalio/(workflow|common)/',
      },
    },
    ...Object.keys(rows).flatMap(rowRules),
  ],
  options: {
    // The source folders, and what they import from outside (packages, Node built-ins) for the rules above.
    includeOnly: [anyOf(sourceFolders), '^node_modules/', `^(node:)?(${builtinModules.join('|')})$`],
    exclude: { path: '^(dist|tests/fixtures)/' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
