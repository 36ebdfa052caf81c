// @ts-check
const tseslint = require('typescript-eslint');
const regexpPlugin = require('eslint-plugin-regexp');
const { builtinModules } = require('node:module');

/** Modules workflow code must not import: Node built-ins and anything that does I/O. */
const ioModules = [
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  'pg',
  'kysely',
  'nodemailer',
  'fastify',
  'smtp-server',
  'mailparser',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
];

module.exports = tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '.data/', '.cache/', 'coverage/', 'tests/artifacts/', 'bench/results/', '*.js'],
  },
  ...tseslint.configs.recommended,
  regexpPlugin.configs['flat/recommended'],
  {
    rules: {
      // No pattern may take more than linear time on any input (issue 22: one email froze the API).
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      // Spelling only, with nothing to say about what a pattern matches or what it costs.
      'regexp/prefer-w': 'off',
      'regexp/prefer-d': 'off',
      'regexp/use-ignore-case': 'off',
      'regexp/no-unused-capturing-group': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read JSON bodies loosely and assert their shape with expect().
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Migrations are frozen history and query a schema that no longer exists in the types.
    files: ['db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Workflow code is replayed and must be deterministic: no I/O, no Node built-ins (DESIGN §3).
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ioModules.map((name) => ({
            name,
            message: 'Workflow code must be deterministic: do I/O in an activity.',
          })),
          patterns: [
            {
              group: [
                '../activities',
                '../activities/*',
                '../db/*',
                '../mail/*',
                '../api/*',
                '../security/*',
                '../config/*',
                '../dev/*',
              ],
              allowTypeImports: true,
              message: 'Workflows may only import types from here; call side effects through proxied activities.',
            },
          ],
        },
      ],
    },
  },
);
