import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@splitwork/identity';
import { API_MAIN, bannerPort, startProcess, StartedProcess } from './api-process';

const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { user { email roles } } }`;

/** Logs in over HTTP; the error code when it is refused. */
async function logIn(port: number, email: string, password: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOG_IN, variables: { input: { email, password } } }),
  });
  const body = (await res.json()) as {
    data?: { logIn: { user: { email: string } } } | null;
    errors?: { extensions?: { code?: string } }[];
  };
  return body.errors ? (body.errors[0].extensions?.code ?? 'ERROR') : 'OK';
}

describe('a production start', () => {
  const folders: string[] = [];
  const started: StartedProcess[] = [];
  const start = (env: Record<string, string>) => {
    const p = startProcess(API_MAIN, { PORT: '0', HOST: '127.0.0.1', ...env });
    started.push(p);
    return p;
  };
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'splitwork-prod-'));
    folders.push(dir);
    return join(dir, 'data');
  };
  const production = (dataDir: string, env: Record<string, string> = {}) => ({
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(48).toString('base64'),
    SPLITWORK_DATA_DIR: dataDir,
    ...env,
  });

  afterAll(async () => {
    await Promise.all(started.map((p) => p.stop()));
    folders.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('refuses a placeholder JWT_SECRET, naming the variable but not the value', async () => {
    const placeholder = 'CHANGE-ME-placeholder-jwt-secret-do-not-use-in-production';
    const api = start(production(folder(), { JWT_SECRET: placeholder }));
    expect(await api.exited).toBe(1);
    expect(api.output()).toMatch(/JWT_SECRET: .*placeholder/);
    expect(api.output()).not.toContain(placeholder);
  });

  it('names the planner, model and endpoint in the start-up banner, never the key', async () => {
    const key = `sk-local-${randomBytes(12).toString('hex')}`;
    const api = start(
      production(folder(), {
        OPENAI_API_KEY: key,
        OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
        OPENAI_MODEL: 'qwen2.5:14b',
        LLM_CONTEXT_TOKENS: '32768',
      }),
    );
    const banner = await api.waitFor(/Planner: .*\n/);
    expect(banner).toMatch(
      /Planner: LLM \(qwen2\.5:14b at http:\/\/127\.0\.0\.1:11434\/v1; context 32768 tokens, .*cost unknown\)/,
    );
    expect(api.output()).not.toContain(key);
    await api.stop();
  }, 180_000);

  it('seeds no demo account and prints no password', async () => {
    const api = start(production(folder()));
    const banner = await api.waitFor('Splitwork API ready');
    const port = bannerPort(banner);
    expect(banner).not.toMatch(/password|demo/i);
    expect(banner).not.toContain(DEMO_PASSWORD);
    for (const account of DEMO_ACCOUNTS) {
      expect(await logIn(port, account.email, DEMO_PASSWORD)).toBe('UNAUTHENTICATED');
    }
    await api.stop();
  }, 180_000);

  it('seeds on request only unprivileged demo accounts, with the password it is given, never printed', async () => {
    const password = randomBytes(24).toString('base64url');
    const api = start(
      production(folder(), { SEED_DEMO_DATA: 'true', DEMO_ACCOUNT_PASSWORD: password }),
    );
    const banner = await api.waitFor('Splitwork API ready');
    const port = bannerPort(banner);
    expect(api.output()).not.toContain(password);
    expect(banner).not.toContain(DEMO_PASSWORD);
    expect(banner).toContain('owner@demo.splitwork.dev');
    expect(await logIn(port, 'owner@demo.splitwork.dev', password)).toBe('OK');
    expect(await logIn(port, 'freelancer@demo.splitwork.dev', password)).toBe('OK');
    expect(await logIn(port, 'admin@demo.splitwork.dev', password)).toBe('UNAUTHENTICATED');
    expect(await logIn(port, 'reviewer@demo.splitwork.dev', password)).toBe('UNAUTHENTICATED');
    await api.stop();
  }, 180_000);

  it('shuts demo accounts that a development run left with the public password', async () => {
    const dataDir = folder();
    const dev = start({ NODE_ENV: 'development', SPLITWORK_DATA_DIR: dataDir });
    const devPort = bannerPort(await dev.waitFor('Splitwork API ready'));
    expect(await logIn(devPort, 'admin@demo.splitwork.dev', DEMO_PASSWORD)).toBe('OK');
    await dev.stop();

    const api = start(production(dataDir));
    const port = bannerPort(await api.waitFor('Splitwork API ready'));
    // The warning goes through the asynchronous JSON logger, so it may follow the banner.
    await expect(
      api.waitFor('demo accounts with the public demo password were shut', 20_000),
    ).resolves.toContain('admin@demo.splitwork.dev');
    for (const account of DEMO_ACCOUNTS) {
      expect(await logIn(port, account.email, DEMO_PASSWORD)).toBe('UNAUTHENTICATED');
    }
    await api.stop();
  }, 300_000);
});
