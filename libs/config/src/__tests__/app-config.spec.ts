import { ConfigError, loadConfig } from '../app-config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment (zero-setup mode)', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.SPLITWORK_DATA_DIR).toBe('.data');
    expect(config.usesEmbeddedDatabase).toBe(true);
    expect(config.jobRunner).toBe('embedded');
  });

  it('switches to the server components when their variables are set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/app', PORT: '8080' });
    expect(config.PORT).toBe(8080);
    expect(config.jobRunner).toBe('graphile');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ STRIPE_SECRET_KEY: 'sk_test_123' }, 'STRIPE_WEBHOOK_SECRET'],
    [{ JOBS_IN_PROCESS: 'maybe' }, 'JOBS_IN_PROCESS'],
  ])('refuses %j naming %s', (env, variable) => {
    const problems = problemsOf(env);
    expect(problems.some((p) => p.startsWith(`${variable}:`))).toBe(true);
  });
});
