import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { JobRunner } from '@splitwork/jobs';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes, TestSmtpServer } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import * as fixtures from './market-fixtures';

/*
 * The collaboration journey of issue 10, through GraphQL as each person's
 * client would drive it: every id a person uses was shown to them by the API
 * (a query result or a notification): the reviewer declares the skills they
 * judge, and the owner finds them among the recommended reviewers of the
 * project by the name they go by and makes them its expert. Notifications are
 * asserted in each inbox and, for the kinds emailed by default, as mail the
 * real SMTP server on 127.0.0.1 received; the deliverable is a page served on
 * 127.0.0.1 that the reviewer opens from the submission's link.
 */

jest.setTimeout(180_000);

const BRIEF = `# Book club app
A web app where book clubs plan their meetings.
- Members sign up with email and join a club
- Organisers schedule meetings and members RSVP
- Members vote on the next book`;

interface OpenTask {
  id: string;
  title: string;
  status: string;
  skills: { skill: string; minLevel: number }[];
  price: { amountCents: number; currency: string };
  project: { title: string };
}

interface OpenTaskPage {
  edges: { node: OpenTask }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface ReviewerCandidate {
  reviewerId: string;
  displayName: string;
  coveredTasks: number;
  projectTasks: number;
  reviewsWritten: number;
  profile: { skills: { skill: string; minLevel: number }[] };
}

interface ReviewerCandidatePage {
  edges: { node: ReviewerCandidate }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface Notification {
  id: string;
  kind: string;
  subject: string;
  body: string;
  taskId: string | null;
  projectId: string | null;
}

interface Message {
  id: string;
  authorId: string;
  visibility: string;
  body: string | null;
}

interface WorkView {
  id: string;
  title: string;
  status: string;
  revision: number;
  scorecard: { id: string; text: string }[];
  submissions: { revision: number; links: string[]; notes: string }[] | null;
  reviews:
    | {
        revision: number;
        verdict: string;
        feedback: string;
        reviewerId: string | null;
        criteria: { criterionId: string; passed: boolean; comment: string | null }[];
      }[]
    | null;
}

interface Payout {
  id: string;
  status: string;
  payeeRole: string;
  taskRef: string;
  amount: { amountCents: number; currency: string };
}

const NOTIFICATION_FIELDS = 'id kind subject body taskId projectId';
const INBOX = `query { notifications(first: 100) { edges { node { ${NOTIFICATION_FIELDS} } } } }`;
const MARK_READ = `mutation($input: MarkNotificationsReadInput!) {
  markNotificationsRead(input: $input) { marked unreadCount } }`;
const ME = `query { me { id } }`;
const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }`;
const PLAN = `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`;
const RUN = `query($id: ID!) { planningRun(id: $id) { status } }`;
const FUND = `mutation($input: FundProjectInput!) { fundProject(input: $input) { funding { status } } }`;
const PROJECT = `query($id: ID!) { project(id: $id) { status } }`;
const ASSIGN = `mutation($input: AssignReviewerInput!) { assignProjectReviewer(input: $input) }`;
const OPEN_TASKS = `query($after: String) { openTasks(first: 50, after: $after) {
  edges { node { id title status skills { skill minLevel } price { amountCents currency } project { title } } }
  pageInfo { hasNextPage endCursor } } }`;
const PROFILE = `mutation($input: UpdateFreelancerProfileInput!) {
  updateFreelancerProfile(input: $input) { weeklyHours } }`;
const REVIEWER_PROFILE = `mutation($input: UpdateReviewerProfileInput!) {
  updateReviewerProfile(input: $input) { skills { skill } } }`;
/** What the journey's reviewers are experts in: the web stack's skills. */
const REVIEWER_SKILLS = [
  'react',
  'typescript',
  'nestjs',
  'graphql',
  'postgresql',
  'typeorm',
  'ui-design',
  'figma',
  'test-automation',
  'playwright',
  'api-testing',
  'ci-cd',
  'docker',
];
const RECOMMENDED_REVIEWERS = `query($projectId: ID!, $after: String) {
  recommendedReviewers(projectId: $projectId, first: 20, after: $after) {
    edges { node { reviewerId displayName coveredTasks projectTasks reviewsWritten
      profile { skills { skill minLevel } } } }
    pageInfo { hasNextPage endCursor } } }`;
const ONBOARD = `mutation { startPayoutOnboarding { account { payoutsEnabled } } }`;
const POST = `mutation($input: PostTaskMessageInput!) { postTaskMessage(input: $input) {
  message { id authorId visibility body } } }`;
const THREAD = `query($taskId: ID!) { taskThread(taskId: $taskId, first: 50) {
  edges { node { id authorId visibility body } } } }`;
const CLAIM = `mutation($input: TaskRefInput!) { claimTask(input: $input) { id status } }`;
const WORK = `query($id: ID!) { task(id: $id) { id title status revision scorecard { id text }
  submissions { revision links notes }
  reviews { revision verdict feedback reviewerId criteria { criterionId passed comment } } } }`;
const SUBMIT = `mutation($input: SubmitTaskInput!) { submitTask(input: $input) { revision } }`;
const QUEUE = `query { reviewQueue(first: 20) { edges { node { id title status } } } }`;
const REVIEW = `mutation($input: ReviewTaskInput!) { reviewTask(input: $input) { task { status revision } } }`;
const MY_PAYOUTS = `query { myPayouts(first: 50) { edges { node {
  id status payeeRole taskRef amount { amountCents currency } } } } }`;
const LEDGER = `query($ids: [String!]!) { ledgerBalances(accountOwnerIds: $ids) {
  totals { amountCents currency } } }`;
const DISPUTE = `mutation($input: DisputeTaskInput!) { disputeTask(input: $input) { dispute { id status } } }`;
const OPEN_DISPUTES = `query($after: String) { openDisputes(first: 50, after: $after) {
  edges { node { id taskId status } } pageInfo { hasNextPage endCursor } } }`;
const RESOLVE = `mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { dispute { status } } }`;

const QUESTION = 'Should the sign-up form also accept a Google account, or email only?';
const ANSWER = 'Email only for now; Google sign-in comes later.';
const PRIVATE_NOTE = 'Started: I will use the existing design tokens for the form.';
const CRITERION_COMMENT = 'The error message for a taken email address is missing.';
const FEEDBACK = 'Nearly there: one criterion is not met yet.';
const DELIVERABLE = 'Sign-up form: email, password, and an error for a taken address.';

/** Emailed by default: every kind but THREAD_MESSAGE (notification-kind.ts). */
const emailed = (kinds: readonly string[]) => kinds.filter((k) => k !== 'THREAD_MESSAGE');

interface OpenDispute {
  id: string;
  taskId: string;
  status: string;
}

interface OpenDisputePage {
  edges: { node: OpenDispute }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('the collaboration journey: owner, freelancer and reviewer through the API only', () => {
  let api: ApiHarness;
  let smtp: TestSmtpServer;
  let deliverables: Server;
  let deliverableBase: string;
  const opened: string[] = [];

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    deliverables = createServer((req, res) => {
      opened.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/plain' }).end(DELIVERABLE);
    });
    await new Promise<void>((resolve) => deliverables.listen(0, '127.0.0.1', resolve));
    deliverableBase = `http://127.0.0.1:${(deliverables.address() as AddressInfo).port}`;
    api = await startApi({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Splitwork <notify@splitwork.test>',
      PUBLIC_URL: 'http://splitwork.test',
    });
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
    await new Promise((resolve) => deliverables?.close(resolve));
  });

  const drain = () => api.app.get(JobRunner).drain();

  async function inbox(user: TestUser): Promise<Notification[]> {
    const { notifications } = await api.gql.ok<{
      notifications: { edges: { node: Notification }[] };
    }>(INBOX, {}, user.token);
    return notifications.edges.map((e) => e.node);
  }

  /** The kinds in the inbox, oldest first. */
  const kinds = async (user: TestUser) => (await inbox(user)).map((n) => n.kind).reverse();

  /** The subjects of the mail the SMTP server accepted for `user`, in the order received. */
  const mailSubjects = (user: TestUser) => smtp.to(user.email).map((m) => m.subject ?? '');

  /** The newest notification of `kind`, failing when there is none. */
  async function newest(user: TestUser, kind: string): Promise<Notification> {
    const found = (await inbox(user)).find((n) => n.kind === kind);
    if (!found) throw new Error(`no ${kind} notification`);
    return found;
  }

  const thread = async (user: TestUser, taskId: string): Promise<Message[]> =>
    (
      await api.gql.ok<{ taskThread: { edges: { node: Message }[] } }>(
        THREAD,
        { taskId },
        user.token,
      )
    ).taskThread.edges.map((e) => e.node);

  /** Every dispute waiting for a decision, page after page (other files' ones too). */
  async function allOpenDisputes(by: TestUser): Promise<OpenDispute[]> {
    const all: OpenDispute[] = [];
    let after: string | null = null;
    for (;;) {
      const page: OpenDisputePage = (
        await api.gql.ok<{ openDisputes: OpenDisputePage }>(OPEN_DISPUTES, { after }, by.token)
      ).openDisputes;
      all.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return all;
      after = page.pageInfo.endCursor;
    }
  }

  const work = async (user: TestUser, id: string): Promise<WorkView> =>
    (await api.gql.ok<{ task: WorkView }>(WORK, { id }, user.token)).task;

  const myPayouts = async (user: TestUser): Promise<Payout[]> =>
    (
      await api.gql.ok<{ myPayouts: { edges: { node: Payout }[] } }>(MY_PAYOUTS, {}, user.token)
    ).myPayouts.edges.map((e) => e.node);

  const scorecardWith = (scorecard: WorkView['scorecard'], failed: string | null) =>
    scorecard.map((c) => ({
      criterionId: c.id,
      passed: c.id !== failed,
      comment: c.id === failed ? CRITERION_COMMENT : null,
    }));

  /** The owner writes a brief, plans it, reads the plan is ready in the inbox, and funds it. */
  async function ownerPlansAndFunds(owner: TestUser, title: string): Promise<string> {
    const { createProject } = await api.gql.ok<{ createProject: { project: { id: string } } }>(
      CREATE,
      {
        input: { title, brief: BRIEF, platforms: ['WEB'], budgetCents: 5_000_000, currency: 'USD' },
      },
      owner.token,
    );
    const projectId = createProject.project.id;
    const { planProject } = await api.gql.ok<{ planProject: { run: { id: string } } }>(
      PLAN,
      { input: { projectId } },
      owner.token,
    );
    await drain();
    const { planningRun } = await api.gql.ok<{ planningRun: { status: string } }>(
      RUN,
      { id: planProject.run.id },
      owner.token,
    );
    expect(planningRun.status).toBe('SUCCEEDED');
    expect((await newest(owner, 'PLANNING_FINISHED')).projectId).toBe(projectId);
    await api.gql.ok(FUND, { input: { projectId } }, owner.token);
    await drain();
    const { project } = await api.gql.ok<{ project: { status: string } }>(
      PROJECT,
      { id: projectId },
      owner.token,
    );
    expect(project.status).toBe('FUNDED');
    expect((await newest(owner, 'FUNDING_CONFIRMED')).projectId).toBe(projectId);
    return projectId;
  }

  /** The board's OPEN tasks of the project titled `projectTitle`, page by page (other tests' projects may be on it too). */
  async function boardTasksOf(user: TestUser, projectTitle: string): Promise<OpenTask[]> {
    const found: OpenTask[] = [];
    let after: string | null = null;
    do {
      const { openTasks }: { openTasks: OpenTaskPage } = await api.gql.ok<{
        openTasks: OpenTaskPage;
      }>(OPEN_TASKS, { after }, user.token);
      found.push(
        ...openTasks.edges
          .map((e) => e.node)
          .filter((t) => t.status === 'OPEN' && t.project.title === projectTitle),
      );
      after = openTasks.pageInfo.hasNextPage ? openTasks.pageInfo.endCursor : null;
    } while (after);
    return found;
  }

  /**
   * The reviewer declares the skills they judge (a full-stack web expert); the
   * owner finds them among the project's recommended reviewers by their name
   * and makes them the project's expert.
   */
  async function ownerAssigns(
    owner: TestUser,
    reviewer: TestUser,
    reviewerName: string,
    projectId: string,
  ) {
    await api.gql.ok(
      REVIEWER_PROFILE,
      { input: { skills: REVIEWER_SKILLS.map((skill) => ({ skill, level: 5 })) } },
      reviewer.token,
    );
    let candidate: ReviewerCandidate | undefined;
    let after: string | null = null;
    do {
      const { recommendedReviewers: page }: { recommendedReviewers: ReviewerCandidatePage } =
        await api.gql.ok<{ recommendedReviewers: ReviewerCandidatePage }>(
          RECOMMENDED_REVIEWERS,
          { projectId, after },
          owner.token,
        );
      candidate = page.edges.map((e) => e.node).find((c) => c.displayName === reviewerName);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (!candidate && after);
    if (!candidate) throw new Error(`the owner finds no reviewer named ${reviewerName}`);
    expect(candidate.coveredTasks).toBeGreaterThan(0);
    expect(candidate.coveredTasks).toBeLessThanOrEqual(candidate.projectTasks);
    expect(candidate.profile.skills.map((s) => s.skill).sort()).toEqual(
      [...REVIEWER_SKILLS].sort(),
    );
    await api.gql.ok(
      ASSIGN,
      { input: { projectId, reviewerId: candidate.reviewerId } },
      owner.token,
    );
  }

  /**
   * The freelancer browses the open tasks, picks the first one of the project
   * they heard of (by its title, as the board shows it) and fills in a profile
   * that fits it.
   */
  async function freelancerFindsATask(
    freelancer: TestUser,
    projectTitle: string,
  ): Promise<OpenTask> {
    const [task] = await boardTasksOf(freelancer, projectTitle);
    if (!task) throw new Error(`the freelancer sees no open task of "${projectTitle}"`);
    await api.gql.ok(
      PROFILE,
      {
        input: {
          skills: task.skills.map((s) => ({ skill: s.skill, level: 5 })),
          weeklyHours: 30,
        },
      },
      freelancer.token,
    );
    return task;
  }

  it('plans, funds, asks, answers, claims, submits, revises after feedback read by email, approves and pays both', async () => {
    const owner = await api.factory.user([Role.OWNER], 'Olive Owner');
    const freelancer = await api.factory.user([Role.FREELANCER], 'Frank Freelancer');
    const reviewer = await api.factory.user([Role.REVIEWER], 'Rita Reviewer');
    const admin = await api.factory.admin();

    // Owner: brief → plan → funds; makes the reviewer the project's expert.
    const projectId = await ownerPlansAndFunds(owner, 'Book club');
    await ownerAssigns(owner, reviewer, 'Rita Reviewer', projectId);

    // Both payees onboard for payouts before the work.
    for (const payee of [freelancer, reviewer]) {
      const { startPayoutOnboarding } = await api.gql.ok<{
        startPayoutOnboarding: { account: { payoutsEnabled: boolean } };
      }>(ONBOARD, {}, payee.token);
      expect(startPayoutOnboarding.account.payoutsEnabled).toBe(true);
    }

    // Freelancer: finds a task and asks a question in its public thread.
    const task = await freelancerFindsATask(freelancer, 'Book club');
    await api.gql.ok(
      POST,
      { input: { taskId: task.id, visibility: 'PUBLIC', body: QUESTION } },
      freelancer.token,
    );

    // Owner and reviewer hear of the question; the owner answers from the notification.
    const question = await newest(owner, 'THREAD_MESSAGE');
    expect(question).toMatchObject({ taskId: task.id, projectId });
    expect(question.body).toContain('Frank Freelancer');
    expect(question.body).toContain(QUESTION);
    expect((await newest(reviewer, 'THREAD_MESSAGE')).taskId).toBe(task.id);
    expect((await thread(owner, question.taskId!)).map((m) => m.body)).toEqual([QUESTION]);
    await api.gql.ok(
      POST,
      { input: { taskId: question.taskId, visibility: 'PUBLIC', body: ANSWER } },
      owner.token,
    );

    // Freelancer reads the answer: told in the inbox, read in the thread.
    const answer = await newest(freelancer, 'THREAD_MESSAGE');
    expect(answer.body).toContain('Olive Owner');
    expect(answer.body).toContain(ANSWER);
    expect((await thread(freelancer, answer.taskId!)).map((m) => m.body)).toEqual([
      QUESTION,
      ANSWER,
    ]);
    // The answer is not a new question: the reviewer is not told of it.
    expect((await inbox(reviewer)).filter((n) => n.kind === 'THREAD_MESSAGE')).toHaveLength(1);

    // Freelancer claims, reads the scorecard, submits a link to the deliverable.
    const { claimTask } = await api.gql.ok<{ claimTask: { status: string } }>(
      CLAIM,
      { input: { taskId: task.id } },
      freelancer.token,
    );
    expect(claimTask.status).toBe('CLAIMED');
    // A minute later, in the private thread of the claimed task: the owner and the reviewer are told.
    api.clock.advance(60_000);
    await api.gql.ok(
      POST,
      { input: { taskId: task.id, visibility: 'PRIVATE', body: PRIVATE_NOTE } },
      freelancer.token,
    );
    for (const user of [owner, reviewer]) {
      const told = await newest(user, 'THREAD_MESSAGE');
      expect(told.body).toContain(PRIVATE_NOTE);
      expect((await thread(user, told.taskId!)).map((m) => m.visibility)).toEqual([
        'PUBLIC',
        'PUBLIC',
        'PRIVATE',
      ]);
    }
    const claimed = await work(freelancer, task.id);
    expect(claimed.scorecard.length).toBeGreaterThanOrEqual(1);
    expect(claimed.scorecard[0].id).toBe('AC1');
    const firstLink = `${deliverableBase}/deliverables/${task.id}/1`;
    await api.gql.ok(
      SUBMIT,
      { input: { taskId: task.id, links: [firstLink], notes: 'First version', hoursSpent: 3 } },
      freelancer.token,
    );
    await drain();

    // Reviewer: told of the submission, finds it in the queue, opens the link.
    const waiting = await newest(reviewer, 'SUBMISSION_WAITING_FOR_REVIEW');
    expect(waiting.taskId).toBe(task.id);
    const { reviewQueue } = await api.gql.ok<{
      reviewQueue: { edges: { node: { id: string; status: string } }[] };
    }>(QUEUE, {}, reviewer.token);
    // The queue also offers other projects' submissions that fit the reviewer's skills.
    const queued = reviewQueue.edges.map((e) => e.node).filter((t) => t.id === waiting.taskId);
    expect(queued).toEqual([expect.objectContaining({ id: task.id, status: 'SUBMITTED' })]);
    const submitted = await work(reviewer, queued[0].id);
    expect(submitted.submissions).toEqual([
      { revision: 1, links: [firstLink], notes: 'First version' },
    ]);
    const page = await fetch(submitted.submissions![0].links[0]);
    expect(await page.text()).toBe(DELIVERABLE);
    expect(opened).toContain(`/deliverables/${task.id}/1`);

    // Reviewer requests changes on the last criterion, with a comment.
    const failed = submitted.scorecard.at(-1)!;
    const { reviewTask: changes } = await api.gql.ok<{
      reviewTask: { task: { status: string; revision: number } };
    }>(
      REVIEW,
      {
        input: {
          taskId: submitted.id,
          verdict: 'REQUEST_CHANGES',
          overallScore: 3,
          assessments: scorecardWith(submitted.scorecard, failed.id),
          feedback: FEEDBACK,
        },
      },
      reviewer.token,
    );
    expect(changes.task).toEqual({ status: 'CLAIMED', revision: 2 });
    await drain();

    // Freelancer reads the comment in the email the SMTP server received and in the inbox.
    const inInbox = await newest(freelancer, 'CHANGES_REQUESTED');
    expect(inInbox.taskId).toBe(task.id);
    expect(inInbox.body).toContain(FEEDBACK);
    expect(inInbox.body).toContain(CRITERION_COMMENT);
    const mail = smtp.to(freelancer.email).find((m) => m.subject === inInbox.subject);
    expect(mail?.text).toContain(FEEDBACK);
    expect(mail?.text).toContain(`${failed.text} (${CRITERION_COMMENT})`);
    // ... and the criterion's comment in the task's reviews.
    const afterReview = await work(freelancer, inInbox.taskId!);
    expect(afterReview.reviews).toEqual([
      expect.objectContaining({
        revision: 1,
        verdict: 'REQUEST_CHANGES',
        feedback: FEEDBACK,
        criteria: expect.arrayContaining([
          { criterionId: failed.id, passed: false, comment: CRITERION_COMMENT },
        ]),
      }),
    ]);

    // Freelancer resubmits; the reviewer approves the second revision.
    const secondLink = `${deliverableBase}/deliverables/${task.id}/2`;
    await api.gql.ok(
      SUBMIT,
      { input: { taskId: task.id, links: [secondLink], notes: 'Error added', hoursSpent: 1 } },
      freelancer.token,
    );
    await drain();
    const waitingAgain = (await inbox(reviewer)).filter(
      (n) => n.kind === 'SUBMISSION_WAITING_FOR_REVIEW',
    );
    expect(waitingAgain).toHaveLength(2);
    const resubmitted = await work(reviewer, waitingAgain[0].taskId!);
    expect(resubmitted.submissions?.map((s) => s.links[0])).toEqual([firstLink, secondLink]);
    expect(await (await fetch(secondLink)).text()).toBe(DELIVERABLE);
    const { reviewTask: approval } = await api.gql.ok<{ reviewTask: { task: { status: string } } }>(
      REVIEW,
      {
        input: {
          taskId: resubmitted.id,
          verdict: 'APPROVE',
          overallScore: 5,
          assessments: scorecardWith(resubmitted.scorecard, null),
          feedback: 'All criteria met.',
        },
      },
      reviewer.token,
    );
    expect(approval.task.status).toBe('APPROVED');
    await drain();

    // Both are paid: the freelancer the price, the reviewer the fee.
    const [freelancerPayout] = await myPayouts(freelancer);
    expect(freelancerPayout).toMatchObject({
      status: 'PAID',
      payeeRole: 'FREELANCER',
      taskRef: task.id,
      amount: task.price,
    });
    const [reviewerPayout] = await myPayouts(reviewer);
    expect(reviewerPayout).toMatchObject({
      status: 'PAID',
      payeeRole: 'REVIEWER',
      taskRef: task.id,
    });
    expect(reviewerPayout.amount.amountCents).toBe(
      Math.floor((task.price.amountCents * 500) / 10_000),
    );
    expect((await newest(freelancer, 'TASK_PAID')).body).toContain(
      `${(task.price.amountCents / 100).toFixed(2)} USD`,
    );
    expect((await newest(reviewer, 'TASK_PAID')).body).toContain(
      `${(reviewerPayout.amount.amountCents / 100).toFixed(2)} USD`,
    );
    expect((await work(owner, task.id)).status).toBe('PAID');

    // Owner reads the reviews and disputes nothing: no dispute is open.
    const done = await work(owner, task.id);
    expect(done.reviews?.map((r) => [r.revision, r.verdict])).toEqual([
      [1, 'REQUEST_CHANGES'],
      [2, 'APPROVE'],
    ]);
    const { me: reviewerMe } = await api.gql.ok<{ me: { id: string } }>(ME, {}, reviewer.token);
    expect(done.reviews?.map((r) => r.reviewerId)).toEqual([reviewerMe.id, reviewerMe.id]);
    expect(done.reviews?.[0].criteria).toContainEqual({
      criterionId: failed.id,
      passed: false,
      comment: CRITERION_COMMENT,
    });
    // Other files of the suite leave disputes open in the shared database: none is this task's.
    expect((await allOpenDisputes(admin)).filter((d) => d.taskId === task.id)).toEqual([]);
    const { ledgerBalances } = await api.gql.ok<{
      ledgerBalances: { totals: { amountCents: number }[] };
    }>(LEDGER, { ids: [projectId, owner.id, freelancer.id, reviewer.id, 'platform'] }, admin.token);
    expect(ledgerBalances.totals.every((t) => t.amountCents === 0)).toBe(true);

    // Every notification along the way, in each inbox and, where emailed, at the SMTP server.
    const expected = {
      owner: ['PLANNING_FINISHED', 'FUNDING_CONFIRMED', 'THREAD_MESSAGE', 'THREAD_MESSAGE'],
      freelancer: ['THREAD_MESSAGE', 'CHANGES_REQUESTED', 'TASK_APPROVED', 'TASK_PAID'],
      reviewer: [
        'THREAD_MESSAGE',
        'THREAD_MESSAGE',
        'SUBMISSION_WAITING_FOR_REVIEW',
        'SUBMISSION_WAITING_FOR_REVIEW',
        'TASK_PAID',
      ],
      admin: [] as string[],
    };
    const people = { owner, freelancer, reviewer, admin };
    let delivered = 0;
    const counts: Record<string, number> = {};
    for (const [who, user] of Object.entries(people)) {
      const want = expected[who as keyof typeof expected];
      // Sorted: notifications of one clock instant (planned, then funded) share a timestamp.
      const got = await kinds(user);
      counts[who] = got.length;
      expect({ who, kinds: got.sort() }).toEqual({ who, kinds: [...want].sort() });
      const subjects = (await inbox(user))
        .filter((n) => n.kind !== 'THREAD_MESSAGE')
        .map((n) => n.subject)
        .sort();
      expect({ who, mail: [...mailSubjects(user)].sort() }).toEqual({ who, mail: subjects });
      expect(mailSubjects(user)).toHaveLength(emailed(want).length);
      delivered += mailSubjects(user).length;
    }
    // Each person's mail equals their emailed notifications, one message each (above). No
    // total over the SMTP server: against a PostgreSQL server the job queue is shared with
    // earlier test files, whose leftover emails may go out through this API's runner.
    console.log(
      `journey: notifications per person owner=${counts.owner} freelancer=${counts.freelancer} reviewer=${counts.reviewer} admin=${counts.admin}; emails delivered=${delivered}`,
    );
  });

  it('ends PAID without any admin action when the freelancer onboards only after approval', async () => {
    const owner = await api.factory.user([Role.OWNER], 'Olive Owner');
    const freelancer = await api.factory.user([Role.FREELANCER], 'Late Larry');
    // Another name than the first test's reviewer, who fits this project as well.
    const reviewer = await api.factory.user([Role.REVIEWER], 'Rhea Reviewer');
    const title = 'Book club, late onboarding';
    const projectId = await ownerPlansAndFunds(owner, title);
    await ownerAssigns(owner, reviewer, 'Rhea Reviewer', projectId);
    await api.gql.ok(ONBOARD, {}, reviewer.token);

    const task = await freelancerFindsATask(freelancer, title);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);
    await api.gql.ok(
      SUBMIT,
      {
        input: {
          taskId: task.id,
          links: [`${deliverableBase}/deliverables/${task.id}/1`],
          notes: 'Done',
          hoursSpent: 2,
        },
      },
      freelancer.token,
    );
    await drain();
    const told = await newest(reviewer, 'SUBMISSION_WAITING_FOR_REVIEW');
    const { reviewQueue } = await api.gql.ok<{
      reviewQueue: { edges: { node: { id: string } }[] };
    }>(QUEUE, {}, reviewer.token);
    const inQueue = reviewQueue.edges.find((e) => e.node.id === told.taskId)!;
    const queued = await work(reviewer, inQueue.node.id);
    await api.gql.ok(
      REVIEW,
      {
        input: {
          taskId: queued.id,
          verdict: 'APPROVE',
          overallScore: 5,
          assessments: scorecardWith(queued.scorecard, null),
          feedback: 'All criteria met.',
        },
      },
      reviewer.token,
    );
    await drain();

    // Approved, not paid: the payout waits for the freelancer's onboarding.
    const [waiting] = await myPayouts(freelancer);
    expect(waiting).toMatchObject({ status: 'WAITING_FOR_ONBOARDING', taskRef: task.id });
    expect((await work(freelancer, task.id)).status).toBe('APPROVED');
    expect(await kinds(freelancer)).toEqual(['TASK_APPROVED']);

    // A minute later the freelancer onboards; nobody else does anything.
    api.clock.advance(60_000);
    await api.gql.ok(ONBOARD, {}, freelancer.token);
    await drain();
    expect(await myPayouts(freelancer)).toEqual([
      expect.objectContaining({ id: waiting.id, status: 'PAID' }),
    ]);
    expect((await work(owner, task.id)).status).toBe('PAID');
    expect(await kinds(freelancer)).toEqual(['TASK_APPROVED', 'TASK_PAID']);
    expect(smtp.to(freelancer.email).map((m) => m.subject)).toEqual([
      `"${task.title}" was approved`,
      `You were paid for "${task.title}"`,
    ]);
    expect((await myPayouts(reviewer))[0].status).toBe('PAID');
  });

  it('tells the owner, freelancer, reviewer and admins of a dispute, and all but the admins of its decision', async () => {
    const owner = await api.factory.user([Role.OWNER], 'Olive Owner');
    const freelancer = await api.factory.user([Role.FREELANCER], 'Frank Freelancer');
    const reviewer = await api.factory.user([Role.REVIEWER], 'Reva Reviewer');
    const admin = await api.factory.admin();
    const title = 'Book club, disputed';
    const projectId = await ownerPlansAndFunds(owner, title);
    await ownerAssigns(owner, reviewer, 'Reva Reviewer', projectId);
    await api.gql.ok(ONBOARD, {}, freelancer.token);
    const task = await freelancerFindsATask(freelancer, title);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);
    await api.gql.ok(
      SUBMIT,
      { input: { taskId: task.id, links: [`${deliverableBase}/d`], notes: '', hoursSpent: 2 } },
      freelancer.token,
    );
    const queued = await work(reviewer, task.id);
    await api.gql.ok(
      REVIEW,
      {
        input: {
          taskId: task.id,
          verdict: 'APPROVE',
          overallScore: 5,
          assessments: scorecardWith(queued.scorecard, null),
          feedback: 'All criteria met.',
        },
      },
      reviewer.token,
    );
    await drain();

    const reason = 'The sign-up form crashes on a taken email address.';
    await api.gql.ok(DISPUTE, { input: { taskId: task.id, reason } }, owner.token);
    await drain();
    for (const user of [owner, freelancer, reviewer, admin]) {
      const told = await newest(user, 'DISPUTE_OPENED');
      expect(told).toMatchObject({ taskId: task.id, projectId });
      expect(told.body).toContain(reason);
      expect(smtp.to(user.email).map((m) => m.subject)).toContain(told.subject);
    }

    const dispute = (await allOpenDisputes(admin)).find((d) => d.taskId === task.id)!;
    await api.gql.ok(
      RESOLVE,
      { input: { disputeId: dispute.id, outcome: 'UPHOLD', note: 'Works as specified.' } },
      admin.token,
    );
    await drain();
    for (const user of [owner, freelancer, reviewer]) {
      const told = await newest(user, 'DISPUTE_RESOLVED');
      expect(told.taskId).toBe(task.id);
      expect(told.body).toContain('UPHOLD');
      expect(told.body).toContain('Works as specified.');
    }
    expect((await inbox(admin)).map((n) => n.kind)).not.toContain('DISPUTE_RESOLVED');
  });

  it('refuses bad input with typed errors and writes nothing: messages, notifications of others, disputes late or twice', async () => {
    const owner = await api.factory.user([Role.OWNER], 'Olive Owner');
    const freelancer = await api.factory.user([Role.FREELANCER], 'Frank Freelancer');
    const stranger = await api.factory.user([Role.FREELANCER], 'Stan Stranger');
    const otherOwner = await api.factory.user([Role.OWNER], 'Otto Owner');
    const reviewer = await api.factory.user([Role.REVIEWER], 'Ruth Reviewer');
    const title = 'Book club, bad input';
    const projectId = await ownerPlansAndFunds(owner, title);
    await ownerAssigns(owner, reviewer, 'Ruth Reviewer', projectId);
    await api.gql.ok(ONBOARD, {}, freelancer.token);
    const task = await freelancerFindsATask(freelancer, title);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);

    const dataSource = api.app.get(DataSource);
    const count = async (table: string) =>
      Number((await dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0].n);
    const before = {
      messages: await count('task_messages'),
      notifications: await count('notifications'),
    };
    const post = (user: TestUser, visibility: string, body: string, taskId = task.id) =>
      api.gql.request(POST, { input: { taskId, visibility, body } }, user.token);

    // Empty and overlong messages.
    for (const body of ['', '  \n ', 'x'.repeat(4001)]) {
      expect(errorCodes(await post(freelancer, 'PRIVATE', body))).toEqual([
        ErrorCode.BAD_USER_INPUT,
      ]);
    }
    // A message on a task one is not part of: the private thread of a claimed task is
    // NOT_FOUND to a freelancer outside it and to another project's owner.
    for (const outsider of [stranger, otherOwner]) {
      expect(errorCodes(await post(outsider, 'PRIVATE', 'Let me in'))).toEqual([
        ErrorCode.NOT_FOUND,
      ]);
    }
    expect(await count('task_messages')).toBe(before.messages);
    expect(await count('notifications')).toBe(before.notifications);

    // Marking someone else's notification read: NOT_FOUND, nothing marked.
    const ownerNotification = (await inbox(owner))[0];
    expect(
      errorCodes(
        await api.gql.request(
          MARK_READ,
          { input: { ids: [ownerNotification.id] } },
          stranger.token,
        ),
      ),
    ).toEqual([ErrorCode.NOT_FOUND]);
    const unread = await dataSource.query<{ read_at: Date | null }[]>(
      `SELECT read_at FROM notifications WHERE id = $1`,
      [ownerNotification.id],
    );
    expect(unread[0].read_at).toBeNull();

    // A dispute twice, and after the window: typed errors, no second dispute, nobody told again.
    await api.gql.ok(
      SUBMIT,
      { input: { taskId: task.id, links: [`${deliverableBase}/d`], notes: '', hoursSpent: 2 } },
      freelancer.token,
    );
    const queued = await work(reviewer, task.id);
    await api.gql.ok(
      REVIEW,
      {
        input: {
          taskId: task.id,
          verdict: 'APPROVE',
          overallScore: 5,
          assessments: scorecardWith(queued.scorecard, null),
          feedback: 'All criteria met.',
        },
      },
      reviewer.token,
    );
    await drain();
    const reason = 'The sign-up form crashes on a taken email address.';
    await api.gql.ok(DISPUTE, { input: { taskId: task.id, reason } }, owner.token);
    const afterFirst = {
      disputes: await count('task_disputes'),
      notifications: await count('notifications'),
    };
    expect(
      errorCodes(
        await api.gql.request(DISPUTE, { input: { taskId: task.id, reason } }, owner.token),
      ),
    ).toEqual([ErrorCode.CONFLICT]);

    // Another approved task of the project, disputed 15 days later: past the 14-day window.
    const second = (await freelancerFindsATask(freelancer, title)).id;
    await api.gql.ok(CLAIM, { input: { taskId: second } }, freelancer.token);
    await api.gql.ok(
      SUBMIT,
      { input: { taskId: second, links: [`${deliverableBase}/e`], notes: '', hoursSpent: 2 } },
      freelancer.token,
    );
    const secondWork = await work(reviewer, second);
    await api.gql.ok(
      REVIEW,
      {
        input: {
          taskId: second,
          verdict: 'APPROVE',
          overallScore: 5,
          assessments: scorecardWith(secondWork.scorecard, null),
          feedback: 'All criteria met.',
        },
      },
      reviewer.token,
    );
    await drain();
    const afterSecondApproval = await count('notifications');
    api.clock.advance(15 * 86_400_000);
    const relogged = { ...owner, token: await fixtures.logIn(api, owner) };
    expect(
      errorCodes(
        await api.gql.request(DISPUTE, { input: { taskId: second, reason } }, relogged.token),
      ),
    ).toEqual([ErrorCode.INVALID_TRANSITION]);
    expect(await count('task_disputes')).toBe(afterFirst.disputes);
    expect(afterSecondApproval - afterFirst.notifications).toBeGreaterThan(0);
    expect(await count('notifications')).toBe(afterSecondApproval);
  });
});
