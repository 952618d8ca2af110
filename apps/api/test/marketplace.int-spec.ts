import { JobRunner } from '@splitwork/jobs';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import * as fixtures from './market-fixtures';

const BRIEF = `# Book club app
- Members sign up with email
- Members create reading lists`;

interface Task {
  id: string;
  key: string;
  status: string;
  acceptanceCriteria: string[];
  skills: { skill: string; minLevel: number }[];
  dependsOn: string[];
  price: { amountCents: number };
  assigneeId: string | null;
  revision: number;
}

const TASK_FIELDS =
  'id key status acceptanceCriteria skills { skill minLevel } dependsOn price { amountCents } assigneeId revision';
const PROJECT_TASKS = `query($id: ID!) { project(id: $id) { status tasks { ${TASK_FIELDS} } } }`;
const CLAIM = `mutation($input: TaskRefInput!) { claimTask(input: $input) { ${TASK_FIELDS} } }`;
const SUBMIT = `mutation($input: SubmitTaskInput!) { submitTask(input: $input) { revision } }`;
const REVIEW = `mutation($input: ReviewTaskInput!) { reviewTask(input: $input) { task { status revision } review { verdict failedCriteria } } }`;
const PROFILE = `mutation($input: UpdateFreelancerProfileInput!) { updateFreelancerProfile(input: $input) { skills { skill } } }`;

describe('marketplace: claim, submit, review, pay', () => {
  let api: ApiHarness;
  let runner: JobRunner;

  beforeAll(async () => {
    api = await startApi();
    runner = api.app.get(JobRunner);
  });
  afterAll(() => api?.close());

  /** A funded project (simulated payments), its tasks on the board, an expert assigned unless `expert: false`. */
  const fundedProject = ({ expert = true } = {}) =>
    fixtures.fundedProject<Task>(api, { brief: BRIEF, taskFields: TASK_FIELDS, expert });
  const qualifiedFreelancer = (task: Task) =>
    fixtures.qualifiedFreelancer(api, [task], { onboard: true });
  const assessments = (task: Task, failed: number[] = []) =>
    fixtures.assessments(task, failed, 'Not met: the empty state is missing');

  it('publishes the funded plan: tasks without dependencies OPEN, the others BLOCKED', async () => {
    const { tasks, status } = await fundedProject();
    expect(status).toBe('FUNDED');
    expect(tasks.length).toBeGreaterThan(3);
    for (const t of tasks) expect(t.status).toBe(t.dependsOn.length === 0 ? 'OPEN' : 'BLOCKED');
  });

  it('walks a task through claim, changes requested, resubmission, approval and payout', async () => {
    const { owner, reviewer, projectId, tasks } = await fundedProject();
    const task = tasks.find((t) => t.status === 'OPEN' && t.acceptanceCriteria.length >= 2)!;
    const freelancer = await qualifiedFreelancer(task);
    const rival = await qualifiedFreelancer(task);

    const claimed = await api.gql.ok<{ claimTask: Task }>(
      CLAIM,
      { input: { taskId: task.id } },
      freelancer.token,
    );
    expect(claimed.claimTask).toMatchObject({
      status: 'CLAIMED',
      assigneeId: freelancer.id,
      revision: 1,
    });
    expect(
      errorCodes(await api.gql.request(CLAIM, { input: { taskId: task.id } }, rival.token)),
    ).toEqual([ErrorCode.CONFLICT]);

    const submission = {
      taskId: task.id,
      links: ['https://github.com/acme/books/pull/1'],
      notes: 'First cut',
      hoursSpent: 3,
    };
    // The rival never held the task: for them it does not exist.
    expect(errorCodes(await api.gql.request(SUBMIT, { input: submission }, rival.token))).toEqual([
      ErrorCode.NOT_FOUND,
    ]);
    await api.gql.ok(SUBMIT, { input: submission }, freelancer.token);

    const noFeedback = await api.gql.request(
      REVIEW,
      {
        input: {
          taskId: task.id,
          verdict: 'REQUEST_CHANGES',
          overallScore: 2,
          assessments: assessments(task),
        },
      },
      reviewer.token,
    );
    expect(errorCodes(noFeedback)).toEqual([ErrorCode.BAD_USER_INPUT]);
    const changes = await api.gql.ok<{
      reviewTask: {
        task: { status: string; revision: number };
        review: { failedCriteria: string[] };
      };
    }>(
      REVIEW,
      {
        input: {
          taskId: task.id,
          verdict: 'REQUEST_CHANGES',
          overallScore: 2,
          assessments: assessments(task, [1]),
        },
      },
      reviewer.token,
    );
    expect(changes.reviewTask.task).toEqual({ status: 'CLAIMED', revision: 2 });
    expect(changes.reviewTask.review.failedCriteria).toEqual([
      'AC2: Not met: the empty state is missing',
    ]);

    await api.gql.ok(
      SUBMIT,
      { input: { ...submission, notes: 'Empty state added', hoursSpent: 1 } },
      freelancer.token,
    );
    const approved = await api.gql.ok<{ reviewTask: { task: { status: string } } }>(
      REVIEW,
      {
        input: {
          taskId: task.id,
          verdict: 'APPROVE',
          overallScore: 5,
          assessments: assessments(task),
        },
      },
      reviewer.token,
    );
    expect(approved.reviewTask.task.status).toBe('APPROVED');

    await runner.drain();
    const { myPayouts } = await api.gql.ok<{
      myPayouts: { edges: { node: { status: string; amount: { amountCents: number } } }[] };
    }>(
      `query { myPayouts { edges { node { status amount { amountCents } } } } }`,
      {},
      freelancer.token,
    );
    expect(myPayouts.edges.map((e) => e.node)).toEqual([
      { status: 'PAID', amount: { amountCents: task.price.amountCents } },
    ]);

    const after = await api.gql.ok<{ project: { tasks: Task[] } }>(
      PROJECT_TASKS,
      { id: projectId },
      owner.token,
    );
    const dependents = after.project.tasks.filter(
      (t) => t.dependsOn.length === 1 && t.dependsOn[0] === task.key,
    );
    for (const d of dependents) expect(d.status).toBe('OPEN');
  });

  it('refuses an unqualified freelancer and a reviewer not assigned to the project', async () => {
    const { tasks } = await fundedProject();
    const task = tasks.find((t) => t.status === 'OPEN')!;
    const novice = await api.newUser([Role.FREELANCER]);
    expect(
      errorCodes(await api.gql.request(CLAIM, { input: { taskId: task.id } }, novice.token)),
    ).toEqual([ErrorCode.FORBIDDEN]);

    const freelancer = await qualifiedFreelancer(task);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);
    await api.gql.ok(
      SUBMIT,
      { input: { taskId: task.id, links: ['https://example.com/pr/2'], notes: '', hoursSpent: 2 } },
      freelancer.token,
    );
    const stranger = await api.newUser([Role.REVIEWER]);
    const res = await api.gql.request(
      REVIEW,
      {
        input: {
          taskId: task.id,
          verdict: 'APPROVE',
          overallScore: 5,
          assessments: assessments(task),
        },
      },
      stranger.token,
    );
    // Not the project's reviewer: the task is not in their queue, so it does not exist for them.
    expect(errorCodes(res)).toEqual([ErrorCode.NOT_FOUND]);
  });

  it('offers the submissions of a project without an expert to reviewers holding their skills', async () => {
    const { tasks } = await fundedProject({ expert: false });
    const task = tasks.find((t) => t.status === 'OPEN')!;
    const freelancer = await qualifiedFreelancer(task);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);
    await api.gql.ok(
      SUBMIT,
      { input: { taskId: task.id, links: ['https://example.com/pr/3'], notes: '', hoursSpent: 2 } },
      freelancer.token,
    );
    const REVIEWER_PROFILE = `mutation($input: UpdateReviewerProfileInput!) {
      updateReviewerProfile(input: $input) { skills { skill minLevel } } }`;
    const QUEUE = `query { reviewQueue(first: 100) { edges { node { id } } } }`;
    const queued = async (reviewer: TestUser) =>
      (
        await api.gql.ok<{ reviewQueue: { edges: { node: { id: string } }[] } }>(
          QUEUE,
          {},
          reviewer.token,
        )
      ).reviewQueue.edges.map((e) => e.node.id);

    const expert = await api.newUser([Role.REVIEWER]);
    await api.gql.ok(
      REVIEWER_PROFILE,
      { input: { skills: task.skills.map((s) => ({ skill: s.skill, level: 5 })) } },
      expert.token,
    );
    const outsider = await api.newUser([Role.REVIEWER]);
    await api.gql.ok(
      REVIEWER_PROFILE,
      { input: { skills: [{ skill: 'cobol', level: 5 }] } },
      outsider.token,
    );
    const bare = await api.newUser([Role.REVIEWER]);
    expect(await queued(expert)).toContain(task.id);
    expect(await queued(outsider)).not.toContain(task.id);
    expect(await queued(bare)).not.toContain(task.id);

    const approve = {
      input: {
        taskId: task.id,
        verdict: 'APPROVE',
        overallScore: 4,
        assessments: assessments(task),
      },
    };
    for (const refused of [bare, outsider]) {
      expect(errorCodes(await api.gql.request(REVIEW, approve, refused.token))).toEqual([
        ErrorCode.NOT_FOUND,
      ]);
    }
    const done = await api.gql.ok<{ reviewTask: { task: { status: string } } }>(
      REVIEW,
      approve,
      expert.token,
    );
    expect(done.reviewTask.task.status).toBe('APPROVED');
    expect(await queued(expert)).not.toContain(task.id);
  });

  it('reopens a task whose claim deadline passed, and keeps its freelancer out for the cool-down', async () => {
    const { tasks } = await fundedProject();
    const task = tasks.find((t) => t.status === 'OPEN')!;
    const freelancer = await qualifiedFreelancer(task);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);
    api.clock.advance(8 * 24 * 3600 * 1000);
    try {
      await fixtures.makeDelayedJobsDue(api);
      await runner.drain();
      // Eight days later the access token has expired: log in again.
      const reclaim = await api.gql.request(
        CLAIM,
        { input: { taskId: task.id } },
        await fixtures.logIn(api, freelancer),
      );
      expect(errorCodes(reclaim)).toEqual([ErrorCode.FORBIDDEN]);
      const other = await qualifiedFreelancer(task);
      const claimed = await api.gql.ok<{ claimTask: Task }>(
        CLAIM,
        { input: { taskId: task.id } },
        other.token,
      );
      expect(claimed.claimTask.assigneeId).toBe(other.id);
    } finally {
      api.clock.advance(-8 * 24 * 3600 * 1000);
    }
  });

  it('approves a submission automatically when nobody reviews it in time', async () => {
    const { tasks } = await fundedProject();
    const task = tasks.find((t) => t.status === 'OPEN')!;
    const freelancer = await qualifiedFreelancer(task);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);
    await api.gql.ok(
      SUBMIT,
      { input: { taskId: task.id, links: ['https://example.com/pr/3'], notes: '', hoursSpent: 2 } },
      freelancer.token,
    );
    api.clock.advance(73 * 3600 * 1000);
    try {
      await fixtures.makeDelayedJobsDue(api);
      await runner.drain();
    } finally {
      api.clock.advance(-73 * 3600 * 1000);
    }
    const { myTasks } = await api.gql.ok<{ myTasks: { edges: { node: { status: string } }[] } }>(
      `query { myTasks { edges { node { status } } } }`,
      {},
      freelancer.token,
    );
    // Approved, then paid by the payout job the same drain ran.
    expect(myTasks.edges.map((e) => e.node.status)).toEqual(['PAID']);
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const { tasks } = await fundedProject();
    const task = tasks.find((t) => t.status === 'OPEN')!;
    const freelancers = await Promise.all(
      Array.from({ length: 25 }, () => qualifiedFreelancer(task)),
    );
    const results = await Promise.all(
      freelancers.map((f) => api.gql.request(CLAIM, { input: { taskId: task.id } }, f.token)),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(
      results.filter((r) => r.errors).every((r) => errorCodes(r)[0] === ErrorCode.CONFLICT),
    ).toBe(true);
    expect(results.every((r) => r.status < 500)).toBe(true);
  });
});

describe('marketplace rules from the configuration', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi({ MAX_ACTIVE_CLAIMS: '1', CLAIM_MIN_HOURS: '2', CLAIM_MAX_HOURS: '2' });
  });
  afterAll(() => api?.close());

  it('applies the configured active-claims limit (paused claims count) and claim deadline', async () => {
    const owner = await api.newUser([Role.OWNER]);
    const { createProject } = await api.gql.ok<{ createProject: { project: { id: string } } }>(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }`,
      {
        input: {
          title: 'Books',
          brief: BRIEF,
          platforms: ['WEB', 'BACKEND'],
          budgetCents: 50_000_000,
          currency: 'USD',
        },
      },
      owner.token,
    );
    const projectId = createProject.project.id;
    const runner = api.app.get(JobRunner);
    await api.gql.ok(
      `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`,
      { input: { projectId } },
      owner.token,
    );
    await runner.drain();
    await api.gql.ok(
      `mutation($input: FundProjectInput!) { fundProject(input: $input) { funding { id } } }`,
      { input: { projectId } },
      owner.token,
    );
    await runner.drain();
    const { project } = await api.gql.ok<{ project: { tasks: Task[] } }>(
      PROJECT_TASKS,
      { id: projectId },
      owner.token,
    );
    const [first, second] = project.tasks.filter((t) => t.status === 'OPEN');
    const freelancer = await api.newUser([Role.FREELANCER]);
    const skills = [...first.skills, ...second.skills].map((s) => ({ skill: s.skill, level: 5 }));
    const unique = [...new Map(skills.map((s) => [s.skill, s])).values()];
    await api.gql.ok(PROFILE, { input: { skills: unique, weeklyHours: 30 } }, freelancer.token);

    const claimed = await api.gql.ok<{ claimTask: { claimDeadline: string } }>(
      `mutation($input: TaskRefInput!) { claimTask(input: $input) { claimDeadline } }`,
      { input: { taskId: first.id } },
      freelancer.token,
    );
    expect(new Date(claimed.claimTask.claimDeadline).getTime()).toBe(
      api.clock.now().getTime() + 2 * 3600 * 1000,
    );
    const refused = await api.gql.request(
      CLAIM,
      { input: { taskId: second.id } },
      freelancer.token,
    );
    expect(errorCodes(refused)).toEqual([ErrorCode.CONFLICT]);
    expect(refused.errors?.[0]?.extensions?.['reason']).toBe('ACTIVE_CLAIMS_LIMIT');

    // A paused claim is still held: it keeps counting.
    await api.gql.ok(
      `mutation($input: TaskRefInput!) { pauseTask(input: $input) { status } }`,
      { input: { taskId: first.id } },
      owner.token,
    );
    const whilePaused = await api.gql.request(
      CLAIM,
      { input: { taskId: second.id } },
      freelancer.token,
    );
    expect(whilePaused.errors?.[0]?.extensions?.['reason']).toBe('ACTIVE_CLAIMS_LIMIT');
  });
});
