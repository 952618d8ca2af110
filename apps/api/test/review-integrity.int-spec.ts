import { DataSource } from 'typeorm';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes, GraphQLResponse } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import * as fixtures from './market-fixtures';

const BRIEF = `# Book club app
- Members sign up with email
- Members create reading lists
- Members rate books`;

interface Task {
  id: string;
  status: string;
  acceptanceCriteria: string[];
  skills: { skill: string; minLevel: number }[];
}

const TASK_FIELDS = 'id status acceptanceCriteria skills { skill minLevel }';
const CLAIM = `mutation($input: TaskRefInput!) { claimTask(input: $input) { id status } }`;
const RELEASE = `mutation($input: TaskRefInput!) { releaseTaskClaim(input: $input) { id } }`;
const SUBMIT = `mutation($input: SubmitTaskInput!) { submitTask(input: $input) { revision } }`;
const REVIEW = `mutation($input: ReviewTaskInput!) { reviewTask(input: $input) { task { status } } }`;
const QUEUE = `query { reviewQueue(first: 100) { edges { node { id } } } }`;
const REVIEWER_PROFILE = `mutation($input: UpdateReviewerProfileInput!) { updateReviewerProfile(input: $input) { skills { skill } } }`;
const FREELANCER_PROFILE = `mutation($input: UpdateFreelancerProfileInput!) { updateFreelancerProfile(input: $input) { weeklyHours } }`;
const ASSIGN = `mutation($input: AssignReviewerInput!) { assignProjectReviewer(input: $input) }`;
const POLICY = `mutation($input: SetProjectReviewPolicyInput!) { setProjectReviewPolicy(input: $input) { projectId excludeSameOrganizationReviewers } }`;
const OFFER = `mutation($input: OfferTaskInput!) { offerTask(input: $input) { offer { id } } }`;
const APPEAL = `mutation($input: AppealRejectionInput!) { appealRejection(input: $input) { id } }`;
const RESOLVE = `mutation($input: ResolveAppealInput!) { resolveAppeal(input: $input) { appeal { status } } }`;
const ME = `query { me { roles } myReviewerApplication { id status reason decidedById decidedAt } }`;
const APPLY = `mutation($input: ApplyAsReviewerInput!) { applyAsReviewer(input: $input) { application { id status } } }`;
const DECIDE = `mutation($input: DecideReviewerApplicationInput!) { decideReviewerApplication(input: $input) { application { id status reason decidedById } } }`;
const APPLICATIONS = `query($status: ReviewerApplicationStatus) { reviewerApplications(status: $status, first: 100) { edges { node { id userId status } } } }`;
const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
const ADD_MEMBERS = `mutation($input: OrganizationMembersInput!) { addOrganizationMembers(input: $input) { id } }`;

const reasonOf = (response: GraphQLResponse<unknown>) =>
  response.errors?.[0]?.extensions?.['reason'] as string | undefined;

describe('review integrity: vetted reviewers and the conflict-of-interest rule', () => {
  let api: ApiHarness;
  let db: DataSource;
  let admin: TestUser;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    admin = await api.factory.admin();
  });
  afterAll(() => api?.close());

  /** A fresh admin token: a test moves the clock past the first one's expiry. */
  const adminToken = () => fixtures.logIn(api, admin);
  const fundedProject = (options: fixtures.FundedProjectOptions = {}) =>
    fixtures.fundedProject<Task>(api, { brief: BRIEF, taskFields: TASK_FIELDS, ...options });
  const openTask = (tasks: Task[]) => tasks.find((t) => t.status === 'OPEN')!;
  const skillsOf = (tasks: Task[]) => [
    ...new Set(tasks.flatMap((t) => t.skills.map((s) => s.skill))),
  ];

  /** Level 5 in every skill the tasks need, onboarded for payouts. */
  async function qualifyAsFreelancer(user: TestUser, tasks: Task[]): Promise<void> {
    await api.gql.ok(
      FREELANCER_PROFILE,
      { input: { skills: skillsOf(tasks).map((skill) => ({ skill, level: 5 })), weeklyHours: 30 } },
      user.token,
    );
    await api.gql.ok(`mutation { startPayoutOnboarding { url } }`, {}, user.token);
  }
  const declareReviewerSkills = (user: TestUser, tasks: Task[]) =>
    api.gql.request(
      REVIEWER_PROFILE,
      { input: { skills: skillsOf(tasks).map((skill) => ({ skill, level: 5 })) } },
      user.token,
    );
  /** An approved reviewer whose reviewer profile covers the tasks (for projects without an expert). */
  async function queueReviewer(tasks: Task[], roles = [Role.REVIEWER]): Promise<TestUser> {
    const reviewer = await api.factory.user(roles);
    await declareReviewerSkills(reviewer, tasks);
    return reviewer;
  }
  const submit = (taskId: string, by: TestUser) =>
    api.gql.ok(
      SUBMIT,
      {
        input: {
          taskId,
          links: ['https://github.com/acme/books/pull/7'],
          notes: '',
          hoursSpent: 2,
        },
      },
      by.token,
    );
  const review = (task: Task, by: TestUser, verdict = 'APPROVE') =>
    api.gql.request(
      REVIEW,
      {
        input: {
          taskId: task.id,
          verdict,
          overallScore: verdict === 'APPROVE' ? 5 : 1,
          assessments: fixtures.assessments(task, verdict === 'APPROVE' ? [] : [0]),
          feedback: verdict === 'APPROVE' ? null : 'The first criterion is not met',
        },
      },
      by.token,
    );
  const queueIds = async (user: TestUser) =>
    (
      await api.gql.ok<{ reviewQueue: { edges: { node: { id: string } }[] } }>(
        QUEUE,
        {},
        user.token,
      )
    ).reviewQueue.edges.map((e) => e.node.id);

  /** What a review would have written for this task and user: reviews, payouts, ledger entries. */
  async function traces(taskId: string, userId: string) {
    const [row] = await db.query<
      { status: string; reviews: string; payouts: string; entries: string }[]
    >(
      `SELECT t.status,
              (SELECT count(*) FROM task_reviews r WHERE r.task_id = t.id) AS reviews,
              (SELECT count(*) FROM payouts p WHERE p.task_ref = t.id::text OR p.freelancer_id = $2) AS payouts,
              (SELECT count(*) FROM ledger_entries e WHERE position($2::text in e.account) > 0) AS entries
         FROM marketplace_tasks t WHERE t.id = $1`,
      [taskId, userId],
    );
    return {
      status: row.status,
      reviews: Number(row.reviews),
      payouts: Number(row.payouts),
      entries: Number(row.entries),
    };
  }

  it('refuses the self-approval attack: one FREELANCER+REVIEWER account claims, submits and approves its own work', async () => {
    const { tasks } = await fundedProject({ expert: false });
    const task = openTask(tasks);
    const attacker = await api.factory.user([Role.FREELANCER, Role.REVIEWER], 'Mallory', {
      reviewer: 'PENDING',
    });
    await qualifyAsFreelancer(attacker, tasks);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, attacker.token);
    await submit(task.id, attacker);

    // Signing up as a reviewer gives no reviewer powers: the application waits.
    expect(errorCodes(await declareReviewerSkills(attacker, tasks))).toEqual([ErrorCode.FORBIDDEN]);
    expect(errorCodes(await api.gql.request(QUEUE, {}, attacker.token))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
    expect(errorCodes(await review(task, attacker))).toEqual([ErrorCode.FORBIDDEN]);

    // Even once vetted, nobody judges work they hold.
    const { myReviewerApplication } = await api.gql.ok<{ myReviewerApplication: { id: string } }>(
      ME,
      {},
      attacker.token,
    );
    await api.gql.ok(
      DECIDE,
      { input: { applicationId: myReviewerApplication.id, decision: 'APPROVE' } },
      await adminToken(),
    );
    const vetted = { ...attacker, token: await fixtures.logIn(api, attacker) };
    expect((await declareReviewerSkills(vetted, tasks)).errors).toBeUndefined();
    expect(await queueIds(vetted)).not.toContain(task.id);
    const refused = await review(task, vetted);
    expect(errorCodes(refused)).toEqual([ErrorCode.FORBIDDEN]);
    expect(reasonOf(refused)).toBe('HOLDS_WORK');

    expect(await traces(task.id, attacker.id)).toEqual({
      status: 'SUBMITTED',
      reviews: 0,
      payouts: 0,
      entries: 0,
    });
  });

  it('reads the reviewer role from the database: a token that still carries it cannot review once it is gone', async () => {
    const { tasks } = await fundedProject({ expert: false });
    const task = openTask(tasks);
    const freelancer = await fixtures.qualifiedFreelancer(api, tasks, { onboard: true });
    const reviewer = await queueReviewer(tasks);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);
    await submit(task.id, freelancer);
    expect(await queueIds(reviewer)).toContain(task.id);

    await db.query(`UPDATE users SET roles = array_remove(roles, 'REVIEWER') WHERE id = $1`, [
      reviewer.id,
    ]);
    expect(errorCodes(await api.gql.request(QUEUE, {}, reviewer.token))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
    expect(errorCodes(await review(task, reviewer))).toEqual([ErrorCode.FORBIDDEN]);
    expect(errorCodes(await declareReviewerSkills(reviewer, tasks))).toEqual([ErrorCode.FORBIDDEN]);
    expect(await traces(task.id, reviewer.id)).toMatchObject({ status: 'SUBMITTED', reviews: 0 });
  });

  it('vets reviewers: an application waits for an admin, a refusal says why and holds for 30 days, an approval grants the role from the next session', async () => {
    const applicant = await api.newUser([Role.REVIEWER], 'Rick', { reviewer: 'PENDING' });
    const before = await api.gql.ok<{
      me: { roles: string[] };
      myReviewerApplication: { id: string; status: string };
    }>(ME, {}, applicant.token);
    expect(before.me.roles).toEqual([]);
    expect(before.myReviewerApplication).toMatchObject({ status: 'PENDING' });
    const applicationId = before.myReviewerApplication.id;

    const pending = await api.gql.ok<{
      reviewerApplications: { edges: { node: { id: string; userId: string } }[] };
    }>(APPLICATIONS, { status: 'PENDING' }, await adminToken());
    expect(pending.reviewerApplications.edges.map((e) => e.node)).toContainEqual({
      id: applicationId,
      userId: applicant.id,
      status: 'PENDING',
    });
    expect(errorCodes(await api.gql.request(APPLY, { input: {} }, applicant.token))).toEqual([
      ErrorCode.CONFLICT,
    ]);
    expect(
      errorCodes(
        await api.gql.request(
          DECIDE,
          { input: { applicationId, decision: 'APPROVE' } },
          applicant.token,
        ),
      ),
    ).toEqual([ErrorCode.FORBIDDEN]);

    // A refusal must say why; without a reason nothing changes.
    expect(
      errorCodes(
        await api.gql.request(
          DECIDE,
          { input: { applicationId, decision: 'REFUSE' } },
          await adminToken(),
        ),
      ),
    ).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(
      (await api.gql.ok<{ myReviewerApplication: { status: string } }>(ME, {}, applicant.token))
        .myReviewerApplication.status,
    ).toBe('PENDING');
    const refusal = await api.gql.ok<{
      decideReviewerApplication: {
        application: { status: string; reason: string; decidedById: string };
      };
    }>(
      DECIDE,
      { input: { applicationId, decision: 'REFUSE', reason: 'No review experience shown' } },
      await adminToken(),
    );
    expect(refusal.decideReviewerApplication.application).toEqual({
      id: applicationId,
      status: 'REFUSED',
      reason: 'No review experience shown',
      decidedById: admin.id,
    });
    expect(
      errorCodes(
        await api.gql.request(
          DECIDE,
          { input: { applicationId, decision: 'APPROVE' } },
          await adminToken(),
        ),
      ),
    ).toEqual([ErrorCode.INVALID_TRANSITION]);
    const early = await api.gql.request(
      APPLY,
      { input: { motivation: 'Ten years of code review' } },
      applicant.token,
    );
    expect(errorCodes(early)).toEqual([ErrorCode.CONFLICT]);

    // After the cool-down, a new application; approved, the next session carries the role.
    api.clock.set(new Date(api.clock.now().getTime() + 30 * 86_400_000));
    const fresh = { ...applicant, token: await fixtures.logIn(api, applicant) };
    const again = await api.gql.ok<{
      applyAsReviewer: { application: { id: string; status: string } };
    }>(APPLY, { input: { motivation: 'Ten years of code review' } }, fresh.token);
    expect(again.applyAsReviewer.application.status).toBe('PENDING');
    await api.gql.ok(
      DECIDE,
      { input: { applicationId: again.applyAsReviewer.application.id, decision: 'APPROVE' } },
      await adminToken(),
    );
    // The token from before the approval does not carry the role.
    expect(errorCodes(await api.gql.request(QUEUE, {}, fresh.token))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
    const approved = { ...applicant, token: await fixtures.logIn(api, applicant) };
    const after = await api.gql.ok<{
      me: { roles: string[] };
      myReviewerApplication: { status: string; decidedById: string };
    }>(ME, {}, approved.token);
    expect(after.me.roles).toEqual([Role.REVIEWER]);
    expect(after.myReviewerApplication).toMatchObject({
      status: 'APPROVED',
      decidedById: admin.id,
    });
    expect((await api.gql.request(QUEUE, {}, approved.token)).errors).toBeUndefined();
  });

  it('refuses a colluding partner in the same organization when the project says so, a pending or refused reviewer, and lets an unrelated approved reviewer approve', async () => {
    const { owner, projectId, tasks } = await fundedProject({ expert: false });
    const task = openTask(tasks);
    const partner = await fixtures.qualifiedFreelancer(api, tasks, { onboard: true });
    const colluder = await queueReviewer(tasks, [Role.FREELANCER, Role.REVIEWER, Role.OWNER]);
    const organization = await api.gql.ok<{ createOrganization: { id: string } }>(
      CREATE_ORG,
      { input: { name: 'Mallory & partner' } },
      colluder.token,
    );
    await api.gql.ok(
      ADD_MEMBERS,
      { input: { organizationId: organization.createOrganization.id, userIds: [partner.id] } },
      colluder.token,
    );
    expect(
      errorCodes(
        await api.gql.request(
          POLICY,
          { input: { projectId, excludeSameOrganizationReviewers: true } },
          colluder.token,
        ),
      ),
    ).toEqual([ErrorCode.NOT_FOUND]);
    const policy = await api.gql.ok<{ setProjectReviewPolicy: unknown }>(
      POLICY,
      { input: { projectId, excludeSameOrganizationReviewers: true } },
      owner.token,
    );
    expect(policy.setProjectReviewPolicy).toEqual({
      projectId,
      excludeSameOrganizationReviewers: true,
    });
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, partner.token);
    await submit(task.id, partner);

    expect(await queueIds(colluder)).not.toContain(task.id);
    const sameOrganization = await review(task, colluder);
    expect(errorCodes(sameOrganization)).toEqual([ErrorCode.FORBIDDEN]);
    expect(reasonOf(sameOrganization)).toBe('SAME_ORGANIZATION');

    const pending = await api.factory.user([Role.REVIEWER], 'Pending', { reviewer: 'PENDING' });
    expect(errorCodes(await review(task, pending))).toEqual([ErrorCode.FORBIDDEN]);
    const refused = await api.factory.user([Role.REVIEWER], 'Refused', { reviewer: 'PENDING' });
    const { myReviewerApplication } = await api.gql.ok<{ myReviewerApplication: { id: string } }>(
      ME,
      {},
      refused.token,
    );
    await api.gql.ok(
      DECIDE,
      { input: { applicationId: myReviewerApplication.id, decision: 'REFUSE', reason: 'Unknown' } },
      await adminToken(),
    );
    const refusedToken = await fixtures.logIn(api, refused);
    expect(errorCodes(await review(task, { ...refused, token: refusedToken }))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
    expect(await traces(task.id, colluder.id)).toEqual({
      status: 'SUBMITTED',
      reviews: 0,
      payouts: 0,
      entries: 0,
    });

    const unrelated = await queueReviewer(tasks);
    expect(await queueIds(unrelated)).toContain(task.id);
    expect((await review(task, unrelated)).errors).toBeUndefined();
    expect(await traces(task.id, unrelated.id)).toMatchObject({ status: 'APPROVED', reviews: 1 });
    expect((await traces(task.id, unrelated.id)).entries).toBeGreaterThan(0);
  });

  it('lets a same-organization reviewer judge the work of a project that does not exclude them', async () => {
    const { tasks } = await fundedProject({ expert: false });
    const task = openTask(tasks);
    const partner = await fixtures.qualifiedFreelancer(api, tasks, { onboard: true });
    const colleague = await queueReviewer(tasks, [Role.REVIEWER, Role.OWNER]);
    const organization = await api.gql.ok<{ createOrganization: { id: string } }>(
      CREATE_ORG,
      { input: { name: 'Agency' } },
      colleague.token,
    );
    await api.gql.ok(
      ADD_MEMBERS,
      { input: { organizationId: organization.createOrganization.id, userIds: [partner.id] } },
      colleague.token,
    );
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, partner.token);
    await submit(task.id, partner);
    expect(await queueIds(colleague)).toContain(task.id);
    expect((await review(task, colleague)).errors).toBeUndefined();
  });

  it("refuses the owner reviewing their own project's work, as reviewer or as its expert", async () => {
    const owner = await api.factory.user([Role.OWNER, Role.REVIEWER]);
    const { projectId, tasks } = await fundedProject({ owner, expert: false });
    await declareReviewerSkills(owner, tasks);
    const task = openTask(tasks);
    const freelancer = await fixtures.qualifiedFreelancer(api, tasks, { onboard: true });
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);
    await submit(task.id, freelancer);

    expect(await queueIds(owner)).not.toContain(task.id);
    const refused = await review(task, owner);
    expect(errorCodes(refused)).toEqual([ErrorCode.FORBIDDEN]);
    expect(reasonOf(refused)).toBe('OWNS_PROJECT');
    const assignSelf = await api.gql.request(
      ASSIGN,
      { input: { projectId, reviewerId: owner.id } },
      owner.token,
    );
    expect(errorCodes(assignSelf)).toEqual([ErrorCode.FORBIDDEN]);
    expect(reasonOf(assignSelf)).toBe('OWNS_PROJECT');
    expect(await traces(task.id, owner.id)).toMatchObject({ status: 'SUBMITTED', reviews: 0 });
    const [{ count }] = await db.query<{ count: string }[]>(
      `SELECT count(*) FROM project_reviewers WHERE project_id = $1`,
      [projectId],
    );
    expect(Number(count)).toBe(0);
  });

  it('refuses a former holder after they released the task, in the queue, the review and as expert', async () => {
    const { owner, projectId, tasks } = await fundedProject({ expert: false });
    const task = openTask(tasks);
    const formerHolder = await queueReviewer(tasks, [Role.FREELANCER, Role.REVIEWER]);
    await qualifyAsFreelancer(formerHolder, tasks);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, formerHolder.token);
    await api.gql.ok(RELEASE, { input: { taskId: task.id } }, formerHolder.token);
    const freelancer = await fixtures.qualifiedFreelancer(api, tasks, { onboard: true });
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);
    await submit(task.id, freelancer);

    expect(await queueIds(formerHolder)).not.toContain(task.id);
    const refused = await review(task, formerHolder);
    expect(errorCodes(refused)).toEqual([ErrorCode.FORBIDDEN]);
    expect(reasonOf(refused)).toBe('HOLDS_WORK');
    const asExpert = await api.gql.request(
      ASSIGN,
      { input: { projectId, reviewerId: formerHolder.id } },
      owner.token,
    );
    expect(errorCodes(asExpert)).toEqual([ErrorCode.FORBIDDEN]);
    expect(reasonOf(asExpert)).toBe('HOLDS_WORK');
    expect(await traces(task.id, formerHolder.id)).toMatchObject({
      status: 'SUBMITTED',
      reviews: 0,
      entries: 0,
    });
  });

  it("refuses the project's expert claiming or being offered one of its tasks", async () => {
    const expert = await api.factory.user([Role.FREELANCER, Role.REVIEWER]);
    const { owner, tasks } = await fundedProject({ reviewer: expert });
    await qualifyAsFreelancer(expert, tasks);
    const task = openTask(tasks);

    const claim = await api.gql.request(CLAIM, { input: { taskId: task.id } }, expert.token);
    expect(errorCodes(claim)).toEqual([ErrorCode.FORBIDDEN]);
    expect(reasonOf(claim)).toBe('PROJECT_REVIEWER');
    const offer = await api.gql.request(
      OFFER,
      { input: { taskId: task.id, freelancerId: expert.id } },
      owner.token,
    );
    expect(errorCodes(offer)).toEqual([ErrorCode.FORBIDDEN]);
    expect(reasonOf(offer)).toBe('PROJECT_REVIEWER');
    const [row] = await db.query<{ status: string; offers: string }[]>(
      `SELECT status, (SELECT count(*) FROM task_offers WHERE task_id = $1) AS offers
         FROM marketplace_tasks WHERE id = $1`,
      [task.id],
    );
    expect(row).toEqual({ status: 'OPEN', offers: '0' });
  });

  it('refuses an admin resolving an appeal they are party to: as the rejecting reviewer or as the owner', async () => {
    const ownerAdmin = await api.factory.admin();
    const { tasks } = await fundedProject({ owner: ownerAdmin, expert: false });
    const first = openTask(tasks);
    const rejectingAdmin = await api.factory.admin();
    const otherAdmin = await api.factory.admin();

    async function rejectedAndAppealed(task: Task): Promise<string> {
      const freelancer = await fixtures.qualifiedFreelancer(api, tasks, { onboard: true });
      await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);
      await submit(task.id, freelancer);
      expect((await review(task, rejectingAdmin, 'REJECT')).errors).toBeUndefined();
      const { appealRejection } = await api.gql.ok<{ appealRejection: { id: string } }>(
        APPEAL,
        { input: { taskId: task.id, reason: 'Every criterion is met, see the pull request' } },
        freelancer.token,
      );
      return appealRejection.id;
    }
    const resolve = (appealId: string, by: TestUser) =>
      api.gql.request(
        RESOLVE,
        { input: { appealId, overturn: true, note: 'Criteria are met' } },
        by.token,
      );

    const appealId = await rejectedAndAppealed(first);
    const byRejecter = await resolve(appealId, rejectingAdmin);
    expect(errorCodes(byRejecter)).toEqual([ErrorCode.FORBIDDEN]);
    expect(reasonOf(byRejecter)).toBe('JUDGES_OWN_DECISION');
    const byOwner = await resolve(appealId, ownerAdmin);
    expect(errorCodes(byOwner)).toEqual([ErrorCode.FORBIDDEN]);
    expect(reasonOf(byOwner)).toBe('OWNS_PROJECT');
    const [appeal] = await db.query<{ status: string }[]>(
      `SELECT status FROM task_appeals WHERE id = $1`,
      [appealId],
    );
    expect(appeal.status).toBe('OPEN');
    expect(await traces(first.id, rejectingAdmin.id)).toMatchObject({ status: 'OPEN', entries: 0 });

    const fair = await resolve(appealId, otherAdmin);
    expect(fair.errors).toBeUndefined();
    expect(fair.data).toEqual({ resolveAppeal: { appeal: { status: 'OVERTURNED' } } });
  });

  it('refuses an admin resolving their own appeal', async () => {
    const { tasks } = await fundedProject({ expert: false });
    const task = openTask(tasks);
    const appellant = await api.factory.admin();
    await qualifyAsFreelancer(appellant, tasks);
    const reviewer = await queueReviewer(tasks);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, appellant.token);
    await submit(task.id, appellant);
    expect((await review(task, reviewer, 'REJECT')).errors).toBeUndefined();
    const { appealRejection } = await api.gql.ok<{ appealRejection: { id: string } }>(
      APPEAL,
      { input: { taskId: task.id, reason: 'Every criterion is met, see the pull request' } },
      appellant.token,
    );
    const own = await api.gql.request(
      RESOLVE,
      { input: { appealId: appealRejection.id, overturn: true, note: 'Mine is fine' } },
      appellant.token,
    );
    expect(errorCodes(own)).toEqual([ErrorCode.FORBIDDEN]);
    expect(reasonOf(own)).toBe('HOLDS_WORK');
    expect(await traces(task.id, appellant.id)).toMatchObject({ status: 'OPEN', payouts: 0 });
  });
});
