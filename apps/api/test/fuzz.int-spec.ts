import fc from 'fast-check';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { ApiHarness, startApi } from './api-harness';
import type { AuthzWorld, RoleName } from './authorization-matrix';
import { buildAuthzWorld } from './authorization-world';
import {
  ExtraValues,
  fingerprint,
  fingerprintDiff,
  fingerprintQuery,
  FuzzOperation,
  idPool,
  operationsOf,
  variablesOf,
} from './fuzz-support';
import { rescanAfterWrites } from './rescan-after-writes';

/** Inputs per run; at least 1,000 (`FUZZ_RUNS` raises it, `FUZZ_SEED` replays a run). */
const RUNS = Math.max(1000, Number(process.env.FUZZ_RUNS ?? 1000));
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const FUZZ_ROLES = ['owner', 'assignee', 'reviewer', 'admin', 'anonymous'] as const;
type FuzzRole = (typeof FUZZ_ROLES)[number] & RoleName;

/**
 * Operations that are not fuzzed, with the reason. Anything else the schema
 * has, including operations added later, is fuzzed without being listed.
 */
const SKIPPED: Record<string, string> = {};

interface Finding {
  operation: string;
  role: FuzzRole;
  variables: unknown;
  problem: string;
}

describe('schema-driven fuzzing over HTTP', () => {
  let api: ApiHarness;
  let world: AuthzWorld;
  let dataSource: DataSource;
  let operations: FuzzOperation[];
  let extra: ExtraValues;
  let fingerprintSql: string;
  /** The fingerprint, scanned again only once something has been written. */
  let currentFingerprint: () => Promise<string>;

  beforeAll(async () => {
    api = await startApi();
    dataSource = api.app.get(DataSource);
    world = await buildAuthzWorld(api);
    // The schema the server runs, not a copy: new operations are fuzzed as they appear.
    operations = operationsOf(api.app.get(GraphQLSchemaHost).schema).filter(
      (op) => !SKIPPED[op.name],
    );
    const [plan] = await dataSource.query<{ keys: string[]; features: string[]; reqs: string[] }[]>(
      `SELECT array(SELECT t->>'key' FROM jsonb_array_elements(document->'tasks') t) AS keys,
              array(SELECT f->>'key' FROM jsonb_array_elements(document->'features') f) AS features,
              array(SELECT r->>'id' FROM jsonb_array_elements(document->'requirements') r) AS reqs
         FROM project_plans WHERE project_id = $1`,
      [world.projectId],
    );
    const known: Record<string, readonly unknown[]> = {
      key: plan.keys,
      dependsOn: plan.keys,
      featureKey: plan.features,
      requirementIds: plan.reqs,
      criterionId: ['AC1', 'AC2', 'AC3'],
      email: Object.values(world.users).map((u) => u.email),
      password: [world.password],
    };
    extra = (name) => known[name];
    fingerprintSql = await fingerprintQuery(dataSource);
    currentFingerprint = rescanAfterWrites(dataSource, () =>
      fingerprint(dataSource, fingerprintSql),
    );
  }, 180_000);
  afterAll(() => api?.close());

  it('the database fingerprint sees a write', async () => {
    const before = await fingerprint(dataSource, fingerprintSql);
    expect(await currentFingerprint()).toBe(before);
    await dataSource.query(
      `UPDATE projects SET updated_at = now() + interval '1 day' WHERE id = $1`,
      [world.otherProjectId],
    );
    const after = await fingerprint(dataSource, fingerprintSql);
    expect(fingerprintDiff(before, after)).toMatch(/^projects=/);
    // The remembered one is taken again after the write.
    expect(await currentFingerprint()).toBe(after);
  });

  it(`answers ${RUNS} generated inputs over every query and mutation without an internal error, a 5xx or a write after a refusal`, async () => {
    const pool = await idPool(dataSource);
    const codes = new Map<string, number>();
    const findings: Finding[] = [];
    const seen = new Set<string>();
    let inputs = 0;
    let http5xx = 0;
    let writesAfterRefusal = 0;
    const tally = (code: string) => codes.set(code, (codes.get(code) ?? 0) + 1);

    const arbitrary = fc.constantFrom(...operations).chain((op) =>
      fc.record({
        op: fc.constant(op),
        role: fc.constantFrom(...FUZZ_ROLES),
        variables: variablesOf(op, pool, extra),
      }),
    );

    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ op, role, variables }) => {
        inputs++;
        seen.add(op.name);
        const token = role === 'anonymous' ? undefined : world.users[role].token;
        const before = op.kind === 'mutation' ? await currentFingerprint() : undefined;
        const res = await api.gql.request(op.document, variables, token);
        const report = (problem: string) =>
          findings.push({ operation: op.name, role, variables, problem });
        if (res.status >= 500) {
          http5xx++;
          report(`HTTP ${res.status}: ${JSON.stringify(res.errors)}`);
        }
        const errorCodes = (res.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');
        if (!errorCodes.length) tally('OK');
        for (const code of new Set(errorCodes)) tally(code);
        if (errorCodes.includes('INTERNAL_SERVER_ERROR') || errorCodes.includes('NO_CODE')) {
          report(`untyped or internal error: ${JSON.stringify(res.errors)}`);
        }
        const refused = errorCodes.length > 0 && !res.data?.[op.name];
        if (before !== undefined && refused) {
          const after = await currentFingerprint();
          if (after !== before) {
            writesAfterRefusal++;
            report(
              `wrote after a refusal (${errorCodes.join(',')}): ${fingerprintDiff(before, after)}`,
            );
          }
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );

    const summary = [...codes]
      .filter(([code]) => code !== 'INTERNAL_SERVER_ERROR')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, n]) => `${code}=${n}`)
      .join(', ');
    process.stdout.write(
      `fuzz: ${inputs} inputs over ${seen.size} operations, codes: ${summary}, ` +
        `INTERNAL_SERVER_ERROR=${codes.get('INTERNAL_SERVER_ERROR') ?? 0}, http5xx=${http5xx}, ` +
        `writesAfterRefusal=${writesAfterRefusal} (seed ${SEED})\n`,
    );
    // One example per operation and problem, short enough to read.
    const examples = new Map<string, Finding>();
    for (const f of findings) examples.set(`${f.operation}|${f.problem.slice(0, 120)}`, f);
    expect(
      [...examples.values()].map(
        (f) =>
          `${f.operation} as ${f.role}: ${f.problem.slice(0, 400)} — variables ${JSON.stringify(
            f.variables,
          ).slice(0, 300)}`,
      ),
    ).toEqual([]);
    expect(inputs).toBeGreaterThanOrEqual(1000);
  }, 600_000);
});
