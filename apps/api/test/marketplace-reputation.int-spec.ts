import { DataSource } from 'typeorm';
import { JobRunner } from '@splitwork/jobs';
import { ErrorCode, Role } from '@splitwork/kernel';
import { AssignmentRecord, computeReputation } from '@splitwork/marketplace-core';
import { errorCodes } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import * as fixtures from './market-fixtures';

const BRIEF = `# Book club app
- Members sign up with email
- Members create reading lists
- Members rate books
- Members comment on books
- Admins moderate comments`;

interface Task {
  id: string;
  status: string;
  acceptanceCriteria: string[];
  skills: { skill: string; minLevel: number }[];
  dependsOn: string[];
  estimate: { likely: number };
}

const TASK_FIELDS =
  'id status acceptanceCriteria skills { skill minLevel } dependsOn estimate { likely }';
const CLAIM = `mutation($input: TaskRefInput!) { claimTask(input: $input) { id } }`;
const RELEASE = `mutation($input: TaskRefInput!) { releaseTaskClaim(input: $input) { id } }`;
const SUBMIT = `mutation($input: SubmitTaskInput!) { submitTask(input: $input) { revision } }`;
const REVIEW = `mutation($input: ReviewTaskInput!) { reviewTask(input: $input) { task { status } } }`;
const PROFILE = `mutation($input: UpdateFreelancerProfileInput!) { updateFreelancerProfile(input: $input) { timezone } }`;
const RATE = `mutation($input: RateTaskInput!) { rateTask(input: $input) { rating { taskId freelancerId rating comment } } }`;
const FIGURES =
  'score priorMean priorWeight reviewScores ownerRatings ratingMean assignments onTimeRate revisionRate';
const MY_REPUTATION = `query { myReputation { overall { ${FIGURES} } skills { skill ${FIGURES} } } }`;
const PUBLIC_PROFILE = `query($userId: ID!) { freelancerProfile(userId: $userId) {
  userId skills { skill minLevel } hourlyRateCents timezone weeklyHours portfolioLinks
  reputation { score ratings assignments onTimeRate revisionRate } } }`;

describe('marketplace: reputation, owner ratings, profiles', () => {
  let api: ApiHarness;
  let runner: JobRunner;

  beforeAll(async () => {
    api = await startApi();
    runner = api.app.get(JobRunner);
  });
  afterAll(() => api?.close());

  const fundedProject = () =>
    fixtures.fundedProject<Task>(api, { brief: BRIEF, taskFields: TASK_FIELDS });

  const tasksOf = async (projectId: string, owner: TestUser) =>
    (await fixtures.projectTasks<Task>(api, owner, projectId, TASK_FIELDS)).tasks;

  /** A qualified freelancer with a full public profile, onboarded for payouts. */
  const freelancerFor = (tasks: Task[]) =>
    fixtures.qualifiedFreelancer(api, tasks, {
      timezone: 'Europe/Berlin',
      portfolioLinks: ['https://github.com/someone'],
      onboard: true,
    });

  const submit = (task: Task, freelancer: TestUser, hoursSpent: number) =>
    api.gql.ok(
      SUBMIT,
      { input: { taskId: task.id, links: ['https://example.com/pr/1'], notes: '', hoursSpent } },
      freelancer.token,
    );

  const review = (
    task: Task,
    reviewer: TestUser,
    verdict: string,
    overallScore: number,
    failed: number[] = [],
  ) =>
    api.gql.ok(
      REVIEW,
      {
        input: {
          taskId: task.id,
          verdict,
          overallScore,
          assessments: fixtures.assessments(task, failed),
          feedback: failed.length ? 'Please fix the first criterion' : null,
        },
      },
      reviewer.token,
    );

  async function storedReputation(freelancerId: string): Promise<number> {
    const rows = await api.app
      .get(DataSource)
      .query(`SELECT reputation FROM freelancer_profiles WHERE user_id = $1`, [freelancerId]);
    return Number(rows[0].reputation);
  }

  it('records every finished assignment and reports the figures computeReputation gives', async () => {
    const { owner, reviewer, projectId, tasks } = await fundedProject();
    const [approvedTask, rejectedTask] = tasks.filter((t) => t.status === 'OPEN');
    const releasedTask = approvedTask;
    const freelancer = await freelancerFor(tasks);
    const skillsOf = (t: Task) => t.skills.map((s) => s.skill);

    // Given back, then claimed again by the same freelancer.
    await api.gql.ok(CLAIM, { input: { taskId: releasedTask.id } }, freelancer.token);
    await api.gql.ok(RELEASE, { input: { taskId: releasedTask.id } }, freelancer.token);

    // Approved after one round of changes: 3 h + 1 h, final score 4.
    await api.gql.ok(CLAIM, { input: { taskId: approvedTask.id } }, freelancer.token);
    await submit(approvedTask, freelancer, 3);
    await review(approvedTask, reviewer, 'REQUEST_CHANGES', 2, [0]);
    await submit(approvedTask, freelancer, 1);
    await review(approvedTask, reviewer, 'APPROVE', 4);

    // Rejected with score 2.
    await api.gql.ok(CLAIM, { input: { taskId: rejectedTask.id } }, freelancer.token);
    await submit(rejectedTask, freelancer, 2);
    await review(rejectedTask, reviewer, 'REJECT', 2, [0]);

    // A task the approval opened, for the expiry below.
    const expiredTask = (await tasksOf(projectId, owner)).find(
      (t) => t.status === 'OPEN' && t.id !== rejectedTask.id,
    )!;
    expect(expiredTask).toBeDefined();

    const records: AssignmentRecord[] = [
      {
        skills: skillsOf(releasedTask),
        result: 'RELEASED',
        reviewScore: null,
        ownerRating: null,
        onTime: false,
        submissions: 0,
        estimatedHours: releasedTask.estimate.likely,
        actualHours: null,
      },
      {
        skills: skillsOf(approvedTask),
        result: 'APPROVED',
        reviewScore: 4,
        ownerRating: null,
        onTime: true,
        submissions: 2,
        estimatedHours: approvedTask.estimate.likely,
        actualHours: 4,
      },
      {
        skills: skillsOf(rejectedTask),
        result: 'REJECTED',
        reviewScore: 2,
        ownerRating: null,
        onTime: true,
        submissions: 1,
        estimatedHours: rejectedTask.estimate.likely,
        actualHours: 2,
      },
    ];

    // Expired: the claim deadline passes and the expiry job reopens the task.
    await api.gql.ok(CLAIM, { input: { taskId: expiredTask.id } }, freelancer.token);
    const eightDays = 8 * 24 * 3600 * 1000;
    api.clock.advance(eightDays);
    try {
      await fixtures.makeDelayedJobsDue(api);
      await runner.drain();
    } finally {
      api.clock.advance(-eightDays);
    }
    const token = await fixtures.logIn(api, freelancer);
    const ownerToken = await fixtures.logIn(api, owner);
    records.push({
      skills: skillsOf(expiredTask),
      result: 'EXPIRED',
      reviewScore: null,
      ownerRating: null,
      onTime: false,
      submissions: 0,
      estimatedHours: expiredTask.estimate.likely,
      actualHours: null,
    });

    const expected = computeReputation(records);
    const { myReputation } = await api.gql.ok<{ myReputation: unknown }>(MY_REPUTATION, {}, token);
    expect(myReputation).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(expected.overall).toMatchObject({
      assignments: 4,
      reviewScores: 2,
      onTimeRate: 2 / 3,
      revisionRate: 1 / 2,
    });
    expect(await storedReputation(freelancer.id)).toBeCloseTo(expected.overall.score, 6);

    // The owner rates the approved work: the reputation follows.
    const rated = await api.gql.ok<{ rateTask: { rating: unknown } }>(
      RATE,
      { input: { taskId: approvedTask.id, rating: 5, comment: ' Great work ' } },
      ownerToken,
    );
    expect(rated.rateTask.rating).toEqual({
      taskId: approvedTask.id,
      freelancerId: freelancer.id,
      rating: 5,
      comment: 'Great work',
    });
    const afterRating = computeReputation(
      records.map((r) => (r.result === 'APPROVED' ? { ...r, ownerRating: 5 } : r)),
    );
    const again = await api.gql.ok<{ myReputation: unknown }>(MY_REPUTATION, {}, token);
    expect(again.myReputation).toEqual(JSON.parse(JSON.stringify(afterRating)));
    expect(afterRating.overall.score).not.toBeCloseTo(expected.overall.score, 6);
    expect(await storedReputation(freelancer.id)).toBeCloseTo(afterRating.overall.score, 6);

    // Owners see the public profile with a reputation summary.
    const { freelancerProfile } = await api.gql.ok<{ freelancerProfile: unknown }>(
      PUBLIC_PROFILE,
      { userId: freelancer.id },
      ownerToken,
    );
    expect(freelancerProfile).toMatchObject({
      userId: freelancer.id,
      timezone: 'Europe/Berlin',
      weeklyHours: 30,
      portfolioLinks: ['https://github.com/someone'],
      reputation: {
        score: afterRating.overall.score,
        ratings: 3,
        assignments: 4,
        onTimeRate: 2 / 3,
        revisionRate: 1 / 2,
      },
    });
  });

  it('records an automatic approval without a review score', async () => {
    const { tasks } = await fundedProject();
    const task = tasks.find((t) => t.status === 'OPEN')!;
    const freelancer = await freelancerFor(tasks);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);
    await submit(task, freelancer, 5);
    const delay = 73 * 3600 * 1000;
    api.clock.advance(delay);
    try {
      await fixtures.makeDelayedJobsDue(api);
      await runner.drain();
    } finally {
      api.clock.advance(-delay);
    }
    const { myReputation } = await api.gql.ok<{ myReputation: unknown }>(
      MY_REPUTATION,
      {},
      await fixtures.logIn(api, freelancer),
    );
    const expected = computeReputation([
      {
        skills: task.skills.map((s) => s.skill),
        result: 'APPROVED',
        reviewScore: null,
        ownerRating: null,
        onTime: true,
        submissions: 1,
        estimatedHours: task.estimate.likely,
        actualHours: 5,
      },
    ]);
    expect(myReputation).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(expected.overall).toMatchObject({ assignments: 1, reviewScores: 0, score: 3.5 });
  });

  it('lets only the owner rate, once, and only approved or paid work', async () => {
    const { owner, reviewer, tasks } = await fundedProject();
    const [done, pending] = tasks.filter((t) => t.status === 'OPEN');
    const freelancer = await freelancerFor([done, pending]);
    await api.gql.ok(CLAIM, { input: { taskId: done.id } }, freelancer.token);
    await submit(done, freelancer, 2);
    await review(done, reviewer, 'APPROVE', 5);
    await api.gql.ok(CLAIM, { input: { taskId: pending.id } }, freelancer.token);

    const rate = (taskId: string, token: string, rating = 4) =>
      api.gql.request(RATE, { input: { taskId, rating } }, token);
    const otherOwner = await api.newUser([Role.OWNER]);
    // Another owner may not learn the task exists; the freelancer lacks the OWNER role.
    expect(errorCodes(await rate(done.id, otherOwner.token))).toEqual([ErrorCode.NOT_FOUND]);
    expect(errorCodes(await rate(done.id, freelancer.token))).toEqual([ErrorCode.FORBIDDEN]);
    expect(errorCodes(await rate(pending.id, owner.token))).toEqual([ErrorCode.INVALID_TRANSITION]);
    expect(errorCodes(await rate(done.id, owner.token, 6))).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(errorCodes(await rate(done.id, owner.token, 0))).toEqual([ErrorCode.BAD_USER_INPUT]);
    const before = await storedReputation(freelancer.id);
    await api.gql.ok(RATE, { input: { taskId: done.id, rating: 1 } }, owner.token);
    const after = await storedReputation(freelancer.id);
    expect(after).toBeLessThan(before);
    expect(errorCodes(await rate(done.id, owner.token, 5))).toEqual([ErrorCode.CONFLICT]);
    expect(await storedReputation(freelancer.id)).toBe(after);
  });

  it('shows the freelancer their own profile and refuses invalid profile input', async () => {
    const freelancer = await api.newUser([Role.FREELANCER]);
    await api.gql.ok(
      PROFILE,
      {
        input: {
          skills: [{ skill: 'React', level: 4 }],
          timezone: 'America/New_York',
          weeklyHours: 10,
          hourlyRateCents: 5000,
          portfolioLinks: [],
        },
      },
      freelancer.token,
    );
    const { myFreelancerProfile } = await api.gql.ok<{ myFreelancerProfile: unknown }>(
      `query { myFreelancerProfile { userId skills { skill minLevel } hourlyRateCents timezone
        reputation { score assignments onTimeRate } } }`,
      {},
      freelancer.token,
    );
    expect(myFreelancerProfile).toEqual({
      userId: freelancer.id,
      skills: [{ skill: 'react', minLevel: 4 }],
      hourlyRateCents: 5000,
      timezone: 'America/New_York',
      reputation: { score: 3.5, assignments: 0, onTimeRate: null },
    });

    const bad = async (patch: Record<string, unknown>) =>
      errorCodes(
        await api.gql.request(
          PROFILE,
          {
            input: {
              skills: [{ skill: 'React', level: 4 }],
              timezone: 'UTC',
              weeklyHours: 10,
              portfolioLinks: [],
              ...patch,
            },
          },
          freelancer.token,
        ),
      );
    expect(await bad({ timezone: 'Mars/Base' })).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(await bad({ portfolioLinks: ['http://example.com'] })).toEqual([
      ErrorCode.BAD_USER_INPUT,
    ]);
    expect(
      await bad({
        skills: [
          { skill: 'React', level: 4 },
          { skill: 'react', level: 2 },
        ],
      }),
    ).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(await bad({ weeklyHours: 81 })).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(await bad({ skills: [{ skill: 'css', level: 6 }] })).toEqual([ErrorCode.BAD_USER_INPUT]);
    // Nothing was written by the refused updates.
    const { myFreelancerProfile: still } = await api.gql.ok<{
      myFreelancerProfile: { timezone: string };
    }>(`query { myFreelancerProfile { timezone } }`, {}, freelancer.token);
    expect(still.timezone).toBe('America/New_York');

    const reviewer = await api.newUser([Role.REVIEWER]);
    const other = await api.newUser([Role.FREELANCER]);
    const seen = await api.gql.ok<{ freelancerProfile: { userId: string } }>(
      `query($userId: ID!) { freelancerProfile(userId: $userId) { userId } }`,
      { userId: freelancer.id },
      reviewer.token,
    );
    expect(seen.freelancerProfile.userId).toBe(freelancer.id);
    expect(
      errorCodes(
        await api.gql.request(
          `query($userId: ID!) { freelancerProfile(userId: $userId) { userId } }`,
          { userId: freelancer.id },
          other.token,
        ),
      ),
    ).toEqual([ErrorCode.FORBIDDEN]);
  });

  it("scales a new plan's estimates by the owner's per-skill calibration once there is enough history", async () => {
    const PLAN = `query($id: ID!) { project(id: $id) { plan { tasks { key skills { skill } estimate { likely } } } } }`;
    const first = await fundedProject();
    const { owner, reviewer } = first;
    const planOf = async (projectId: string) =>
      (
        await api.gql.ok<{
          project: {
            plan: {
              tasks: { key: string; skills: { skill: string }[]; estimate: { likely: number } }[];
            };
          };
        }>(PLAN, { id: projectId }, owner.token)
      ).project.plan.tasks;
    const baseline = await planOf(first.projectId);
    const freelancer = await freelancerFor(first.tasks);

    // Approved work of this owner that took twice its likely estimate, until a skill has 5 samples.
    const samples = new Map<string, number>();
    let project = first;
    const enough = () => [...samples.values()].some((n) => n >= 5);
    // The open task whose skills have the most samples first, so one skill reaches 5
    // however many different skills the plan's tasks need.
    const sampled = (t: { skills: { skill: string }[] }) =>
      Math.max(0, ...t.skills.map((k) => samples.get(k.skill.toLowerCase()) ?? 0));
    for (let round = 0; round < 40 && !enough(); round += 1) {
      const open = (await tasksOf(project.projectId, owner))
        .filter((t) => t.status === 'OPEN')
        .sort((a, b) => sampled(b) - sampled(a))[0];
      if (!open) {
        project = { ...(await fundedProjectOf(owner, reviewer)), owner, reviewer };
        continue;
      }
      await api.gql.ok(CLAIM, { input: { taskId: open.id } }, freelancer.token);
      await submit(open, freelancer, open.estimate.likely * 2);
      await review(open, reviewer, 'APPROVE', 5);
      for (const s of new Set(open.skills.map((k) => k.skill.toLowerCase()))) {
        samples.set(s, (samples.get(s) ?? 0) + 1);
      }
    }
    expect(enough()).toBe(true);
    const calibrated = [...samples.entries()].filter(([, n]) => n >= 5).map(([skill]) => skill);

    // Another owner's identical brief is planned without the first owner's history.
    const stranger = await api.newUser([Role.OWNER]);
    const strangerRun = await planRun(stranger);
    expect(strangerRun.calibration).toEqual([]);

    // Same owner, same brief: served from the cache, then calibrated.
    const run = await planRun(owner);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.cacheHit).toBe(true);
    expect(run.calibration.map((c) => c.skill).sort()).toEqual([...calibrated].sort());
    for (const c of run.calibration) {
      expect(c).toEqual({ skill: c.skill, factor: 2, samples: samples.get(c.skill) });
    }
    const scaled = await planOf(run.projectId);
    const hoursWith = (tasks: typeof baseline, skill: string) =>
      tasks
        .filter((t) => t.skills.some((k) => k.skill.toLowerCase() === skill))
        .reduce((sum, t) => sum + t.estimate.likely, 0);
    for (const skill of calibrated) {
      // Every task needing the skill is scaled by its skills' mean factor (2 here, or
      // between 1 and 2 when a task's other skills are not calibrated).
      expect(hoursWith(scaled, skill)).toBeGreaterThan(hoursWith(baseline, skill) * 1.4);
    }
    const untouched = baseline.filter((t) =>
      t.skills.every((k) => !calibrated.includes(k.skill.toLowerCase())),
    );
    for (const t of untouched) {
      expect(scaled.find((u) => u.key === t.key)?.estimate.likely).toBe(t.estimate.likely);
    }
  });

  const fundedProjectOf = (owner: TestUser, reviewer: TestUser) =>
    fixtures.fundedProject<Task>(api, { owner, reviewer, brief: BRIEF, taskFields: TASK_FIELDS });

  const createAndPlan = (owner: TestUser) => fixtures.plannedProject(api, owner, { brief: BRIEF });

  async function planRun(owner: TestUser) {
    const projectId = await createAndPlan(owner);
    const { project } = await api.gql.ok<{
      project: {
        planningRuns: {
          edges: {
            node: {
              status: string;
              cacheHit: boolean;
              calibration: { skill: string; factor: number; samples: number }[];
            };
          }[];
        };
      };
    }>(
      `query($id: ID!) { project(id: $id) { planningRuns { edges { node { status cacheHit calibration { skill factor samples } } } } } }`,
      { id: projectId },
      owner.token,
    );
    return { ...project.planningRuns.edges[0].node, projectId };
  }
});
