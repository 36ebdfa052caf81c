/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  ...require('./jest.esm-packages'),
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testPathIgnorePatterns: ['/tests/faults/'],
  // One Temporal dev server and one Postgres server for the whole run (tests/support/global-setup.ts).
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
