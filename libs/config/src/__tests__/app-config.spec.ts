import { randomBytes } from 'node:crypto';
import { ConfigError, configVariables, loadConfig } from '../app-config';

const STRONG = randomBytes(48).toString('base64');
const PLACEHOLDER = 'CHANGE-ME-placeholder-jwt-secret-do-not-use-in-production';
const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';

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
    [{ LLM_TOKEN_GAP_TIMEOUT_MS: '50' }, 'LLM_TOKEN_GAP_TIMEOUT_MS'],
    [{ LLM_FIRST_TOKEN_TIMEOUT_MS: 'soon' }, 'LLM_FIRST_TOKEN_TIMEOUT_MS'],
    [{ LLM_CONTEXT_TOKENS: '512' }, 'LLM_CONTEXT_TOKENS'],
    [{ LLM_FEATURE_CONCURRENCY: '0' }, 'LLM_FEATURE_CONCURRENCY'],
    [{ LLM_RESPONSE_FORMAT: 'xml' }, 'LLM_RESPONSE_FORMAT'],
    [{ LLM_OFFLINE_FALLBACK: 'perhaps' }, 'LLM_OFFLINE_FALLBACK'],
    [{ LLM_PRICE_INPUT_PER_MILLION_USD: '0' }, 'LLM_PRICE_OUTPUT_PER_MILLION_USD'],
    [
      { LLM_PRICE_OUTPUT_PER_MILLION_USD: '-1', LLM_PRICE_INPUT_PER_MILLION_USD: '0' },
      'LLM_PRICE_OUTPUT_PER_MILLION_USD',
    ],
  ])('refuses %j naming %s', (env, variable) => {
    const problems = problemsOf(env);
    expect(problems.some((p) => p.startsWith(`${variable}:`))).toBe(true);
  });

  describe('error messages', () => {
    // Looks like a live key but is one character off any rule, the case that leaks.
    const NEAR_SECRET = `sk_livX_${randomBytes(18).toString('hex')}`;
    const variables = configVariables();

    it.each(variables)('names %s and its rule but never echoes the rejected value', (variable) => {
      const problems = problemsOf({
        NODE_ENV: 'production',
        JWT_SECRET: STRONG,
        [variable]: NEAR_SECRET,
      });
      for (const problem of problems) {
        expect(problem).not.toContain(NEAR_SECRET);
        expect(problem).not.toContain(NEAR_SECRET.slice(8));
      }
    });

    it('refuses a secret-looking value for most variables, each named with its rule', () => {
      const refused = variables.filter((variable) => {
        const problems = problemsOf({
          NODE_ENV: 'production',
          JWT_SECRET: STRONG,
          [variable]: NEAR_SECRET,
        });
        return problems.some((p) => new RegExp(`^${variable}: \\S`).test(p));
      });
      expect(refused).toEqual(
        expect.arrayContaining([
          'PORT',
          'DATABASE_URL',
          'REDIS_URL',
          'NODE_ENV',
          'STRIPE_SECRET_KEY',
          'TRUST_PROXY',
          'PUBLIC_URL',
          'GRAPHQL_MAX_COST',
          'SMTP_URL',
        ]),
      );
    });

    it('does not echo a non-secret value either', () => {
      expect(problemsOf({ PORT: 'eighty-eighty' })).toEqual([
        expect.not.stringContaining('eighty'),
      ]);
    });
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

  describe('secrets in production', () => {
    it.each([
      ['the compose placeholder', PLACEHOLDER],
      ['the test secret', TEST_SECRET],
      ['a repeated character', 'a'.repeat(48)],
      ['a low-entropy value', 'ab12'.repeat(10)],
    ])('refuses %s as JWT_SECRET, naming the variable and the rule, not the value', (_w, value) => {
      const problems = problemsOf({ NODE_ENV: 'production', JWT_SECRET: value });
      const jwt = problems.filter((p) => p.startsWith('JWT_SECRET:'));
      expect(jwt).toHaveLength(1);
      expect(jwt[0]).toMatch(/placeholder|repeated|predictable|consecutive/);
      expect(problems.join('\n')).not.toContain(value);
    });

    it('accepts a random JWT_SECRET', () => {
      expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG }).JWT_SECRET).toBe(STRONG);
    });

    it('never echoes a secret it refuses for its length either', () => {
      const problems = problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'tiny-but-real-Zq9' });
      expect(problems.some((p) => p.startsWith('JWT_SECRET:'))).toBe(true);
      expect(problems.join('\n')).not.toContain('tiny-but-real-Zq9');
    });

    it('refuses a placeholder STRIPE_WEBHOOK_SECRET in production, without echoing it', () => {
      const problems = problemsOf({
        NODE_ENV: 'production',
        JWT_SECRET: STRONG,
        STRIPE_SECRET_KEY: 'sk_live_abc',
        STRIPE_WEBHOOK_SECRET: 'whsec_placeholder_placeholder_placeholder',
      });
      expect(problems).toEqual([expect.stringMatching(/^STRIPE_WEBHOOK_SECRET: .*placeholder/)]);
      expect(problems[0]).not.toContain('whsec_placeholder');
    });

    it('accepts a real-looking STRIPE_WEBHOOK_SECRET in production', () => {
      const secret = `whsec_${randomBytes(24).toString('base64')}`;
      const config = loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: STRONG,
        STRIPE_SECRET_KEY: 'sk_live_abc',
        STRIPE_WEBHOOK_SECRET: secret,
      });
      expect(config.STRIPE_WEBHOOK_SECRET).toBe(secret);
    });

    it('allows the test secret and simple webhook secrets outside production', () => {
      expect(() => loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_SECRET })).not.toThrow();
      expect(() =>
        loadConfig({
          NODE_ENV: 'development',
          JWT_SECRET: PLACEHOLDER,
          STRIPE_SECRET_KEY: 'sk_test_1',
          STRIPE_WEBHOOK_SECRET: 'whsec_test',
        }),
      ).not.toThrow();
    });
  });

  describe('demo accounts', () => {
    it('seeds them by default in development and test, never by default in production', () => {
      expect(loadConfig({}).seedsDemoData).toBe(true);
      expect(loadConfig({ NODE_ENV: 'test' }).seedsDemoData).toBe(true);
      expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG }).seedsDemoData).toBe(false);
    });

    it('honours an explicit SEED_DEMO_DATA=false in development', () => {
      expect(loadConfig({ SEED_DEMO_DATA: 'false' }).seedsDemoData).toBe(false);
    });

    it('requires a strong DEMO_ACCOUNT_PASSWORD when production is asked to seed', () => {
      const base = { NODE_ENV: 'production', JWT_SECRET: STRONG, SEED_DEMO_DATA: 'true' };
      expect(problemsOf(base)).toEqual([expect.stringMatching(/^DEMO_ACCOUNT_PASSWORD:/)]);
      const weak = problemsOf({ ...base, DEMO_ACCOUNT_PASSWORD: 'splitwork-demo-2026' });
      expect(weak).toEqual([expect.stringMatching(/^DEMO_ACCOUNT_PASSWORD:/)]);
      expect(weak[0]).not.toContain('splitwork-demo-2026');
      const strong = randomBytes(24).toString('base64url');
      const config = loadConfig({ ...base, DEMO_ACCOUNT_PASSWORD: strong });
      expect(config.seedsDemoData).toBe(true);
    });
  });

  it('sends notification email over SMTP only when SMTP_URL is an smtp:// or smtps:// URL', () => {
    expect(loadConfig({}).SMTP_URL).toBeUndefined();
    expect(loadConfig({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
    expect(loadConfig({ SMTP_URL: 'smtps://mailer:s3cret@mail.example.com:465' }).SMTP_URL).toBe(
      'smtps://mailer:s3cret@mail.example.com:465',
    );
    const problems = problemsOf({ SMTP_URL: 'http://mailer:hunter2@mail.example.com' });
    expect(problems.some((p) => p.startsWith('SMTP_URL:'))).toBe(true);
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(loadConfig({}).MAIL_FROM).toBe('Splitwork <no-reply@localhost>');
  });

  it('does not echo connection URLs, which may carry a password', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://admin:hunter2@db/x' });
    expect(problems.some((p) => p.startsWith('DATABASE_URL:'))).toBe(true);
    expect(problems.join('\n')).not.toContain('hunter2');
  });
});
