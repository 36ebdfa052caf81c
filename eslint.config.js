// @ts-check
const tseslint = require('typescript-eslint');
const regexpPlugin = require('eslint-plugin-regexp');

// Which folder may import which, and that workflow code stays deterministic: .dependency-cruiser.js.
module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      '.data-demo/',
      '.cache/',
      'coverage/',
      'tests/artifacts/',
      'bench/results/',
      '*.js',
    ],
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
);
