import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeStripeServer } from '@splitwork/test-support';
import { ApiHarness, startApi } from './api-harness';

/** A stand-in for `vite build`'s output: an index page and one hashed asset. */
function builtApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'splitwork-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("app");');
  return dir;
}

describe('the API serves the built web app', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ WEB_APP_DIR: builtApp() });
  });
  afterAll(() => api?.close());

  it('serves the app at / and client routes with a policy allowing its own scripts and GraphQL sockets only', async () => {
    for (const path of ['/', '/projects/123', '/review/abc']) {
      const res = await fetch(`${api.baseUrl}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it('serves hashed assets with a long cache and 404s unknown ones', async () => {
    const asset = await fetch(`${api.baseUrl}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${api.baseUrl}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${api.baseUrl}/assets/..%2Findex.html`)).status).toBe(404);
  });

  it('keeps GraphQL, GraphiQL and health on their own routes and the strict policy on API responses', async () => {
    const gql = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await gql.json()).toEqual({ data: { __typename: 'Query' } });
    expect(gql.headers.get('content-security-policy')).toContain("default-src 'none'");
    const graphiql = await fetch(api.url, { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).toContain('id="graphiql"');
    for (const path of [
      '/health/live',
      '/payouts/onboarding/return?token=x',
      '/notifications/unsubscribe?token=x',
    ]) {
      const res = await fetch(`${api.baseUrl}${path}`, { headers: { accept: 'text/html' } });
      expect(await res.text()).not.toContain('<div id="root">');
    }
  });

  it('answers a JSON client on an unknown path with the API, not the app page', async () => {
    const res = await fetch(`${api.baseUrl}/nothing-here`, {
      headers: { accept: 'application/json' },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('the API without a built web app', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ WEB_APP_DIR: mkdtempSync(join(tmpdir(), 'splitwork-no-web-')) });
  });
  afterAll(() => api?.close());

  it('serves GraphQL only: / is not found', async () => {
    const res = await fetch(`${api.baseUrl}/`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
  });
});

describe('the web app in Stripe mode', () => {
  let api: ApiHarness;
  let stripe: FakeStripeServer;
  beforeAll(async () => {
    stripe = await FakeStripeServer.start();
    api = await startApi({
      WEB_APP_DIR: builtApp(),
      STRIPE_SECRET_KEY: 'sk_test_splitwork_web',
      STRIPE_WEBHOOK_SECRET: 'whsec_splitwork_web_test',
      STRIPE_API_URL: stripe.baseUrl,
      STRIPE_PUBLISHABLE_KEY: 'pk_test_splitwork_web',
    });
  });
  afterAll(async () => {
    await api?.close();
    await stripe?.close();
  });

  it('gives the page the publishable key and lets it load Stripe.js, on app routes only', async () => {
    const res = await fetch(`${api.baseUrl}/projects/123`, { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(html).toContain(
      '<meta name="splitwork-stripe-publishable-key" content="pk_test_splitwork_web">',
    );
    expect(html).not.toContain('sk_test_');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' https://js.stripe.com;");
    expect(csp).toContain('frame-src https://js.stripe.com https://hooks.stripe.com');
    const gql = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(gql.headers.get('content-security-policy')).not.toContain('stripe');
  });
});
