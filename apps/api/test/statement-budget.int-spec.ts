import { DataSource } from 'typeorm';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import { BoardTask, countStatements, fundedProject, qualifiedFreelancer } from './market-fixtures';

jest.setTimeout(300_000);

/**
 * The CI guard of the hot read paths: SQL statements per request, counted at
 * the pg client (not timed). The feed and myTasks are one statement whatever
 * the page size and selection (project, owner and dependencies included), as
 * are the review queue (the reviewer role as the database says included) and
 * the notifications inbox. A resolver that starts loading per row, or a
 * page that splits into more statements, fails here.
 */

const TASK_FIELDS = `id projectId key title description acceptanceCriteria skills { skill minLevel }
  platform estimate { optimistic likely pessimistic } price { amountCents currency } dependsOn
  status assigneeId claimDeadline revision`;

const FEED = `query($first: Int!) { openTasks(first: $first, sort: OLDEST) {
  edges { cursor node { ${TASK_FIELDS}
    project { id title platforms currency deadline } owner { id displayName }
    dependencies { id key title status } } }
  pageInfo { hasNextPage endCursor }
} }`;

const MY_TASKS = `query($first: Int!) { myTasks(first: $first) {
  edges { node { id title status project { title } owner { displayName } dependencies { id } } }
} }`;

const REVIEW_QUEUE = `query($first: Int!) { reviewQueue(first: $first) {
  edges { node { id title status project { title } owner { displayName } dependencies { id } } }
} }`;

const INBOX = `query($first: Int!) { notifications(first: $first) {
  edges { cursor node { id kind subject body read readAt createdAt } }
  pageInfo { hasNextPage endCursor }
} }`;

interface Edges {
  edges: { node: { id: string } }[];
}

interface Paged extends Edges {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('SQL statements per request on the hot read paths', () => {
  let api: ApiHarness;
  let reviewer: TestUser;
  let freelancer: TestUser;
  let open: BoardTask[];
  let projectIds: Set<string>;
  const claimedHere = new Set<string>();

  beforeAll(async () => {
    api = await startApi({ MAX_ACTIVE_CLAIMS: '20' });
    const owner = await api.factory.user([Role.OWNER], 'Olga Owner');
    reviewer = await api.factory.user([Role.REVIEWER], 'Rex Reviewer');
    const projects = [];
    for (let i = 0; i < 3; i++) {
      projects.push(await fundedProject(api, { owner, reviewer, title: `Budget club ${i}` }));
    }
    open = projects.flatMap((p) => p.tasks).filter((t) => t.status === 'OPEN');
    projectIds = new Set(projects.map((p) => p.projectId));
    freelancer = await qualifiedFreelancer(api, open, { weeklyHours: 80 });
  });
  afterAll(() => api?.close());

  async function statementsOf(document: string, first: number, who: TestUser, field: string) {
    let rows = 0;
    const statements = await countStatements(api, async () => {
      const data = await api.gql.ok<Record<string, Edges>>(document, { first }, who.token);
      rows = data[field].edges.length;
    });
    return { statements, rows };
  }

  it('answers the feed, with project, owner and dependencies, in one statement at page 2 and at page 100', async () => {
    const small = await statementsOf(FEED, 2, freelancer, 'openTasks');
    const large = await statementsOf(FEED, 100, freelancer, 'openTasks');
    expect(small.rows).toBe(2);
    // Other files' tasks may share the database: at least this file's.
    expect(large.rows).toBeGreaterThanOrEqual(open.length);
    expect(large.rows).toBeGreaterThan(small.rows);
    expect(small.statements).toHaveLength(1);
    expect(large.statements).toHaveLength(1);
  });

  const CLAIM = `mutation($input: TaskRefInput!) { claimTask(input: $input) { id status } }`;
  const isJobWrite = (q: string) => /INSERT INTO job_queue|graphile_worker\.add_job/i.test(q);
  const isJobKeyRelease = (q: string) => /UPDATE job_queue SET job_key = NULL/i.test(q);

  async function unclaimedTask(): Promise<string> {
    const feed = await api.gql.ok<{ openTasks: Edges }>(
      `query { openTasks(first: 100, sort: NEWEST) { edges { node { id } } } }`,
      {},
      freelancer.token,
    );
    const taskId = feed.openTasks.edges.map((e) => e.node.id).find((id) => !claimedHere.has(id))!;
    claimedHere.add(taskId);
    return taskId;
  }

  it('wins a claim in one round trip for the lock and the whole gate, one UPDATE and one job write', async () => {
    const taskId = await unclaimedTask();
    let status = '';
    const all = await countStatements(
      api,
      async () => {
        const data = await api.gql.ok<{ claimTask: { status: string } }>(
          CLAIM,
          { input: { taskId } },
          freelancer.token,
        );
        status = data.claimTask.status;
      },
      { jobs: true },
    );
    expect(status).toBe('CLAIMED');
    // The embedded queue first frees the key of a running job with the same key (none here).
    const statements = all.filter((q) => !isJobKeyRelease(q));
    expect(statements.map((q) => q.replace(/\s+/g, ' ').trim().slice(0, 60))).toHaveLength(5);
    const [begin, lock, update, jobs, commit] = statements;
    expect(begin).toMatch(/^START TRANSACTION/);
    // The task row, locked, with the gate (profile, cool-down, organizations, active claims, pool, reviewers).
    expect(lock).toMatch(/FROM marketplace_tasks t[\s\S]*FOR UPDATE OF t/);
    for (const table of [
      'claim_cooldowns',
      'organization_members',
      'project_talent_pools',
      'freelancer_profiles',
      'project_pool_members',
      'project_reviewers',
      'projects',
    ]) {
      expect(lock).toContain(table);
    }
    expect(update).toMatch(/^\s*UPDATE marketplace_tasks/);
    // The claim's expiry and its deadline reminder, in one statement just before the commit.
    expect(isJobWrite(jobs)).toBe(true);
    expect(commit).toMatch(/^COMMIT/);
    expect(all.filter(isJobKeyRelease).length).toBeLessThanOrEqual(1);
  });

  it('refuses a claim on a claimed task after its lock, reading nothing more', async () => {
    const taskId = await unclaimedTask();
    await api.gql.ok(CLAIM, { input: { taskId } }, freelancer.token);
    const rival = await qualifiedFreelancer(api, open, { weeklyHours: 80 });
    let code: string | undefined;
    const statements = await countStatements(
      api,
      async () => {
        const res = await api.gql.request(CLAIM, { input: { taskId } }, rival.token);
        code = res.errors?.[0]?.extensions?.code;
      },
      { jobs: true },
    );
    expect(code).toBe('CONFLICT');
    expect(statements).toHaveLength(3);
    expect(statements[0]).toMatch(/^START TRANSACTION/);
    expect(statements[1]).toMatch(/FOR UPDATE OF t/);
    expect(statements[2]).toMatch(/^ROLLBACK/);
  });

  it('answers myTasks and the review queue (role check included) in one statement at page 2 and at page 100', async () => {
    // Tasks claimed and submitted through the API, found through the feed.
    const taken: string[] = [];
    for (const projectId of projectIds) {
      const feed = await api.gql.ok<{ openTasks: Edges }>(
        `query($projectId: ID) { openTasks(first: 100, projectId: $projectId) { edges { node { id } } } }`,
        { projectId },
        freelancer.token,
      );
      taken.push(...feed.openTasks.edges.map((e) => e.node.id));
    }
    taken.splice(8);
    for (const taskId of taken) {
      await api.gql.ok(
        `mutation($input: TaskRefInput!) { claimTask(input: $input) { id } }`,
        { input: { taskId } },
        freelancer.token,
      );
    }
    for (const taskId of taken.slice(0, 6)) {
      await api.gql.ok(
        `mutation($input: SubmitTaskInput!) { submitTask(input: $input) { revision } }`,
        {
          input: {
            taskId,
            links: ['https://github.com/acme/books/pull/1'],
            notes: '',
            hoursSpent: 2,
          },
        },
        freelancer.token,
      );
    }

    const mySmall = await statementsOf(MY_TASKS, 2, freelancer, 'myTasks');
    const myLarge = await statementsOf(MY_TASKS, 100, freelancer, 'myTasks');
    expect(myLarge.rows).toBeGreaterThan(mySmall.rows);
    expect(mySmall.rows).toBe(2);
    expect(mySmall.statements).toHaveLength(1);
    expect(myLarge.statements).toHaveLength(1);

    const queueSmall = await statementsOf(REVIEW_QUEUE, 2, reviewer, 'reviewQueue');
    const queueLarge = await statementsOf(REVIEW_QUEUE, 100, reviewer, 'reviewQueue');
    expect(queueLarge.rows).toBeGreaterThan(queueSmall.rows);
    expect(queueSmall.rows).toBe(2);
    expect(queueSmall.statements).toHaveLength(1);
    expect(queueLarge.statements).toHaveLength(1);

    // Keyset pages of 3 follow each other: every task once, in the same order.
    for (const [field, who] of [
      ['myTasks', freelancer],
      ['reviewQueue', reviewer],
    ] as const) {
      const all = await api.gql.ok<Record<string, Edges>>(
        `query { ${field}(first: 100) { edges { node { id } } } }`,
        {},
        who.token,
      );
      const paged: string[] = [];
      let after: string | null = null;
      do {
        const data: Record<string, Paged> = await api.gql.ok<Record<string, Paged>>(
          `query($after: String) { ${field}(first: 3, after: $after) {
            edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          { after },
          who.token,
        );
        paged.push(...data[field].edges.map((e) => e.node.id));
        after = data[field].pageInfo.hasNextPage ? data[field].pageInfo.endCursor : null;
      } while (after);
      expect(paged).toEqual(all[field].edges.map((e) => e.node.id));
    }
  });

  it('answers an empty review queue, and refuses it when the reviewer role was taken away since the token', async () => {
    const idle = await api.factory.user([Role.REVIEWER], 'Ida Idle');
    const empty = await statementsOf(REVIEW_QUEUE, 10, idle, 'reviewQueue');
    expect(empty).toEqual({ statements: [expect.any(String)], rows: 0 });

    await api.app
      .get(DataSource)
      .query(`UPDATE users SET roles = '{FREELANCER}' WHERE id = $1`, [idle.id]);
    const refused = await api.gql.request(REVIEW_QUEUE, { first: 10 }, idle.token);
    expect(errorCodes(refused)).toEqual([ErrorCode.FORBIDDEN]);
  });

  it('answers the notifications inbox in one statement at page 2 and at page 100', async () => {
    const reader = await api.factory.user([Role.FREELANCER], 'Nora Notified');
    await api.app.get(DataSource).query(
      `INSERT INTO notifications (recipient_id, kind, subject, body, email_status, created_at)
       SELECT $1, 'TASK_APPROVED', 'Approved ' || g, 'Task ' || g || ' was approved', 'SKIPPED',
              now() - g * interval '1 minute'
         FROM generate_series(1, 12) g`,
      [reader.id],
    );
    const small = await statementsOf(INBOX, 2, reader, 'notifications');
    const large = await statementsOf(INBOX, 100, reader, 'notifications');
    expect(small.rows).toBe(2);
    expect(large.rows).toBe(12);
    expect(small.statements).toHaveLength(1);
    expect(large.statements).toHaveLength(1);
  });
});
