import { DataSource } from 'typeorm';
import { DomainEvents } from '@splitwork/database';
import { TaskBoardService, TaskTransitioned } from '@splitwork/marketplace';
import { DEFAULT_CLAIM_POLICY } from '@splitwork/marketplace-core';
import { ErrorCode, Role } from '@splitwork/kernel';
import { ApiHarness, startApi, TestUser } from './api-harness';
import {
  BoardTask,
  countStatements,
  fundedProject,
  logIn,
  qualifiedFreelancer,
} from './market-fixtures';

jest.setTimeout(600_000);

const CLAIM = `mutation($input: TaskRefInput!) { claimTask(input: $input) { id status assigneeId } }`;

interface ClaimAnswer {
  httpStatus: number;
  winner: boolean;
  code: string | undefined;
}

/** A real HTTP request to the API, as a client would send it. */
async function claimOverHttp(api: ApiHarness, taskId: string, token: string): Promise<ClaimAnswer> {
  const res = await fetch(`${api.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: CLAIM, variables: { input: { taskId } } }),
  });
  const body = (await res.json()) as {
    data?: { claimTask: { status: string } } | null;
    errors?: { extensions?: { code?: string } }[];
  };
  return {
    httpStatus: res.status,
    winner: body.data?.claimTask?.status === 'CLAIMED' && !body.errors,
    code: body.errors?.[0]?.extensions?.code,
  };
}

async function inBatches<T, R>(items: readonly T[], size: number, fn: (t: T) => Promise<R>) {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  }
  return out;
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe('marketplace under concurrent claims', () => {
  let api: ApiHarness;
  let db: DataSource;
  const openTasks: BoardTask[] = [];
  let projectIds: string[] = [];

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    const owner = await api.newUser(undefined, 'Olivia Owner');
    while (openTasks.length < 22) {
      const { projectId, tasks } = await fundedProject(api, {
        owner,
        title: `Books ${projectIds.length}`,
        expert: false,
      });
      projectIds = [...projectIds, projectId];
      openTasks.push(...tasks.filter((t) => t.status === 'OPEN'));
    }
  });
  afterAll(() => api?.close());

  it('gives one task to exactly one of 100 freelancers claiming it at once over HTTP', async () => {
    const task = openTasks[0];
    const freelancers = await inBatches(Array.from({ length: 100 }), 10, () =>
      qualifiedFreelancer(api, [task]),
    );
    const answers = await Promise.all(freelancers.map((f) => claimOverHttp(api, task.id, f.token)));

    expect(answers.filter((a) => a.httpStatus >= 500)).toEqual([]);
    const winners = answers.filter((a) => a.winner);
    expect(winners).toHaveLength(1);
    const losers = answers.filter((a) => !a.winner);
    expect(losers).toHaveLength(99);
    for (const loser of losers) {
      expect([ErrorCode.CONFLICT, ErrorCode.INVALID_TRANSITION]).toContain(loser.code);
    }
    const winner = freelancers[answers.findIndex((a) => a.winner)];
    const [row] = await db.query<{ status: string; assignee_id: string }[]>(
      `SELECT status, assignee_id FROM marketplace_tasks WHERE id = $1`,
      [task.id],
    );
    expect(row).toEqual({ status: 'CLAIMED', assignee_id: winner.id });
  });

  it('keeps every task to one holder and every freelancer within the claim limit (60 × 20, random order)', async () => {
    const tasks = openTasks.slice(1, 21);
    const freelancers: TestUser[] = await inBatches(Array.from({ length: 60 }), 10, () =>
      qualifiedFreelancer(api, tasks, { weeklyHours: 40 }),
    );
    const attempts = shuffled(
      freelancers.flatMap((f) => tasks.map((t) => ({ freelancer: f, task: t }))),
    );
    const answers = await inBatches(attempts, 200, async (a) => ({
      ...a,
      answer: await claimOverHttp(api, a.task.id, a.freelancer.token),
    }));

    expect(answers.filter((a) => a.answer.httpStatus >= 500)).toEqual([]);
    for (const { answer } of answers.filter((a) => !a.answer.winner)) {
      expect([ErrorCode.CONFLICT, ErrorCode.INVALID_TRANSITION, ErrorCode.FORBIDDEN]).toContain(
        answer.code,
      );
    }
    const won = answers.filter((a) => a.answer.winner);
    // Each task won at most once (every one of them is won: 60 freelancers × limit ≥ 20 tasks).
    expect(new Set(won.map((w) => w.task.id)).size).toBe(won.length);
    expect(won).toHaveLength(tasks.length);
    const perFreelancer = new Map<string, number>();
    for (const w of won)
      perFreelancer.set(w.freelancer.id, (perFreelancer.get(w.freelancer.id) ?? 0) + 1);
    expect(Math.max(...perFreelancer.values())).toBeLessThanOrEqual(
      DEFAULT_CLAIM_POLICY.maxActiveClaims,
    );

    const rows = await db.query<{ id: string; status: string; assignee_id: string | null }[]>(
      `SELECT id, status, assignee_id FROM marketplace_tasks WHERE id = ANY($1::uuid[])`,
      [tasks.map((t) => t.id)],
    );
    const answered = new Map(won.map((w) => [w.task.id, w.freelancer.id]));
    for (const row of rows) {
      expect(row.status).toBe('CLAIMED');
      expect(row.assignee_id).toBe(answered.get(row.id));
    }
    const [overLimit] = await db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM (SELECT assignee_id FROM marketplace_tasks
         WHERE status = 'CLAIMED' GROUP BY assignee_id HAVING count(*) > $1) x`,
      [DEFAULT_CLAIM_POLICY.maxActiveClaims],
    );
    expect(Number(overLimit.n)).toBe(0);
  });

  it('reads the claim gate again when the task changed while the claim waited for its lock', async () => {
    // The claim's lock statement reads the gate with it; a claim that waited
    // for the lock of the claim expiry would read the cool-down from before
    // the expiry wrote it. Here the expiry holds the lock (its transition
    // step waits) while the expired freelancer claims again.
    const task = openTasks[21];
    const freelancer = await qualifiedFreelancer(api, [task]);
    const { claimTask } = await api.gql.ok<{ claimTask: { claimDeadline: string } }>(
      `mutation($input: TaskRefInput!) { claimTask(input: $input) { claimDeadline } }`,
      { input: { taskId: task.id } },
      freelancer.token,
    );
    let expiryHoldsTheLock!: () => void;
    const holding = new Promise<void>((resolve) => (expiryHoldsTheLock = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    api.app.get(DomainEvents).on(TaskTransitioned, async ({ task: moved, to }) => {
      if (moved.id !== task.id || to.status !== 'OPEN') return;
      expiryHoldsTheLock();
      await released;
    });
    const now = api.clock.now();
    api.clock.set(new Date(new Date(claimTask.claimDeadline).getTime() + 1000));
    try {
      const token = await logIn(api, freelancer);
      const expiry = api.app.get(TaskBoardService).expireClaim(task.id);
      await holding;
      const reclaim = claimOverHttp(api, task.id, token);
      // On a server the claim's statement now waits for the row lock.
      await new Promise((resolve) => setTimeout(resolve, 500));
      release();
      await expiry;
      const answer = await reclaim;
      expect(answer.winner).toBe(false);
      expect(answer.code).toBe(ErrorCode.FORBIDDEN);
      const [row] = await db.query<{ status: string; assignee_id: string | null }[]>(
        `SELECT status, assignee_id FROM marketplace_tasks WHERE id = $1`,
        [task.id],
      );
      expect(row).toEqual({ status: 'OPEN', assignee_id: null });
    } finally {
      release();
      api.clock.set(now);
    }
  });

  /** Open tasks of a newly funded project: tasks no other test here touches. */
  async function freshOpenTasks(count: number): Promise<BoardTask[]> {
    const tasks: BoardTask[] = [];
    while (tasks.length < count) {
      const { tasks: made } = await fundedProject(api, {
        owner: await api.newUser(undefined, 'Oscar Owner'),
        title: `Shop ${tasks.length}`,
        expert: false,
      });
      tasks.push(...made.filter((t) => t.status === 'OPEN'));
    }
    return tasks.slice(0, count);
  }

  it('lets one freelancer claiming 8 tasks at once over HTTP win exactly the claim limit', async () => {
    const tasks = await freshOpenTasks(8);
    const freelancer = await qualifiedFreelancer(api, tasks, { weeklyHours: 80 });
    const answers = await Promise.all(tasks.map((t) => claimOverHttp(api, t.id, freelancer.token)));

    expect(answers.filter((a) => a.httpStatus >= 500)).toEqual([]);
    expect(answers.filter((a) => a.winner)).toHaveLength(DEFAULT_CLAIM_POLICY.maxActiveClaims);
    // The claim limit's refusal: CONFLICT (it lifts once a claim ends).
    for (const loser of answers.filter((a) => !a.winner))
      expect(loser.code).toBe(ErrorCode.CONFLICT);
    const [{ n }] = await db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM marketplace_tasks WHERE status = 'CLAIMED' AND assignee_id = $1`,
      [freelancer.id],
    );
    expect(Number(n)).toBe(DEFAULT_CLAIM_POLICY.maxActiveClaims);
  });

  it('writes claims made at the same moment in one transaction, deciding each alone', async () => {
    const tasks = await freshOpenTasks(3);
    const freelancers = await inBatches(Array.from({ length: 4 }), 4, () =>
      qualifiedFreelancer(api, tasks),
    );
    const board = api.app.get(TaskBoardService);
    const missing = '00000000-0000-4000-8000-000000000000';
    const claims = [
      { freelancer: freelancers[0], taskId: tasks[0].id },
      { freelancer: freelancers[1], taskId: tasks[1].id },
      // Won earlier in the same batch.
      { freelancer: freelancers[2], taskId: tasks[0].id },
      { freelancer: freelancers[3], taskId: missing },
      { freelancer: freelancers[3], taskId: tasks[2].id },
    ];
    let outcomes: PromiseSettledResult<{ assigneeId: string | null }>[] = [];
    const statements = await countStatements(
      api,
      async () => {
        outcomes = await Promise.allSettled(
          claims.map((c) =>
            board.claim({ id: c.freelancer.id, roles: [Role.FREELANCER] }, c.taskId),
          ),
        );
      },
      { jobs: true },
    );

    const codeOf = (o: PromiseSettledResult<unknown>) =>
      o.status === 'rejected' ? (o.reason as { code?: string }).code : 'WON';
    expect(outcomes.map(codeOf)).toEqual([
      'WON',
      'WON',
      ErrorCode.CONFLICT,
      ErrorCode.NOT_FOUND,
      'WON',
    ]);
    const rows = await db.query<{ id: string; assignee_id: string }[]>(
      `SELECT id, assignee_id FROM marketplace_tasks WHERE id = ANY($1::uuid[])`,
      [tasks.map((t) => t.id)],
    );
    expect(new Map(rows.map((r) => [r.id, r.assignee_id]))).toEqual(
      new Map([
        [tasks[0].id, freelancers[0].id],
        [tasks[1].id, freelancers[1].id],
        [tasks[2].id, freelancers[3].id],
      ]),
    );
    // One transaction for all five: the lock and gates, one UPDATE, one job write.
    expect(statements.filter((q) => /^START TRANSACTION/.test(q))).toHaveLength(1);
    expect(statements.filter((q) => /FOR UPDATE OF t/.test(q))).toHaveLength(1);
    expect(statements.filter((q) => /^\s*UPDATE marketplace_tasks/.test(q))).toHaveLength(1);
    expect(statements.filter((q) => /^COMMIT/.test(q))).toHaveLength(1);
  });

  it('sends as many SQL statements for a page of 100 as for a page of 10', async () => {
    const viewer = await qualifiedFreelancer(api, openTasks);
    const query = `query($first: Int!) { openTasks(first: $first, sort: PRICE_DESC) {
      edges { node { id title project { title platforms } owner { displayName } dependencies { id title status } } }
    } }`;
    // Enough tasks for a page of 100, blocked ones with dependencies included.
    await db.query(
      `UPDATE marketplace_tasks SET status = 'OPEN' WHERE project_id = ANY($1::uuid[])`,
      [projectIds],
    );
    const [{ n }] = await db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM marketplace_tasks WHERE status = 'OPEN'`,
    );
    expect(Number(n)).toBeGreaterThan(10);
    let small = 0;
    let large = 0;
    const tenStatements = await countStatements(api, async () => {
      const data = await api.gql.ok<{ openTasks: { edges: unknown[] } }>(
        query,
        { first: 10 },
        viewer.token,
      );
      small = data.openTasks.edges.length;
    });
    const hundredStatements = await countStatements(api, async () => {
      const data = await api.gql.ok<{ openTasks: { edges: unknown[] } }>(
        query,
        { first: 100 },
        viewer.token,
      );
      large = data.openTasks.edges.length;
    });
    expect(small).toBe(10);
    expect(large).toBeGreaterThan(small);
    expect(hundredStatements.length).toBe(tenStatements.length);
    expect(tenStatements.length).toBeLessThanOrEqual(6);
  });
});
