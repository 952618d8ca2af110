import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The environment of an API or worker under test: the shared test database,
 * quiet logs, no demo seed, generous rate limits unless a test lowers them.
 * With the embedded database the in-process runner is used, as in zero-setup
 * mode; against a server, graphile-worker.
 */
/** Random like a real one: production mode refuses a guessable secret, even in tests. */
const JWT_SECRET = randomBytes(48).toString('base64url');

export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const url = process.env.SPLITWORK_TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      'SPLITWORK_TEST_DATABASE_URL is not set: run through the integration jest project',
    );
  return {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    // The embedded database takes one connection per process (see EMBEDDED_POOL_SIZE).
    DATABASE_POOL_SIZE: process.env.SPLITWORK_TEST_EMBEDDED === 'true' ? '1' : '4',
    JOB_RUNNER: process.env.SPLITWORK_TEST_EMBEDDED === 'true' ? 'embedded' : 'graphile',
    JOBS_IN_PROCESS: 'false',
    SPLITWORK_DATA_DIR: mkdtempSync(join(tmpdir(), 'splitwork-test-')),
    JWT_SECRET,
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_SIGNUPS_PER_ADDRESS_PER_HOUR: '100000',
    AUTH_LOGIN_FAILURES_PER_ADDRESS_PER_HOUR: '100000',
    AUTH_LOGIN_BACKOFF_AFTER: '1000',
    // Each API under test counts its own rate limits, as the in-memory limiter does.
    ...(process.env.REDIS_URL
      ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `splitwork-test-${randomUUID()}:` }
      : {}),
    ...overrides,
  };
}

/** Runs `fn` with process.env extended by `env`, restoring it afterwards. */
export async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
