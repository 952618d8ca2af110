// `npm run test:e2e`: the web app in Chromium (/usr/bin/chromium, playwright-core)
// against the real API on embedded PostgreSQL, the built app served by the API.
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'e2e',
  testTimeout: 180000,
  maxWorkers: 1,
  testMatch: ['<rootDir>/apps/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/libs/test-support/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/test-support/src/global-teardown.ts',
};
