import fc from 'fast-check';
import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { DataSource } from 'typeorm';

/** One root field of the schema, as an operation the fuzzer can send. */
export interface FuzzOperation {
  kind: 'query' | 'mutation';
  name: string;
  document: string;
  args: readonly GraphQLArgument[];
}

/** Real ids found in the database, by table, so that inputs get past NOT_FOUND. */
export type IdPool = Map<string, string[]>;

/**
 * Every query and mutation of the schema, each selecting only `__typename`
 * of its result (the resolver runs in full; no nested field adds work).
 * Subscriptions are left out: they do not answer over HTTP.
 */
export function operationsOf(schema: GraphQLSchema): FuzzOperation[] {
  const out: FuzzOperation[] = [];
  for (const kind of ['query', 'mutation'] as const) {
    const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
    if (!root) continue;
    for (const field of Object.values(root.getFields()) as GraphQLField<unknown, unknown>[]) {
      const defs = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const named = getNamedType(field.type);
      const selection = isObjectType(named) || !isScalarType(named) ? ' { __typename }' : '';
      const document =
        `${kind} Fuzz${defs ? `(${defs})` : ''} ` +
        `{ ${field.name}${call ? `(${call})` : ''}${isEnumType(named) ? '' : selection} }`;
      out.push({ kind, name: field.name, document, args: field.args });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

// ---- hostile and boundary values -------------------------------------------------

const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', 'a\uD83Db', '\uDE00x'];
const CONTROL = ['\u0000', 'a\u0000b', '\u0001', '\u0007', '\u001B[31m', '\u007F', '\u0085'];
const BIDI = ['\u202Egnp.exe', 'abc\u200F', '\u2066x\u2069', 'שלום', 'مرحبا'];
const EMOJI = ['🚲', '👩‍👩‍👧‍👦', '🏳️‍🌈', '🇫🇷', 'e\u0301', '\uFEFF', '\u200B'];
const BLANK = ['', ' ', '   ', '\t', '\n', '\r\n', '\u00A0', '\u3000'];
const NUMERIC = ['NaN', 'Infinity', '-Infinity', '-1', '0', '1e309', '0x10', '1.5', ' 1'];
const MALFORMED_IDS = [
  '',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '123',
  '../../etc/passwd',
  "'; DROP TABLE users; --",
  '%00',
  'g0000000-0000-4000-8000-000000000000',
  '{00000000-0000-4000-8000-000000000000}',
];
const PLAIN = [
  'Bike sharing',
  'react',
  'USD',
  'usd',
  'EUR',
  'UTC',
  'AC1',
  'T1',
  'F1',
  'https://example.com/pr/1',
  'fuzz@example.com',
  'correct horse battery staple',
  'A reason that is long enough to pass',
];

function overlong(): fc.Arbitrary<string> {
  return fc
    .constantFrom(61, 81, 101, 121, 201, 255, 501, 2001, 5001, 10_001, 20_000)
    .chain((n) => fc.constantFrom('x'.repeat(n), ' '.repeat(n), '🚲'.repeat(Math.ceil(n / 2))));
}

function hostileText(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...PLAIN) },
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 2, arbitrary: fc.constantFrom(...LONE_SURROGATES, ...CONTROL) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...PLAIN), fc.constantFrom(...CONTROL, ...LONE_SURROGATES))
        .map(([a, b]) => `${a}${b}`),
    },
    { weight: 1, arbitrary: fc.constantFrom(...BIDI, ...EMOJI) },
    { weight: 2, arbitrary: fc.constantFrom(...BLANK) },
    { weight: 1, arbitrary: fc.constantFrom(...NUMERIC) },
    { weight: 1, arbitrary: overlong() },
  );
}

function intValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: -2, max: 10 }) },
    { weight: 2, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        0,
        1,
        -1,
        100,
        101,
        1000,
        2 ** 31 - 1,
        -(2 ** 31),
        2 ** 31,
        Number.MAX_SAFE_INTEGER,
        1.5,
        -0.5,
        '3',
        'NaN',
        true,
      ),
    },
  );
}

function floatValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.double({ min: -10, max: 100, noNaN: true }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(0, -0, 0.5, 1, 8, 8.01, 1e-9, 1e15, 1e308, -1e308, '1', 'NaN'),
    },
  );
}

function dateValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc
      .integer({ min: -400, max: 4000 })
      .map((days) => new Date(Date.now() + days * 86_400_000).toISOString()),
    fc.constantFrom(
      '2001-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '0000-01-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      'yesterday',
      '',
      '1700000000',
      '2026-13-01',
    ),
  );
}

/** `projectId` → projects, `reviewerId` → users, `offerId` → task_offers… */
function tableFor(name: string, pool: IdPool): string | undefined {
  const stem = name
    .replace(/Ids?$/, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
  if (['user', 'freelancer', 'reviewer', 'account_owner', 'owner'].includes(stem)) return 'users';
  if (stem === 'run') return 'planning_runs';
  const tables = [...pool.keys()];
  return (
    tables.find((t) => t === `${stem}s`) ??
    tables.find((t) => t.endsWith(`_${stem}s`)) ??
    tables.find((t) => t.startsWith(stem))
  );
}

function idValue(name: string, pool: IdPool): fc.Arbitrary<string> {
  const all = [...pool.values()].flat();
  const table = tableFor(name, pool);
  const likely = table ? (pool.get(table) ?? []) : [];
  const options: { weight: number; arbitrary: fc.Arbitrary<string> }[] = [
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_IDS) },
    { weight: 1, arbitrary: hostileText() },
  ];
  if (likely.length) options.push({ weight: 6, arbitrary: fc.constantFrom(...likely) });
  if (all.length) options.push({ weight: 2, arbitrary: fc.constantFrom(...all) });
  return fc.oneof(...options);
}

/** Values of a named type: mostly valid-looking, often boundary, sometimes hostile. */
function namedValue(
  type: GraphQLNamedType,
  name: string,
  pool: IdPool,
  extra: ExtraValues,
  depth: number,
): fc.Arbitrary<unknown> {
  const known = extra(name);
  const base = baseValue(type, name, pool, extra, depth);
  return known?.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 2, arbitrary: base })
    : base;
}

function baseValue(
  type: GraphQLNamedType,
  name: string,
  pool: IdPool,
  extra: ExtraValues,
  depth: number,
): fc.Arbitrary<unknown> {
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...values) },
      { weight: 1, arbitrary: fc.constantFrom('NOT_A_VALUE', values[0].toLowerCase(), '', 0) },
    );
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant({});
    const fields = Object.values(type.getFields());
    const entries: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) entries[f.name] = inputValue(f.type, f.name, pool, extra, depth + 1);
    const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    const record = fc.record(entries, { requiredKeys: required.map((f) => f.name) });
    return fc.oneof(
      { weight: 12, arbitrary: record },
      { weight: 1, arbitrary: fc.record(entries) },
      {
        weight: 1,
        arbitrary: record.map((r) => ({ ...(r as object), unknownField: 'x' })),
      },
    );
  }
  switch (type.name) {
    case 'Int':
      return intValue();
    case 'Float':
      return floatValue();
    case 'Boolean':
      return fc.oneof(
        { weight: 9, arbitrary: fc.boolean() },
        { weight: 1, arbitrary: fc.constant('true') },
      );
    case 'ID':
      return idValue(name, pool);
    case 'DateTime':
      return dateValue();
    default:
      return /Ids?$/.test(name) ? idValue(name, pool) : hostileText();
  }
}

/** Known-good values for some fields (e.g. a real task key), by field or argument name. */
export type ExtraValues = (name: string) => readonly unknown[] | undefined;

export function inputValue(
  type: GraphQLInputType,
  name: string,
  pool: IdPool,
  extra: ExtraValues,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    const inner = inputValue(type.ofType, name, pool, extra, depth);
    return fc.oneof({ weight: 40, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) });
  }
  if (isListType(type)) {
    const element = inputValue(type.ofType, name, pool, extra, depth);
    return fc.oneof(
      { weight: 10, arbitrary: fc.array(element, { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.constant([]) },
      // A long list of one value: as long as the value is cheap, the list is the test.
      {
        weight: 1,
        arbitrary: fc
          .tuple(element, fc.constantFrom(21, 51, 101, 501, 2000))
          .map(([v, n]) => Array.from({ length: n }, () => v)),
      },
      { weight: 1, arbitrary: element },
    );
  }
  const value = namedValue(type, name, pool, extra, depth);
  return fc.oneof({ weight: 30, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
}

/** The variables of an operation: one value per argument, some left out. */
export function variablesOf(
  op: FuzzOperation,
  pool: IdPool,
  extra: ExtraValues,
): fc.Arbitrary<Record<string, unknown>> {
  const entries: Record<string, fc.Arbitrary<unknown>> = {};
  for (const arg of op.args) entries[arg.name] = inputValue(arg.type, arg.name, pool, extra);
  const required = op.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  return fc.record(entries, { requiredKeys: required.map((a) => a.name) });
}

// ---- the database before and after --------------------------------------------------

/** Tables whose rows a refused request may legitimately touch (queue and bookkeeping). */
const NOT_FINGERPRINTED = new Set(['migrations', 'job_queue', 'jobs', 'outbox_events']);

/** Up to a few ids of every table with a uuid `id` column. */
export async function idPool(dataSource: DataSource): Promise<IdPool> {
  const tables = await dataSource.query<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'uuid'
      ORDER BY table_name`,
  );
  const pool: IdPool = new Map();
  for (const { table_name } of tables) {
    const rows = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM "${table_name}" ORDER BY id LIMIT 5`,
    );
    if (rows.length)
      pool.set(
        table_name,
        rows.map((r) => r.id),
      );
  }
  return pool;
}

/**
 * A fingerprint of every table: its row count and, where it has one, its
 * latest `updated_at`. One statement, so that it is cheap to take around
 * each refused mutation.
 */
export async function fingerprintQuery(dataSource: DataSource): Promise<string> {
  const tables = await dataSource.query<{ table_name: string; has_updated: boolean }[]>(
    `SELECT t.table_name,
            EXISTS (SELECT 1 FROM information_schema.columns c
                     WHERE c.table_schema = 'public' AND c.table_name = t.table_name
                       AND c.column_name = 'updated_at') AS has_updated
       FROM information_schema.tables t
      WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY t.table_name`,
  );
  const parts = tables
    .filter((t) => !NOT_FINGERPRINTED.has(t.table_name))
    .map(
      (t) =>
        `SELECT '${t.table_name}' AS t, count(*)::text || ':' || ${
          t.has_updated ? `coalesce(max(updated_at)::text, '-')` : `'-'`
        } AS v FROM "${t.table_name}"`,
    );
  return `SELECT string_agg(t || '=' || v, ',' ORDER BY t) AS fingerprint FROM (${parts.join(
    ' UNION ALL ',
  )}) f`;
}

export async function fingerprint(dataSource: DataSource, query: string): Promise<string> {
  const [row] = await dataSource.query<{ fingerprint: string }[]>(query);
  return row.fingerprint;
}

/** What differs between two fingerprints, e.g. `projects=3:…→4:…`. */
export function fingerprintDiff(before: string, after: string): string {
  const a = new Map(before.split(',').map((p) => p.split('=') as [string, string]));
  return after
    .split(',')
    .map((p) => p.split('=') as [string, string])
    .filter(([t, v]) => a.get(t) !== v)
    .map(([t, v]) => `${t}=${a.get(t)}→${v}`)
    .join(', ');
}
