// `npm test` runs both tiers: pure unit tests beside the code, and the
// integration suite that boots the real API on a real PostgreSQL (embedded
// PGlite unless DATABASE_URL points at a server).
const preset = require('./jest.preset');

module.exports = {
  testTimeout: 60000,
  // The embedded database serves one connection at a time: with it, the test
  // files run one after another; against a server they run in parallel.
  maxWorkers: process.env.DATABASE_URL ? 2 : 1,
  projects: [
    {
      ...preset,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'],
    },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/test-support/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/test-support/src/global-teardown.ts',
    },
  ],
};
