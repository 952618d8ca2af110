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

  describe('TRUST_PROXY', () => {
    it('trusts no proxy by default', () => {
      expect(loadConfig({}).trustProxy).toBe(false);
    });

    it.each([
      ['none', false],
      ['1', 1],
      ['2', 2],
      ['10.0.0.1', ['10.0.0.1']],
      ['10.0.0.0/8, 192.168.1.1,::1/128', ['10.0.0.0/8', '192.168.1.1', '::1/128']],
      ['loopback, uniquelocal', ['loopback', 'uniquelocal']],
    ])('maps %p onto Express trust proxy', (value, expected) => {
      expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
    });

    it.each(['yes', '10.0.0.0/33', '999.1.1.1', '1.2.3.4/8/9', '-1', 'everything'])(
      'stops start-up on %p, naming TRUST_PROXY',
      (value) => {
        expect(problemsOf({ TRUST_PROXY: value }).join('\n')).toMatch(/^TRUST_PROXY: .*hop count/);
      },
    );
  });
});
