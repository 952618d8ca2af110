import { serverAudits } from 'graphql-http';
import type { AuditResult } from 'graphql-http';
import { ApiHarness, startApi } from './api-harness';

/**
 * The GraphQL-over-HTTP conformance audit of graphql-http, against the real
 * API. graphql-http's own reference handler scores every audit ok; ours must
 * too (no error, no warning).
 */
async function audit(api: ApiHarness, mode: string): Promise<AuditResult[]> {
  const results: AuditResult[] = [];
  for (const { fn } of serverAudits({ url: api.url })) results.push(await fn());
  const count = (status: string) => results.filter((r) => r.status === status).length;
  const failed = results
    .filter((r) => r.status !== 'ok')
    .map((r) => `  ${r.status}: ${r.name}${'reason' in r ? ` (${r.reason})` : ''}`);
  process.stdout.write(
    `graphql-http audit (${mode}): ${count('ok')} ok, ${count('warn')} warn, ${count('error')} error\n` +
      (failed.length ? failed.join('\n') + '\n' : ''),
  );
  return results;
}

/**
 * Audits whose probe document asks `__type(...)`: with introspection off in
 * production they are refused as invalid, as they should be.
 */
const NEED_INTROSPECTION = new Set(['BF61', '2EA1', '28B9']);

function problems(results: AuditResult[], allowed = new Set<string>()): string[] {
  return results
    .filter((r) => (r.status === 'warn' || r.status === 'error') && !allowed.has(r.id))
    .map((r) => `${r.status}: ${r.name}`);
}

describe('GraphQL over HTTP conformance', () => {
  it('passes every graphql-http audit in development', async () => {
    const api = await startApi({ NODE_ENV: 'development' });
    try {
      const results = await audit(api, 'development');
      expect(problems(results)).toEqual([]);
      expect(results.filter((r) => r.status === 'ok')).toHaveLength(results.length);
    } finally {
      await api.close();
    }
  });

  it('passes every graphql-http audit in production (introspection off)', async () => {
    const api = await startApi({ NODE_ENV: 'production' });
    try {
      const results = await audit(api, 'production');
      expect(problems(results, NEED_INTROSPECTION)).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
