import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { errorCodes, GraphQLResponse } from '@splitwork/test-support';
import { ApiHarness, startApi } from './api-harness';
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
    // Let the subscription reach the server, then make the stream produce its first event.
    await new Promise((r) => setTimeout(r, 200));
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

describe('authorization matrix: every operation against every role', () => {
  let api: ApiHarness;
  let world: AuthzWorld;

  beforeAll(async () => {
    api = await startApi();
    world = await buildAuthzWorld(api);
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
});
