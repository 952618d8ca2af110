import { Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes, testEnv } from '@splitwork/test-support';
import { MAX_REQUEST_BODY_BYTES } from '../src/http-limits';
import { ApiHarness, startApi } from './api-harness';

const CREATE = `mutation($input: CreateProjectInput!) {
  createProject(input: $input) { project { id } }
}`;
const ME = 'query Me { me { id } }';

/** Escapes every non-ASCII character as \uXXXX, as ASCII-only JSON encoders do. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

async function post(
  api: ApiHarness,
  body: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: { errors?: { message: string; extensions?: { code?: string } }[] };
}> {
  const res = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as never };
}

describe('the HTTP edge', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  describe('request bodies', () => {
    it('accepts a 100,000-character brief of multi-byte characters, even \\u-escaped', async () => {
      const owner = await api.newUser([Role.OWNER]);
      const input = {
        title: 'Long brief',
        brief: '日'.repeat(100_000),
        platforms: ['WEB'],
        budgetCents: 100_000,
        currency: 'usd',
      };
      const body = asciiJson({ query: CREATE, variables: { input } });
      expect(Buffer.byteLength(body)).toBeGreaterThan(600_000);
      const res = await api.gql.raw<{ createProject: { project: { id: string } } }>(
        body,
        owner.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.createProject.project.id).toEqual(expect.any(String));
    });

    it('answers a body over the limit with 413 in GraphQL error shape', async () => {
      const body = JSON.stringify({
        query: ME,
        variables: { pad: 'x'.repeat(MAX_REQUEST_BODY_BYTES) },
      });
      const res = await post(api, body);
      expect(res.status).toBe(413);
      expect(res.body.errors).toEqual([
        {
          message: expect.stringMatching(/larger than/),
          extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE },
        },
      ]);
    });

    it('answers a malformed JSON body with 400 in GraphQL error shape', async () => {
      const res = await post(api, '{"query": ');
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { message: expect.any(String), extensions: { code: ErrorCode.BAD_REQUEST } },
      ]);
    });
  });

  describe('refusals of the HTTP request carry their real code and status', () => {
    it('refuses a POST that is not application/json (a cross-site form) with 415 BAD_REQUEST', async () => {
      const res = await post(api, JSON.stringify({ query: ME }), { 'content-type': 'text/plain' });
      expect(res.status).toBe(415);
      expect(errorCodes({ status: res.status, ...res.body })).toEqual([ErrorCode.BAD_REQUEST]);
    });

    it('refuses a batch with 400 BAD_REQUEST', async () => {
      const res = await post(api, JSON.stringify([{ query: ME }, { query: ME }]));
      expect(res.status).toBe(400);
      expect(errorCodes({ status: res.status, ...res.body })).toEqual([ErrorCode.BAD_REQUEST]);
    });

    it('refuses a body without a query with 400 BAD_REQUEST', async () => {
      const res = await post(api, JSON.stringify({ variables: {} }));
      expect(res.status).toBe(400);
      expect(errorCodes({ status: res.status, ...res.body })).toEqual([ErrorCode.BAD_REQUEST]);
    });

    it('refuses a mutation over GET with 405 BAD_REQUEST', async () => {
      const url = `${api.url}?query=${encodeURIComponent('mutation { __typename }')}`;
      const res = await fetch(url, {
        headers: { accept: 'application/json' },
      });
      expect(res.status).toBe(405);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors.map((e) => e.extensions.code)).toEqual([ErrorCode.BAD_REQUEST]);
    });

    it('refuses variables that are not an object with 400 BAD_REQUEST', async () => {
      const res = await post(api, JSON.stringify({ query: ME, variables: 'nope' }));
      expect(res.status).toBe(400);
      expect(errorCodes({ status: res.status, ...res.body })).toEqual([ErrorCode.BAD_REQUEST]);
    });
  });

  describe('logging of client errors', () => {
    afterEach(() => jest.restoreAllMocks());

    it('logs a NOT_FOUND or a validation failure below error level', async () => {
      const errors = jest.spyOn(Logger.prototype, 'error');
      const owner = await api.newUser([Role.OWNER]);
      const missing = await api.gql.request(
        'query($id: ID!) { project(id: $id) { id } }',
        { id: randomUUID() },
        owner.token,
      );
      expect(errorCodes(missing)).toEqual([ErrorCode.NOT_FOUND]);
      const invalid = await api.gql.request('query { nope }');
      expect(errorCodes(invalid)).toEqual([ErrorCode.GRAPHQL_VALIDATION_FAILED]);
      expect(errors).not.toHaveBeenCalled();
    });
  });

  describe('access tokens', () => {
    const jwt = new JwtService({ secret: testEnv().JWT_SECRET });

    it('answers a token without exp with UNAUTHENTICATED', async () => {
      const user = await api.newUser([Role.OWNER]);
      const token = jwt.sign({ sub: user.id, roles: [Role.OWNER] }, { algorithm: 'HS256' });
      expect(errorCodes(await api.gql.request(ME, {}, token))).toEqual([ErrorCode.UNAUTHENTICATED]);
    });

    it('answers a token whose subject is not a user id with UNAUTHENTICATED', async () => {
      const token = jwt.sign(
        { sub: 'not-a-uuid', roles: [Role.OWNER] },
        { algorithm: 'HS256', expiresIn: 600 },
      );
      expect(errorCodes(await api.gql.request(ME, {}, token))).toEqual([ErrorCode.UNAUTHENTICATED]);
    });
  });

  describe('security headers', () => {
    it("sends a JSON API's security headers on GraphQL answers, and helmet's on the other paths", async () => {
      const res = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      const health = await fetch(new URL('/health/live', api.url));
      expect(health.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(health.headers.get('x-content-type-options')).toBe('nosniff');
      expect(health.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    });

    it('serves GraphiQL with a nonce policy its inline script matches and no unsafe script', async () => {
      const res = await fetch(api.url, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeDefined();
      expect(csp).toMatch(/script-src 'self' 'nonce-/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      const html = await res.text();
      const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
      expect(inlineScripts.length).toBeGreaterThan(0);
      for (const [, attrs] of inlineScripts) expect(attrs).toContain(`nonce="${nonce}"`);
      expect(html).not.toMatch(/\sstyle="/);
      for (const src of html.matchAll(/(?:src|href)="(\/graphiql-assets\/[^"]+)"/g)) {
        expect((await fetch(`${api.baseUrl}${src[1]}`)).status).toBe(200);
      }
      const again = await fetch(api.url, { headers: { accept: 'text/html' } });
      expect(again.headers.get('content-security-policy')).not.toContain(nonce);
    });
  });
});

describe('the HTTP edge in production', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ NODE_ENV: 'production' });
  });
  afterAll(() => api?.close());

  it.each([
    ['a field', 'query { mee { id } }', {}],
    ['an argument', 'query { users(frist: 1) { edges { cursor } } }', {}],
    ['a type', 'query($x: Rol) { __typename }', {}],
    [
      'an enum value (variable)',
      'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
      {
        input: { email: 'a@b.co', password: 'x', displayName: 'A', roles: ['OWNR'] },
      },
    ],
    [
      'an enum value (literal)',
      'mutation { signUp(input: {email: "a@b.co", password: "x", displayName: "A", roles: [OWNR]}) { accessToken } }',
      {},
    ],
  ])('gives no suggestion for a misspelt %s', async (_what, query, variables) => {
    const res = await api.gql.request(query, variables);
    expect(res.errors?.length).toBeGreaterThan(0);
    for (const e of res.errors!) expect(e.message).not.toMatch(/Did you mean/i);
  });
});
