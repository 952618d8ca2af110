import { ErrorCode } from '@splitwork/kernel';
import { ApiHarness, startApi } from './api-harness';

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function call(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    headers: res.headers,
    body: (await res.json()) as Body,
  };
}

function post(api: ApiHarness, body: unknown, headers: Record<string, string> = {}) {
  return call(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('GraphQL over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  it('runs a query over GET, with its variables and operation name in the query string', async () => {
    const owner = await api.newUser();
    const query = 'query A { __typename } query Me($x: Boolean!) { me @include(if: $x) { id } }';
    const url = `${api.url}?query=${encodeURIComponent(query)}&operationName=Me&variables=${encodeURIComponent('{"x":true}')}`;
    const res = await call(url, {
      headers: { authorization: `Bearer ${owner.token}`, accept: 'application/json' },
    });
    expect(res).toMatchObject({ status: 200, body: { data: { me: { id: owner.id } } } });
    expect(res.type).toBe('application/json; charset=utf-8');
  });

  it('answers the same document again from its parsed form, and a variant on its own', async () => {
    const first = await post(api, { query: '{ __typename }' });
    const again = await post(api, { query: '{ __typename }' });
    const other = await post(api, { query: '{ a: __typename }' });
    expect([first.body, again.body, other.body]).toEqual([
      { data: { __typename: 'Query' } },
      { data: { __typename: 'Query' } },
      { data: { a: 'Query' } },
    ]);
  });

  it('refuses an unknown or missing operation name with 400 BAD_REQUEST', async () => {
    const two = 'query A { __typename } query B { __typename }';
    const unknown = await post(api, { query: two, operationName: 'C' });
    const missing = await post(api, { query: two });
    for (const res of [unknown, missing]) {
      expect(res.status).toBe(400);
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.BAD_REQUEST]);
    }
    expect(unknown.body.errors?.[0].message).toContain('"C"');
  });

  it('answers a document error 400 to a graphql-response+json client and 200 to a JSON one, never cached', async () => {
    const invalid = { query: '{ nope }' };
    const strict = await post(api, invalid, { accept: 'application/graphql-response+json' });
    expect(strict.status).toBe(400);
    expect(strict.type).toBe('application/graphql-response+json; charset=utf-8');
    const plain = await post(api, invalid, { accept: 'application/json' });
    expect(plain.status).toBe(200);
    for (const res of [strict, plain]) {
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([
        ErrorCode.GRAPHQL_VALIDATION_FAILED,
      ]);
      expect(res.body.data).toBeUndefined();
    }
  });

  it('refuses a subscription over HTTP, persisted queries and methods other than GET and POST', async () => {
    const sub = await post(api, { query: 'subscription { notificationReceived { id } }' });
    expect(sub.status).toBe(400);
    expect(sub.body.errors?.[0].message).toMatch(/WebSocket/);
    const persisted = await post(api, {
      extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } },
    });
    expect(persisted.status).toBe(400);
    const put = await call(api.url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    for (const res of [sub, persisted, put]) {
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.BAD_REQUEST]);
    }
  });

  it('reads a gzip body and refuses an encoding it does not know with 415', async () => {
    const { gzipSync } = await import('node:zlib');
    const zipped = await call(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ query: '{ __typename }' })),
    });
    expect(zipped).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
    const odd = await call(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'compress' },
      body: 'x',
    });
    expect(odd.status).toBe(415);
  });

  it('echoes the request id on GraphQL answers too', async () => {
    const res = await post(api, { query: '{ __typename }' }, { 'x-request-id': 'trace-gql-1' });
    expect(res.headers.get('x-request-id')).toBe('trace-gql-1');
  });

  it('sends the request id, the security headers and the refusal headers, each once, on a refusal', async () => {
    const put = await fetch(api.url, { method: 'PUT', headers: { 'x-request-id': 'trace-gql-2' } });
    expect(put.status).toBe(405);
    for (const [name, value] of [
      ['x-request-id', 'trace-gql-2'],
      ['allow', 'GET, POST'],
      ['x-content-type-options', 'nosniff'],
      ['content-type', 'application/json; charset=utf-8'],
    ]) {
      expect(put.headers.get(name)).toBe(value);
    }
    expect(put.headers.get('content-security-policy')).toContain("default-src 'none'");
    const body = await put.text();
    expect(put.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
  });
});
