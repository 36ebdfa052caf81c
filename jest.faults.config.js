/**
 * The fault-injection suite (`npm run test:faults`, docs/reliability.md): worker crashes, a
 * Temporal restart, Postgres and SMTP outages, duplicate input, versioning, migrations. Its files
 * take minutes and load the machine, so they run one at a time and apart from `npm test`.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  ...require('./jest.esm-packages'),
  testMatch: ['<rootDir>/tests/faults/**/*.test.ts'],
  // The same shared servers as `npm test`: one Temporal dev server and one Postgres server.
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // No fault test drives a browser: global setup looks for no Chromium.
  globals: { browserTests: false },
  testTimeout: 300_000,
  maxWorkers: 1,
};
