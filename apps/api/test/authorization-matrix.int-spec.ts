import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { errorCodes, GraphQLResponse } from '@splitwork/test-support';
import { DataSource } from 'typeorm';
import { ApiHarness, startApi } from './api-harness';
import { committedSchema, takesId, withUnknownIds } from './authorization-ids';
import {
  AuthzWorld,
  MatrixRow,
  MATRIX,
  Outcome,
  passesAuthorization,
  RoleName,
  ROLES,
} from './authorization-matrix';
import { buildAuthzWorld } from './authorization-world';
import { rescanAfterWrites } from './rescan-after-writes';

interface Result {
  data?: Record<string, unknown> | null;
  codes: (string | undefined)[];
}

/** Asserts one cell: ALLOW = no error and the field answered; otherwise exactly the expected code. */
function expectOutcome(
  row: MatrixRow,
  result: Result,
  outcome: Outcome,
  context: { world: AuthzWorld; role: RoleName; variables: Record<string, unknown> },
): void {
  const { world, role, variables } = context;
  const seen = { codes: result.codes, answered: result.data?.[row.operation] !== undefined };
  if (outcome === 'ALLOW') {
    expect(seen).toEqual({ codes: [], answered: true });
    row.check?.(result.data?.[row.operation], world, role, variables);
    return;
  }
  const code = outcome.startsWith('ALLOW_BUSINESS_ERROR:')
    ? outcome.slice('ALLOW_BUSINESS_ERROR:'.length)
    : outcome;
  expect(seen.codes).toEqual([code]);
  expect(result.data?.[row.operation] ?? null).toBeNull();
}

function fromHttp(res: GraphQLResponse): Result {
  // A refusal is an error the client caused or may not know about, never a 500.
  expect(res.status).toBeLessThan(500);
  return { data: res.data, codes: errorCodes(res) };
}

/** Subscribes over graphql-ws and waits for the first event or error. */
async function subscribeOnce(
  api: ApiHarness,
  world: AuthzWorld,
  row: MatrixRow,
  variables: Record<string, unknown>,
  token: string | undefined,
): Promise<Result> {
  const client = createClient({
    url: api.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    let settled = false;
    const first = new Promise<Result>((resolve) => {
      const settle = (r: Result) => {
        settled = true;
        resolve(r);
      };
      client.subscribe(
        { query: row.document, variables },
        {
          next: (result) =>
            settle({
              data: result.data,
              codes: (result.errors ?? []).map((e) => e.extensions?.code as string | undefined),
            }),
          error: (error: unknown) =>
            settle({
              codes: Array.isArray(error)
                ? (error as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code)
                : [`closed: ${(error as { reason?: string }).reason ?? String(error)}`],
            }),
          complete: () => settle({ codes: ['completed without an event'] }),
        },
      );
    });
    // Let the subscription reach the server, then make the stream produce its first event;
    // a refusal (or an event) that comes sooner ends the wait.
    await Promise.race([first, new Promise((r) => setTimeout(r, 200))]);
    if (!settled && row.trigger) await row.trigger(world);
    const timeout = new Promise<Result>((resolve) => {
      timer = setTimeout(() => resolve({ codes: ['no event within 5 s'] }), 5000);
    });
    return await Promise.race([first, timeout]);
  } finally {
    clearTimeout(timer);
    await client.dispose();
  }
}

/**
 * A fingerprint of everything stored: per table, its row count and the
 * newest row version (xmin), so an insert, an update or a delete anywhere
 * changes it. Tables that a refused request legitimately writes are left out,
 * each with its reason.
 */
const WRITTEN_BY_ANY_REQUEST: Record<string, string> = {};

async function storedState(db: DataSource): Promise<Record<string, string>> {
  const tables = (
    await db.query<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
    )
  )
    .map((t) => t.name)
    .filter((name) => !(name in WRITTEN_BY_ANY_REQUEST));
  const rows = await db.query<{ name: string; state: string }[]>(
    tables
      .map(
        (name) =>
          `SELECT '${name}' AS name, count(*) || ':' || coalesce(max(xmin::text::bigint), 0) AS state FROM "${name}"`,
      )
      .join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.state]));
}

/** The roles the matrix world puts in the target's work (its owner, assignee and reviewer). */
const INSIDERS: ReadonlySet<RoleName> = new Set<RoleName>(['owner', 'assignee', 'reviewer']);

describe('authorization matrix: every operation against every role', () => {
  let api: ApiHarness;
  let world: AuthzWorld;
  /** storedState, scanned again only once something has been written. */
  let currentState: () => Promise<Record<string, string>>;

  beforeAll(async () => {
    api = await startApi();
    world = await buildAuthzWorld(api);
    const db = api.app.get(DataSource);
    currentState = rescanAfterWrites(db, () => storedState(db));
  }, 120_000);
  afterAll(() => api?.close());

  describe.each(MATRIX.map((row) => [`${row.kind} ${row.operation}`, row] as const))(
    '%s',
    (_label, row) => {
      it.each(ROLES.map((role) => [role, row.expected[role]] as [RoleName, Outcome]))(
        '%s: %s',
        async (role, outcome) => {
          const cell = { role, fresh: passesAuthorization(outcome) };
          const variables = await row.variables(world, cell);
          const token = role === 'anonymous' ? undefined : world.users[role].token;
          const result =
            row.kind === 'subscription'
              ? await subscribeOnce(api, world, row, variables, token)
              : fromHttp(await api.gql.request(row.document, variables, token));
          expectOutcome(row, result, outcome, { world, role, variables });
        },
      );
    },
  );

  // One access policy: for an operation that takes an id, whoever is refused (not an admin,
  // who may see everything) gets the same answer for an id that names nothing, so the answer
  // cannot tell that the object exists; and the refused call writes nothing.
  const schema = committedSchema();
  const idRows = MATRIX.filter((row) => takesId(schema, row.kind, row.operation));
  describe.each(idRows.map((row) => [`${row.kind} ${row.operation}`, row] as const))(
    'no leak: %s',
    (_label, row) => {
      const refused = ROLES.filter(
        (role) => role !== 'admin' && !passesAuthorization(row.expected[role]),
      );
      if (refused.length === 0) return;
      it.each(refused.map((role) => [role, row.expected[role]] as [RoleName, Outcome]))(
        '%s: %s for its id and for an unknown id, nothing written',
        async (role, outcome) => {
          const variables = await row.variables(world, { role, fresh: false });
          const token = role === 'anonymous' ? undefined : world.users[role].token;
          const call = async (v: Record<string, unknown>): Promise<Result> =>
            row.kind === 'subscription'
              ? subscribeOnce(api, world, { ...row, trigger: undefined }, v, token)
              : fromHttp(await api.gql.request(row.document, v, token));
          const before = await currentState();
          const known = await call(variables);
          expect(await currentState()).toEqual(before);
          const unknown = await call(withUnknownIds(schema, row, variables));
          // The world's owner, assignee and reviewer are in the target's work: they may
          // learn it exists, so a refusal of what they may see (FORBIDDEN) becomes
          // NOT_FOUND for an id that does not exist. Everyone else gets one answer.
          const unknownOutcome =
            outcome === 'FORBIDDEN' && INSIDERS.has(role) && unknown.codes[0] === 'NOT_FOUND'
              ? 'NOT_FOUND'
              : outcome;
          expect({ known: known.codes, unknown: unknown.codes }).toEqual({
            known: [outcome],
            unknown: [unknownOutcome],
          });
        },
      );
    },
  );
});
