import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS_METADATA } from '@splitwork/api-kit';
import { ErrorCode } from '@splitwork/kernel';
import { errorCodes } from '@splitwork/test-support';
import { ApiHarness, startApi } from './api-harness';

const SCHEMA_FILE = join(__dirname, '..', '..', '..', 'schema.graphql');

describe('GraphQL conventions', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  it('schema.graphql matches the code (UPDATE_SCHEMA=1 rewrites it)', () => {
    const printed =
      printSchema(lexicographicSortSchema(api.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printed);
  });

  it('every query, mutation and subscription is marked @Public() or @Authenticated()', () => {
    const modules = api.app.get(ModulesContainer);
    const scanner = new MetadataScanner();
    const reflector = api.app.get(Reflector);
    const operations: string[] = [];
    const unmarked: string[] = [];
    const providers = [...modules.values()].flatMap((m) => [...m.providers.values()]);
    for (const wrapper of providers) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const method = prototype[name] as (...args: unknown[]) => unknown;
        const kind = reflector.get<string | undefined>('graphql:resolver_type', method);
        if (kind !== 'Query' && kind !== 'Mutation' && kind !== 'Subscription') continue;
        const label = `${wrapper.metatype.name}.${name}`;
        operations.push(label);
        const marked =
          reflector.get(ACCESS_METADATA, method) !== undefined ||
          reflector.get(ACCESS_METADATA, wrapper.metatype) !== undefined;
        if (!marked) unmarked.push(label);
      }
    }
    expect(operations).toContain('AuthResolver.me');
    expect(unmarked).toEqual([]);
  });

  it('answers a malformed document with GRAPHQL_PARSE_FAILED', async () => {
    const res = await api.gql.request('query { me { id ');
    expect(errorCodes(res)).toEqual([ErrorCode.GRAPHQL_PARSE_FAILED]);
  });

  it('answers a body that is not JSON with a 400 and no 500', async () => {
    const res = await api.gql.raw('{"query": ');
    expect(res.status).toBe(400);
  });

  it('answers an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await api.gql.request('query { me { id passwordHash } }');
    expect(errorCodes(res)).toEqual([ErrorCode.GRAPHQL_VALIDATION_FAILED]);
  });

  it('answers a variable of the wrong type with BAD_USER_INPUT', async () => {
    const res = await api.gql.request(
      'query($first: Int) { users(first: $first) { edges { cursor } } }',
      {
        first: 'ten',
      },
    );
    expect(errorCodes(res)).toEqual([ErrorCode.BAD_USER_INPUT]);
  });

  it('refuses a query deeper than the depth limit', async () => {
    const nested = `query { __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }`;
    const res = await api.gql.request(nested);
    expect(errorCodes(res)).toContain(ErrorCode.GRAPHQL_VALIDATION_FAILED);
    expect(res.errors![0].message).toMatch(/depth/i);
  });

  it('refuses a query with more aliases than allowed', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ');
    const res = await api.gql.request(`query { ${aliases} }`);
    expect(errorCodes(res)).toContain(ErrorCode.GRAPHQL_VALIDATION_FAILED);
    expect(res.errors![0].message).toMatch(/alias/i);
  });

  it('refuses a query over the token limit', async () => {
    const fields = Array.from({ length: 2500 }, () => '__typename').join(' ');
    const res = await api.gql.request(`query { ${fields} }`);
    expect(errorCodes(res)).toEqual([ErrorCode.GRAPHQL_PARSE_FAILED]);
    expect(res.errors![0].message).toMatch(/token/i);
  });

  it('refuses a query over the cost limit', async () => {
    const page =
      'edges { cursor node { id email displayName roles createdAt } } pageInfo { hasNextPage endCursor }';
    const aliased = Array.from(
      { length: 14 },
      (_, i) => `u${i}: users(first: 100) { ${page} }`,
    ).join(' ');
    const res = await api.gql.request(`query { ${aliased} me { id } }`);
    expect(errorCodes(res)).toContain(ErrorCode.GRAPHQL_VALIDATION_FAILED);
    expect(res.errors!.map((e) => e.message).join(' ')).toMatch(/cost/i);
  });

  it('serves liveness and readiness', async () => {
    const live = await fetch(`${api.baseUrl}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${api.baseUrl}/health/ready`);
    expect(await ready.json()).toMatchObject({ status: 'ok', checks: { database: 'up' } });
  });

  it('echoes a request id, making one when the client sends none', async () => {
    const given = await fetch(`${api.baseUrl}/health/live`, {
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await fetch(`${api.baseUrl}/health/live`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves GraphiQL from local files to a browser', async () => {
    const page = await fetch(api.url, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<div id="graphiql"');
    expect(html).toContain('/graphiql-assets/graphiql.js');
    expect(html).not.toMatch(/https?:\/\/(unpkg|cdn|esm\.sh)/);
    const script = await fetch(`${api.baseUrl}/graphiql-assets/graphiql.js`);
    expect(script.status).toBe(200);
  });
});

describe('GraphQL in production', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ NODE_ENV: 'production' });
  });
  afterAll(() => api?.close());

  it('turns introspection and field suggestions off', async () => {
    const introspection = await api.gql.request('query { __schema { queryType { name } } }');
    expect(errorCodes(introspection)).toEqual([ErrorCode.GRAPHQL_VALIDATION_FAILED]);
    const typo = await api.gql.request('query { mee { id } }');
    expect(errorCodes(typo)).toEqual([ErrorCode.GRAPHQL_VALIDATION_FAILED]);
    expect(typo.errors![0].message).not.toMatch(/Did you mean/);
  });

  it('answers a browser on /graphql with a GraphQL error, not the GraphiQL page, and serves no GraphiQL assets', async () => {
    const page = await fetch(api.url, { headers: { accept: 'text/html' } });
    const body = await page.text();
    // GraphQL over HTTP: a client that accepts neither JSON media type is told so (406).
    expect({ status: page.status, type: page.headers.get('content-type') }).toEqual({
      status: 406,
      type: expect.stringMatching(/^application\/(graphql-response\+)?json/),
    });
    expect(JSON.parse(body)).toEqual({
      errors: [expect.objectContaining({ message: expect.any(String) })],
    });
    expect(body).not.toMatch(/graphiql/i);
    const script = await fetch(`${api.baseUrl}/graphiql-assets/graphiql.js`);
    expect(script.status).toBe(404);
    expect(await script.text()).not.toContain('GraphiQL');
  });
});
