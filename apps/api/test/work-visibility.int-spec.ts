import { randomUUID } from 'node:crypto';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes, GraphQLResponse } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import * as fixtures from './market-fixtures';

/**
 * Work is visible to the people in it: the freelancer, the owner, the
 * reviewers of a task and admins read its submissions and reviews; anyone
 * else is told the task does not exist. Each person finds ids through the
 * queries the API gives them, nothing is handed over.
 */

interface BoardTask {
  id: string;
  title: string;
  status: string;
  acceptanceCriteria: string[];
  skills: { skill: string; minLevel: number }[];
  project: { title: string };
}

const BOARD = `query($after: String) { openTasks(first: 50, after: $after) { edges { node {
  id title status acceptanceCriteria skills { skill minLevel } project { title } } }
  pageInfo { hasNextPage endCursor } } }`;
const MY_SCORECARDS = `query { myTasks(first: 50) { edges { node { id scorecard { id text } } } } }`;
const MY_TASKS = `query { myTasks(first: 50) { edges { node { id status reviews {
  revision verdict feedback reviewer { displayName } criteria { criterionId passed comment } failedCriteria } } } } }`;
const QUEUE = `query { reviewQueue(first: 50) { edges { node {
  id title scorecard { id text }
  submissions { revision links notes hoursSpent createdAt freelancerId } } } } }`;
const TASK_WORK = `query($id: ID!) { task(id: $id) {
  id submissions { revision links } reviews { revision verdict reviewer { displayName } } } }`;
const CLAIM = `mutation($input: TaskRefInput!) { claimTask(input: $input) { id } }`;
const SUBMIT = `mutation($input: SubmitTaskInput!) { submitTask(input: $input) { revision } }`;
const REVIEW = `mutation($input: ReviewTaskInput!) { reviewTask(input: $input) {
  task { status } review { revision verdict criteria { criterionId passed comment } } } }`;
const APPEAL = `mutation($input: AppealRejectionInput!) { appealRejection(input: $input) { id } }`;
// Three requests: the query cost limit (GRAPHQL_MAX_COST) weighs nesting depth.
const OPEN_APPEALS = `query { openAppeals(first: 100) { edges { node {
  id reason freelancerId revision submission { revision links notes hoursSpent } } } } }`;
const APPEAL_TASKS = `query { openAppeals(first: 100) { edges { node {
  id task { id title acceptanceCriteria } } } } }`;
const APPEAL_REVIEWS = `query { openAppeals(first: 100) { edges { node {
  id review { revision verdict feedback overallScore reviewerId failedCriteria } } } } }`;
const MY_PROJECTS = `query { myProjects(first: 50) { edges { node { id title } } } }`;
const PROJECT_WORK = `query($id: ID!) { project(id: $id) { tasks {
  id submissions { revision links freelancerId } reviews { revision verdict reviewer { displayName } } } } }`;
const REPUTATION_FIGURES = `overall { score reviewScores ownerRatings assignments onTimeRate revisionRate }
  skills { skill score assignments onTimeRate revisionRate }`;
const PROFILE_OF = `query($userId: ID!) { freelancerProfile(userId: $userId) { userId reputationBreakdown { ${REPUTATION_FIGURES} } } }`;
const MY_REPUTATION = `query { myReputation { ${REPUTATION_FIGURES} } }`;
const REVIEWER_PROFILE = `mutation($input: UpdateReviewerProfileInput!) { updateReviewerProfile(input: $input) { skills { skill } } }`;

type Edges<T> = { edges: { node: T }[] };
type PageInfo = { hasNextPage: boolean; endCursor: string | null };
const nodes = <T>(c: Edges<T>): T[] => c.edges.map((e) => e.node);

describe('work is visible to the people in it', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  async function reviewerWithSkills(
    skills: { skill: string; level: number }[],
    name: string,
  ): Promise<TestUser> {
    const reviewer = await api.factory.user([Role.REVIEWER], name);
    await api.gql.ok(REVIEWER_PROFILE, { input: { skills } }, reviewer.token);
    return reviewer;
  }

  it('shows submissions, reviews and appeal evidence to the freelancer, the reviewer, the owner and an admin; NOT_FOUND to outsiders of each role', async () => {
    // The owner's project has no expert: the review queue offers its work to reviewers with the skills.
    const title = `Visible work ${randomUUID()}`;
    const { owner, tasks } = await fixtures.fundedProject<BoardTask>(api, {
      title,
      expert: false,
      taskFields: 'id title status acceptanceCriteria skills { skill minLevel } project { title }',
    });
    const open = tasks.filter((t) => t.status === 'OPEN' && t.acceptanceCriteria.length >= 2);
    expect(open.length).toBeGreaterThan(0);
    const skills = [...new Set(tasks.flatMap((t) => t.skills.map((s) => s.skill)))].map(
      (skill) => ({ skill, level: 5 }),
    );
    const freelancer = await fixtures.qualifiedFreelancer(api, tasks, {
      name: 'Fran',
      onboard: true,
    });
    const reviewer = await reviewerWithSkills(skills, 'Rita');
    const admin = await api.factory.admin();
    const otherOwner = await api.factory.user([Role.OWNER], 'Oscar');
    const otherFreelancer = await fixtures.qualifiedFreelancer(api, tasks, { name: 'Olga' });
    const otherReviewer = await reviewerWithSkills([{ skill: 'cobol', level: 5 }], 'Otto');

    // The freelancer finds the task on the board by its project's title and claims it.
    // Other test files may have left open tasks on the shared board: page until found.
    let task: BoardTask | undefined;
    let cursor: string | null = null;
    do {
      const board: { openTasks: Edges<BoardTask> & { pageInfo: PageInfo } } = await api.gql.ok(
        BOARD,
        { after: cursor },
        freelancer.token,
      );
      task = nodes(board.openTasks).find(
        (t) => t.project.title === title && t.acceptanceCriteria.length >= 2,
      );
      cursor = board.openTasks.pageInfo.hasNextPage ? board.openTasks.pageInfo.endCursor : null;
    } while (!task && cursor);
    if (!task) throw new Error(`no open task of "${title}" on the board`);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);

    // Before submitting, the assignee reads the scorecard the work will be judged on.
    const before = await api.gql.ok<{ myTasks: Edges<{ id: string; scorecard: unknown[] }> }>(
      MY_SCORECARDS,
      {},
      freelancer.token,
    );
    const held = nodes(before.myTasks).find((t) => t.id === task.id)!;
    expect(held.scorecard).toEqual(
      task.acceptanceCriteria.map((text, i) => ({ id: `AC${i + 1}`, text })),
    );

    await api.gql.ok(
      SUBMIT,
      {
        input: {
          taskId: task.id,
          links: ['https://github.com/acme/books/pull/41'],
          notes: 'Sign-up with email, first cut',
          hoursSpent: 3,
        },
      },
      freelancer.token,
    );

    // The reviewer finds it in the review queue and reads what was submitted.
    const queue = await api.gql.ok<{
      reviewQueue: Edges<{
        id: string;
        scorecard: { id: string }[];
        submissions: { revision: number; links: string[]; notes: string; hoursSpent: number }[];
      }>;
    }>(QUEUE, {}, reviewer.token);
    const queued = nodes(queue.reviewQueue).find((t) => t.id === task.id)!;
    expect(queued.submissions).toMatchObject([
      {
        revision: 1,
        links: ['https://github.com/acme/books/pull/41'],
        notes: 'Sign-up with email, first cut',
        hoursSpent: 3,
        freelancerId: freelancer.id,
      },
    ]);

    // Changes requested on one criterion, with a comment.
    const assessments = queued.scorecard.map((c, i) => ({
      criterionId: c.id,
      passed: i !== 0,
      comment: i === 0 ? 'The confirmation email is never sent' : null,
    }));
    await api.gql.ok(
      REVIEW,
      {
        input: {
          taskId: task.id,
          verdict: 'REQUEST_CHANGES',
          overallScore: 2,
          assessments,
          feedback: 'Close, one criterion left',
        },
      },
      reviewer.token,
    );

    // The freelancer reads the comment and which criterion failed.
    const after = await api.gql.ok<{
      myTasks: Edges<{
        id: string;
        status: string;
        reviews: {
          revision: number;
          verdict: string;
          feedback: string;
          reviewer: { displayName: string };
          criteria: { criterionId: string; passed: boolean; comment: string | null }[];
          failedCriteria: string[];
        }[];
      }>;
    }>(MY_TASKS, {}, freelancer.token);
    const returned = nodes(after.myTasks).find((t) => t.id === task.id)!;
    expect(returned.status).toBe('CLAIMED');
    expect(returned.reviews).toHaveLength(1);
    expect(returned.reviews[0]).toMatchObject({
      revision: 1,
      verdict: 'REQUEST_CHANGES',
      feedback: 'Close, one criterion left',
      reviewer: { displayName: 'Rita' },
      failedCriteria: ['AC1: The confirmation email is never sent'],
    });
    expect(returned.reviews[0].criteria.filter((c) => !c.passed)).toEqual([
      { criterionId: 'AC1', passed: false, comment: 'The confirmation email is never sent' },
    ]);

    // Revision 2, rejected this time; the freelancer appeals.
    await api.gql.ok(
      SUBMIT,
      {
        input: {
          taskId: task.id,
          links: ['https://github.com/acme/books/pull/42'],
          notes: 'Confirmation email sent',
          hoursSpent: 1.5,
        },
      },
      freelancer.token,
    );
    await api.gql.ok(
      REVIEW,
      {
        input: {
          taskId: task.id,
          verdict: 'REJECT',
          overallScore: 1,
          assessments: queued.scorecard.map((c) => ({
            criterionId: c.id,
            passed: false,
            comment: 'Not met',
          })),
          feedback: 'The pull request is empty',
        },
      },
      reviewer.token,
    );
    await api.gql.ok(
      APPEAL,
      { input: { taskId: task.id, reason: 'The pull request holds the whole sign-up flow' } },
      freelancer.token,
    );

    // The reviewer, whose queue no longer holds the task, still reads the work it judged.
    const judged = await api.gql.ok<{
      task: { submissions: { revision: number }[]; reviews: { verdict: string }[] };
    }>(TASK_WORK, { id: task.id }, reviewer.token);
    expect(judged.task.submissions.map((s) => s.revision)).toEqual([1, 2]);
    expect(judged.task.reviews.map((r) => r.verdict)).toEqual(['REQUEST_CHANGES', 'REJECT']);

    // The owner reads the delivered work and the reviews through their project.
    const { myProjects } = await api.gql.ok<{ myProjects: Edges<{ id: string; title: string }> }>(
      MY_PROJECTS,
      {},
      owner.token,
    );
    const projectId = nodes(myProjects).find((p) => p.title === title)!.id;
    const ownerView = await api.gql.ok<{
      project: {
        tasks: {
          id: string;
          submissions: { revision: number; links: string[]; freelancerId: string }[];
          reviews: { revision: number; verdict: string; reviewer: { displayName: string } }[];
        }[];
      };
    }>(PROJECT_WORK, { id: projectId }, owner.token);
    const ownerTask = ownerView.project.tasks.find((t) => t.id === task.id)!;
    expect(ownerTask.submissions).toMatchObject([
      { revision: 1, links: ['https://github.com/acme/books/pull/41'] },
      { revision: 2, links: ['https://github.com/acme/books/pull/42'] },
    ]);
    expect(ownerTask.reviews).toMatchObject([
      { revision: 1, verdict: 'REQUEST_CHANGES', reviewer: { displayName: 'Rita' } },
      { revision: 2, verdict: 'REJECT', reviewer: { displayName: 'Rita' } },
    ]);
    // Tasks without work have none, in the same request.
    expect(
      ownerView.project.tasks.filter((t) => t.id !== task.id).every((t) => !t.submissions.length),
    ).toBe(true);

    // The admin deciding the appeal sees the submission, the rejection and the reason side by side.
    const appeals = await api.gql.ok<{ openAppeals: Edges<Record<string, unknown>> }>(
      OPEN_APPEALS,
      {},
      admin.token,
    );
    const appeal = nodes(appeals.openAppeals).find((a) => a.freelancerId === freelancer.id)!;
    expect(appeal).toMatchObject({
      reason: 'The pull request holds the whole sign-up flow',
      freelancerId: freelancer.id,
      revision: 2,
      submission: {
        revision: 2,
        links: ['https://github.com/acme/books/pull/42'],
        notes: 'Confirmation email sent',
        hoursSpent: 1.5,
      },
    });
    const judgedTasks = await api.gql.ok<{
      openAppeals: Edges<{ id: string; task: unknown }>;
    }>(APPEAL_TASKS, {}, admin.token);
    expect(nodes(judgedTasks.openAppeals).find((a) => a.id === appeal.id)!.task).toEqual({
      id: task.id,
      title: task.title,
      acceptanceCriteria: task.acceptanceCriteria,
    });
    const rejections = await api.gql.ok<{
      openAppeals: Edges<{ id: string; review: { failedCriteria: string[] } }>;
    }>(APPEAL_REVIEWS, {}, admin.token);
    const rejection = nodes(rejections.openAppeals).find((a) => a.id === appeal.id)!;
    expect(rejection.review).toMatchObject({
      revision: 2,
      verdict: 'REJECT',
      feedback: 'The pull request is empty',
      overallScore: 1,
      reviewerId: reviewer.id,
    });
    expect(rejection.review.failedCriteria).toHaveLength(task.acceptanceCriteria.length);

    // Open reputation: the owner looks up who did the work (the id from the submission) and
    // reads the same breakdown the freelancer reads; so does the reviewer. Freelancers do not
    // read each other's; an id that is no freelancer's does not exist.
    const workerId = ownerTask.submissions[0].freelancerId;
    const own = await api.gql.ok<{ myReputation: unknown }>(MY_REPUTATION, {}, freelancer.token);
    for (const reader of [owner, reviewer]) {
      const { freelancerProfile } = await api.gql.ok<{
        freelancerProfile: { userId: string; reputationBreakdown: unknown };
      }>(PROFILE_OF, { userId: workerId }, reader.token);
      expect(freelancerProfile).toEqual({
        userId: freelancer.id,
        reputationBreakdown: own.myReputation,
      });
    }
    expect(
      (own.myReputation as { overall: { assignments: number } }).overall.assignments,
    ).toBeGreaterThan(0);
    expect(
      errorCodes(await api.gql.request(PROFILE_OF, { userId: workerId }, otherFreelancer.token)),
    ).toEqual([ErrorCode.FORBIDDEN]);
    expect(
      errorCodes(await api.gql.request(PROFILE_OF, { userId: otherOwner.id }, owner.token)),
    ).toEqual([ErrorCode.NOT_FOUND]);

    // Outsiders of each role: the task does not exist for them.
    for (const outsider of [otherOwner, otherFreelancer, otherReviewer]) {
      const res = await api.gql.request(TASK_WORK, { id: task.id }, outsider.token);
      expect({ who: outsider.id, codes: errorCodes(res), data: res.data }).toEqual({
        who: outsider.id,
        codes: [ErrorCode.NOT_FOUND],
        data: null,
      });
    }
    // The rejected task is back on the board: another freelancer sees the task and its
    // scorecard, but not the work someone else did on it.
    // Other test files may have left open tasks on the shared board: page until found.
    type BrowsedTask = { id: string; scorecard: unknown[]; submissions: unknown; reviews: unknown };
    let browse: GraphQLResponse<{ openTasks: Edges<BrowsedTask> & { pageInfo: PageInfo } }>;
    let seen: BrowsedTask | undefined;
    let browseCursor: string | null = null;
    do {
      browse = await api.gql.request(
        `query($after: String) { openTasks(first: 50, after: $after) { edges { node { id scorecard { id } submissions { links } reviews { feedback } } } pageInfo { hasNextPage endCursor } } }`,
        { after: browseCursor },
        otherFreelancer.token,
      );
      seen = nodes(browse.data!.openTasks).find((t) => t.id === task.id);
      const { pageInfo } = browse.data!.openTasks;
      browseCursor = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (!seen && browseCursor);
    expect(seen).toEqual({
      id: task.id,
      scorecard: task.acceptanceCriteria.map((_, i) => ({ id: `AC${i + 1}` })),
      submissions: null,
      reviews: null,
    });
    const index = nodes(browse.data!.openTasks).indexOf(seen!);
    const refusals = (browse.errors ?? [])
      .filter((e) => e.path?.[2] === index)
      .map((e) => [e.path?.at(-1), e.extensions?.code]);
    expect(refusals).toEqual([
      ['submissions', ErrorCode.NOT_FOUND],
      ['reviews', ErrorCode.NOT_FOUND],
    ]);
  });

  it('loads the work of a whole project in a fixed number of statements, however many tasks it has', async () => {
    // The statements the work adds to a project's task list, for a project of `brief`.
    const extraStatements = async (brief: string) => {
      const { owner, projectId, tasks } = await fixtures.fundedProject(api, {
        brief,
        expert: false,
      });
      const bare = await fixtures.countStatements(api, () =>
        api.gql.ok(
          `query($id: ID!) { project(id: $id) { tasks { id } } }`,
          { id: projectId },
          owner.token,
        ),
      );
      const withWork = await fixtures.countStatements(api, () =>
        api.gql.ok(PROJECT_WORK, { id: projectId }, owner.token),
      );
      return { tasks: tasks.length, extra: withWork.length - bare.length };
    };
    const small = await extraStatements('# Notes\n- Users write notes');
    const large = await extraStatements(fixtures.BRIEF);
    expect(large.tasks).toBeGreaterThan(small.tasks);
    expect(large.extra).toBe(small.extra);
    // The caller's roles, the visibility of the page, its submissions, its reviews.
    expect(large.extra).toBeLessThanOrEqual(4);
  });
});
