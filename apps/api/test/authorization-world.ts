import { DataSource } from 'typeorm';
import { JobRunner } from '@splitwork/jobs';
import { Role } from '@splitwork/kernel';
import { NotificationService } from '@splitwork/notifications';
import { TEST_PASSWORD, uniqueEmail } from '@splitwork/test-support';
import type { ApiHarness, TestUser } from './api-harness';
import type { AuthzWorld, Cell, SignedInRole } from './authorization-matrix';
import * as fixtures from './market-fixtures';

const BRIEF = `# Book club app
- Members sign up with email
- Members create reading lists`;

interface BoardTask {
  id: string;
  status: string;
  acceptanceCriteria: string[];
  skills: { skill: string; minLevel: number }[];
}

const TASK_FIELDS = 'id status acceptanceCriteria skills { skill minLevel }';
const PLAN_TASKS = `query($id: ID!) { project(id: $id) { plan { tasks { key featureKey } } } }`;
/** The admin's only freelancer skill: no planner task needs it, so the admin qualifies for no claim. */
const ADMIN_SKILL = { skill: 'cobol', level: 5 };
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { refreshToken } }`;

/**
 * The fixture world of the authorization matrix, built through the API: an
 * owner with a funded project (offline planner, simulated payments) and its
 * assigned reviewer, another owner with their own project, an assignee
 * holding a claimed task and a submitted one, another qualified freelancer,
 * another reviewer and an admin. Fresh targets are made on demand.
 */
export async function buildAuthzWorld(api: ApiHarness): Promise<AuthzWorld> {
  const runner = api.app.get(JobRunner);
  const drain = async (): Promise<void> => {
    await runner.drain();
  };
  const gql = <T>(query: string, variables: Record<string, unknown>, user?: TestUser) =>
    api.gql.ok<T>(query, variables, user?.token);

  const owner = await api.newUser([Role.OWNER]);
  const otherOwner = await api.newUser([Role.OWNER]);
  const assignee = await api.newUser([Role.FREELANCER]);
  const otherFreelancer = await api.newUser([Role.FREELANCER]);
  const reviewer = await api.newUser([Role.REVIEWER]);
  const otherReviewer = await api.newUser([Role.REVIEWER]);
  const admin = await api.newAdmin();

  const createProject = (by: TestUser) => fixtures.draftProject(api, by, { brief: BRIEF });
  async function queueRun(projectId: string, by: TestUser): Promise<string> {
    const data = await gql<{ planProject: { run: { id: string } } }>(
      `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`,
      { input: { projectId } },
      by,
    );
    return data.planProject.run.id;
  }
  async function planned(by: TestUser): Promise<{ projectId: string; runId: string }> {
    const projectId = await createProject(by);
    const runId = await queueRun(projectId, by);
    await drain();
    return { projectId, runId };
  }
  async function funded(): Promise<{ projectId: string; runId: string; tasks: BoardTask[] }> {
    const { projectId, runId } = await planned(owner);
    await fixtures.fundPlannedProject(api, owner, projectId);
    await fixtures.assignExpert(api, owner, projectId, reviewer);
    const { tasks } = await fixtures.projectTasks<BoardTask>(api, owner, projectId, TASK_FIELDS);
    return { projectId, runId, tasks };
  }

  // The owner's funded project, whose OPEN tasks feed every marketplace cell.
  const main = await funded();
  const criteria = new Map(main.tasks.map((t) => [t.id, t.acceptanceCriteria.length]));
  const openPool = main.tasks.filter((t) => t.status === 'OPEN').map((t) => t.id);
  const skillLevels = new Map<string, number>();
  for (const t of main.tasks) for (const s of t.skills) skillLevels.set(s.skill, 5);
  const qualifiedSkills = [...skillLevels].map(([skill, level]) => ({ skill, level }));

  async function takeOpenTask(): Promise<string> {
    if (openPool.length === 0) {
      const more = await funded();
      for (const t of more.tasks) criteria.set(t.id, t.acceptanceCriteria.length);
      openPool.push(...more.tasks.filter((t) => t.status === 'OPEN').map((t) => t.id));
    }
    const id = openPool.shift();
    if (!id) throw new Error('The funded project has no OPEN task');
    return id;
  }

  async function qualify(freelancer: TestUser): Promise<void> {
    await gql(
      `mutation($input: UpdateFreelancerProfileInput!) { updateFreelancerProfile(input: $input) { weeklyHours } }`,
      { input: { skills: qualifiedSkills, weeklyHours: 30 } },
      freelancer,
    );
    await gql(`mutation { startPayoutOnboarding { url } }`, {}, freelancer);
  }
  await qualify(assignee);
  await qualify(otherFreelancer);
  // The admin keeps a freelancer profile of its own (what the
  // updateFreelancerProfile cell writes too), so that the "my" freelancer
  // reads and subscriptions answer it whatever order the cells run in.
  await gql(
    `mutation($input: UpdateFreelancerProfileInput!) { updateFreelancerProfile(input: $input) { weeklyHours } }`,
    { input: { skills: [ADMIN_SKILL], weeklyHours: 30 } },
    admin,
  );

  const claim = (taskId: string, by: TestUser) =>
    gql(
      `mutation($input: TaskRefInput!) { claimTask(input: $input) { id } }`,
      { input: { taskId } },
      by,
    );
  const submit = (taskId: string, by: TestUser) =>
    gql(
      `mutation($input: SubmitTaskInput!) { submitTask(input: $input) { revision } }`,
      {
        input: {
          taskId,
          links: ['https://github.com/acme/books/pull/1'],
          notes: '',
          hoursSpent: 2,
        },
      },
      by,
    );

  /**
   * The assignee's claims beyond the shared one (left by ALLOW cells that
   * claimed or accepted) are given back, so that it stays under the
   * active-claims limit whatever order the cells run in.
   */
  const assigneeKeeps = new Set<string>();
  async function makeRoomForAssignee(): Promise<void> {
    const held = await api.app
      .get(DataSource)
      .query<{ id: string }[]>(
        `SELECT id FROM marketplace_tasks WHERE assignee_id = $1 AND status = 'CLAIMED'`,
        [assignee.id],
      );
    for (const { id } of held) {
      if (assigneeKeeps.has(id)) continue;
      await gql(
        `mutation($input: TaskRefInput!) { releaseTaskClaim(input: $input) { id } }`,
        { input: { taskId: id } },
        assignee,
      );
    }
  }
  async function claimedBy(freelancer: TestUser): Promise<string> {
    if (freelancer === assignee) await makeRoomForAssignee();
    const taskId = await takeOpenTask();
    await claim(taskId, freelancer);
    return taskId;
  }
  /** A qualified, onboarded freelancer of its own (claims are capped per freelancer). */
  async function helper(): Promise<TestUser> {
    const freelancer = await api.newUser([Role.FREELANCER]);
    await qualify(freelancer);
    return freelancer;
  }
  async function submittedBy(freelancer: TestUser): Promise<{ id: string; criteria: number }> {
    const id = await claimedBy(freelancer);
    await submit(id, freelancer);
    return { id, criteria: criteria.get(id) ?? 0 };
  }
  async function paid(): Promise<string> {
    const freelancer = await helper();
    const task = await submittedBy(freelancer);
    await gql(
      `mutation($input: ReviewTaskInput!) { reviewTask(input: $input) { task { status } } }`,
      {
        input: {
          taskId: task.id,
          verdict: 'APPROVE',
          overallScore: 5,
          assessments: Array.from({ length: task.criteria }, (_, i) => ({
            criterionId: `AC${i + 1}`,
            passed: true,
          })),
        },
      },
      reviewer,
    );
    await drain();
    const { myPayouts } = await gql<{
      myPayouts: { edges: { node: { id: string; status: string } }[] };
    }>(`query { myPayouts { edges { node { id status } } } }`, {}, freelancer);
    const payout = myPayouts.edges[0]?.node;
    if (payout?.status !== 'PAID') throw new Error(`Payout not paid: ${JSON.stringify(payout)}`);
    return payout.id;
  }
  /**
   * The provider refusing a transfer is staged by marking a paid payout failed
   * in the database (as newAdmin() makes an ADMIN): retry then queues it again.
   */
  async function failed(): Promise<string> {
    const id = await paid();
    await api.app
      .get(DataSource)
      .query(`UPDATE payouts SET status = 'FAILED_PERMANENT' WHERE id = $1`, [id]);
    return id;
  }

  const REVIEW = `mutation($input: ReviewTaskInput!) { reviewTask(input: $input) { task { status } } }`;
  const criteriaInput = (count: number, passed: boolean) =>
    Array.from({ length: count }, (_, i) => ({
      criterionId: `AC${i + 1}`,
      passed,
      comment: passed ? null : 'Not met',
    }));
  /** A task the assignee submitted and the reviewer rejected: the assignee may appeal it. */
  async function rejected(): Promise<string> {
    const task = await submittedBy(assignee);
    await gql(
      REVIEW,
      {
        input: {
          taskId: task.id,
          verdict: 'REJECT',
          overallScore: 1,
          assessments: criteriaInput(task.criteria, false),
          feedback: 'Nothing of the acceptance criteria is met',
        },
      },
      reviewer,
    );
    return task.id;
  }
  /** An appeal of a rejection, waiting for an admin. */
  async function openAppeal(): Promise<string> {
    const taskId = await rejected();
    const data = await gql<{ appealRejection: { id: string } }>(
      `mutation($input: AppealRejectionInput!) { appealRejection(input: $input) { id } }`,
      { input: { taskId, reason: 'Every criterion is met, see the pull request' } },
      assignee,
    );
    return data.appealRejection.id;
  }
  /** A task approved by the reviewer and paid (its owner may rate it). */
  async function approved(): Promise<string> {
    const task = await submittedBy(await helper());
    await gql(
      REVIEW,
      {
        input: {
          taskId: task.id,
          verdict: 'APPROVE',
          overallScore: 5,
          assessments: criteriaInput(task.criteria, true),
        },
      },
      reviewer,
    );
    return task.id;
  }
  /** An approved task of the owner's project that the owner disputed: OPEN, waiting for an admin. */
  async function openDispute(): Promise<string> {
    const taskId = await approved();
    const data = await gql<{ disputeTask: { dispute: { id: string } } }>(
      `mutation($input: DisputeTaskInput!) { disputeTask(input: $input) { dispute { id } } }`,
      { input: { taskId, reason: 'The deliverable does not do what the criteria say' } },
      owner,
    );
    return data.disputeTask.dispute.id;
  }
  const control = (operation: 'pauseTask' | 'resumeTask', taskId: string) =>
    gql(
      `mutation($input: TaskRefInput!) { ${operation}(input: $input) { id } }`,
      { input: { taskId } },
      owner,
    );
  /** An OPEN task the owner paused. */
  async function paused(): Promise<string> {
    const taskId = await takeOpenTask();
    await control('pauseTask', taskId);
    return taskId;
  }

  const OFFER = `mutation($input: OfferTaskInput!) { offerTask(input: $input) { offer { id } } }`;
  /** An OPEN task the owner offered to the assignee, and the offer. */
  async function offeredToAssignee(): Promise<{ taskId: string; offerId: string }> {
    await makeRoomForAssignee();
    const taskId = await takeOpenTask();
    const data = await gql<{ offerTask: { offer: { id: string } } }>(
      OFFER,
      { input: { taskId, freelancerId: assignee.id } },
      owner,
    );
    return { taskId, offerId: data.offerTask.offer.id };
  }
  async function organization(): Promise<string> {
    const data = await gql<{ createOrganization: { id: string } }>(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { name: 'Trusted crew' } },
      owner,
    );
    const id = data.createOrganization.id;
    await gql(
      `mutation($input: OrganizationMembersInput!) { addOrganizationMembers(input: $input) { id } }`,
      { input: { organizationId: id, userIds: [otherFreelancer.id] } },
      owner,
    );
    return id;
  }
  /** A draft project of the owner made private to the assignee. */
  async function pooledProject(): Promise<string> {
    const projectId = await createProject(owner);
    await gql(
      `mutation($input: SetProjectTalentPoolInput!) { setProjectTalentPool(input: $input) }`,
      { input: { projectId, freelancerIds: [assignee.id] } },
      owner,
    );
    return projectId;
  }

  // A plan that stays unfunded, for plan edits.
  const draftPlan = await planned(owner);
  const { project: draftPlanProject } = await gql<{
    project: { plan: { tasks: { key: string; featureKey: string }[] } };
  }>(PLAN_TASKS, { id: draftPlan.projectId }, owner);
  const planKeys = draftPlanProject.plan.tasks.map((t) => t.key);
  const featureKey = draftPlanProject.plan.tasks[0].featureKey;
  const sharedPlanKey = planKeys.shift()!;

  const otherProjectId = await createProject(otherOwner);

  // A funded project of the owner behind a private talent pool that lets only
  // the assignee in. No operation manages pools on this branch yet: rows made
  // in the database, as newAdmin() makes an ADMIN.
  const pool = await funded();
  const dataSource = api.app.get(DataSource);
  await dataSource.query(`INSERT INTO project_talent_pools (project_id) VALUES ($1)`, [
    pool.projectId,
  ]);
  await dataSource.query(
    `INSERT INTO project_pool_members (project_id, freelancer_id) VALUES ($1, $2)`,
    [pool.projectId, assignee.id],
  );
  const poolOpen = pool.tasks.filter((t) => t.status === 'OPEN').map((t) => t.id);
  // The watched task: one of the pool project's tasks, claimed by the assignee
  // and paused by the owner (a paused claim does not count against the
  // assignee's claim limit). Only the assignee may claim there, so no other
  // freelancer ever gets to follow that project's events.
  const watchedTaskId = poolOpen.shift();
  if (!watchedTaskId) throw new Error('The pool project has no OPEN task');
  await claim(watchedTaskId, assignee);
  await control('pauseTask', watchedTaskId);
  const poolOpenTaskIds = poolOpen;

  /**
   * Funds a new project of the owner whose plan holds, besides the planner's
   * tasks (which the assignee and the other freelancer qualify for), one task
   * that only needs the admin's skill: every freelancer subscriber gets a match.
   */
  async function openMatchedTasks(): Promise<void> {
    const { projectId } = await planned(owner);
    const { project } = await gql<{
      project: { plan: { tasks: { key: string; featureKey: string }[] } };
    }>(PLAN_TASKS, { id: projectId }, owner);
    await gql(
      `mutation($input: AddPlanTaskInput!) { addPlanTask(input: $input) { tasks { key } } }`,
      {
        input: {
          projectId,
          featureKey: project.plan.tasks[0].featureKey,
          title: 'Port the legacy report',
          description: 'The yearly report runs on the new stack.',
          acceptanceCriteria: ['The report matches the legacy output'],
          skills: [{ skill: ADMIN_SKILL.skill, minLevel: 1 }],
          platform: 'BACKEND',
          estimate: { optimistic: 2, likely: 3, pessimistic: 5 },
        },
      },
      owner,
    );
    await gql(
      `mutation($input: FundProjectInput!) { fundProject(input: $input) { funding { id } } }`,
      { input: { projectId } },
      owner,
    );
    await drain();
  }

  async function ownerSession(): Promise<string> {
    const data = await gql<{ logIn: { refreshToken: string } }>(LOG_IN, {
      input: { email: owner.email, password: TEST_PASSWORD },
    });
    return data.logIn.refreshToken;
  }

  // Shared targets: the ones refused cells point at.
  /** A new REVIEWER applicant's waiting application. */
  async function pendingApplication(): Promise<string> {
    const applicant = await api.newUser([Role.REVIEWER], 'Applicant', { reviewer: 'PENDING' });
    const data = await gql<{ myReviewerApplication: { id: string } }>(
      `query { myReviewerApplication { id } }`,
      {},
      applicant,
    );
    return data.myReviewerApplication.id;
  }

  const shared = {
    application: await pendingApplication(),
    draft: await createProject(owner),
    openTask: await takeOpenTask(),
    claimed: await claimedBy(assignee).then((id) => {
      assigneeKeeps.add(id);
      return id;
    }),
    submitted: await submittedBy(assignee),
    paid: await paid(),
    failed: await failed(),
    session: await ownerSession(),
    rejected: await rejected(),
    appeal: await openAppeal(),
    approved: await approved(),
    dispute: await openDispute(),
    paused: await paused(),
    offered: await offeredToAssignee(),
    organization: await organization(),
    pooled: await pooledProject(),
  };

  // The owner's planning and funding notified them: the first entry of their inbox.
  const { notifications: ownerInbox } = await gql<{
    notifications: { edges: { node: { id: string } }[] };
  }>(`query { notifications(first: 1) { edges { node { id } } } }`, {}, owner);
  const ownerNotificationId = ownerInbox.edges[0]?.node.id;
  if (!ownerNotificationId) throw new Error('The owner has no notification');

  /** One notification for each user of the world, in one transaction (the subscription's trigger). */
  async function notifyEveryone(): Promise<void> {
    const notifications = api.app.get(NotificationService);
    await api.app.get(DataSource).transaction(async (manager) => {
      for (const user of Object.values(users)) {
        await notifications.notify(
          { recipientId: user.id, kind: 'FUNDING_CONFIRMED', facts: { title: 'Matrix' } },
          manager,
        );
      }
    });
  }

  const pick = async <T>(cell: Cell, fresh: () => Promise<T>, sharedValue: T): Promise<T> =>
    cell.fresh ? fresh() : sharedValue;

  async function threadMessage(by: TestUser): Promise<string> {
    const { postTaskMessage } = await gql<{ postTaskMessage: { message: { id: string } } }>(
      `mutation($input: PostTaskMessageInput!) { postTaskMessage(input: $input) { message { id } } }`,
      { input: { taskId: shared.claimed, visibility: 'PRIVATE', body: 'When is the demo?' } },
      by,
    );
    return postTaskMessage.message.id;
  }
  const sharedThreadMessage = await threadMessage(assignee);

  const users: Record<SignedInRole, TestUser> = {
    owner,
    otherOwner,
    assignee,
    otherFreelancer,
    reviewer,
    otherReviewer,
    admin,
  };
  return {
    users,
    projectId: main.projectId,
    runId: main.runId,
    otherProjectId,
    poolProjectId: pool.projectId,
    poolOpenTaskIds,
    sharedClaimedTaskId: shared.claimed,
    sharedSubmittedTaskId: shared.submitted.id,
    sharedAppealId: shared.appeal,
    sharedDisputeId: shared.dispute,
    sharedOfferId: shared.offered.offerId,
    watchedProjectId: pool.projectId,
    watchedTaskId,
    password: TEST_PASSWORD,
    qualifiedSkills,
    freshEmail: () => uniqueEmail('authz'),
    newUserId: async () => (await api.newUser([Role.OWNER])).id,
    newReviewerId: async () => (await api.newUser([Role.REVIEWER])).id,
    reviewerApplication: (cell) => pick(cell, pendingApplication, shared.application),
    ownerSession: (cell) => pick(cell, ownerSession, shared.session),
    draftProject: (cell) => pick(cell, () => createProject(owner), shared.draft),
    plannedProject: (cell) =>
      pick(cell, async () => (await planned(owner)).projectId, draftPlan.projectId),
    planTask: (cell) =>
      pick(
        cell,
        () => {
          const key = planKeys.pop();
          if (!key) throw new Error('The unfunded plan has no task left');
          return Promise.resolve({ projectId: draftPlan.projectId, key, featureKey });
        },
        { projectId: draftPlan.projectId, key: sharedPlanKey, featureKey },
      ),
    planningRun: (cell) =>
      pick(cell, async () => queueRun(await createProject(owner), owner), main.runId),
    openTask: (cell) =>
      pick(
        cell,
        async () => {
          if (cell.role === 'assignee') await makeRoomForAssignee();
          return takeOpenTask();
        },
        shared.openTask,
      ),
    offeredTask: (cell) => pick(cell, offeredToAssignee, shared.offered),
    organization: (cell) => pick(cell, organization, shared.organization),
    pooledProject: (cell) => pick(cell, pooledProject, shared.pooled),
    claimedTask: (cell) => pick(cell, () => claimedBy(assignee), shared.claimed),
    submittedTask: (cell) => pick(cell, async () => submittedBy(await helper()), shared.submitted),
    paidPayout: (cell) => pick(cell, paid, shared.paid),
    failedPayout: (cell) => pick(cell, failed, shared.failed),
    rejectedTask: (cell) => pick(cell, rejected, shared.rejected),
    openAppeal: (cell) => pick(cell, openAppeal, shared.appeal),
    approvedTask: (cell) => pick(cell, approved, shared.approved),
    openDispute: (cell) => pick(cell, openDispute, shared.dispute),
    pausedTask: (cell) => pick(cell, paused, shared.paused),
    adminSkills: [ADMIN_SKILL],
    bumpWatchedTask: async () => {
      await control('resumeTask', watchedTaskId);
      await control('pauseTask', watchedTaskId);
    },
    openMatchedTasks,
    // Marking a notification read again changes nothing: one target serves every cell.
    ownerNotificationId,
    notifyEveryone,
    drain,
    threadMessage: (cell) => pick(cell, () => threadMessage(assignee), sharedThreadMessage),
    postThreadMessage: async () => {
      await threadMessage(owner);
    },
  };
}
