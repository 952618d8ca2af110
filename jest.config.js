// `npm test` runs both tiers: pure unit tests beside the code, and the
// integration suite that boots the real API on a real PostgreSQL (embedded
// PGlite unless DATABASE_URL points at a server).
const preset = require('./jest.preset');

module.exports = {
  testTimeout: 60000,
  // Test files run one after another: the embedded database serves one
  // connection at a time, and against a server the job queue is shared, so a
  // file draining the queue would run another file's jobs.
  maxWorkers: 1,
  projects: [
    {
      ...preset,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
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
