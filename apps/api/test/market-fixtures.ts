import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { JobRunner } from '@splitwork/jobs';
import { Role } from '@splitwork/kernel';
import { FakeStripeServer, TEST_PASSWORD } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';

export const BRIEF = `# Book club app
- Members sign up with email
- Members create reading lists
- Members rate books and write reviews
- Admins moderate reviews`;

export interface BoardTask {
  id: string;
  key: string;
  status: string;
  skills: { skill: string; minLevel: number }[];
  dependsOn: string[];
  price: { amountCents: number };
  estimate: { likely: number };
  platform: string;
}

const TASK_FIELDS =
  'id key status skills { skill minLevel } dependsOn price { amountCents } estimate { likely } platform';

export interface ProjectOptions {
  title?: string;
  brief?: string;
  budgetCents?: number;
}

/** A DRAFT project created by `owner`: no plan yet. */
export async function draftProject(
  api: ApiHarness,
  owner: TestUser,
  { title = 'Books', brief = BRIEF, budgetCents = 50_000_000 }: ProjectOptions = {},
): Promise<string> {
  const { createProject } = await api.gql.ok<{ createProject: { project: { id: string } } }>(
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }`,
    { input: { title, brief, platforms: ['WEB', 'BACKEND'], budgetCents, currency: 'USD' } },
    owner.token,
  );
  return createProject.project.id;
}

/** A project created by `owner` and planned offline (planning job drained): a plan, nothing funded. */
export async function plannedProject(
  api: ApiHarness,
  owner: TestUser,
  options: ProjectOptions = {},
): Promise<string> {
  const projectId = await draftProject(api, owner, options);
  await api.gql.ok(
    `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`,
    { input: { projectId } },
    owner.token,
  );
  await api.app.get(JobRunner).drain();
  return projectId;
}

/** Funds a planned project with the simulated provider and drains the jobs: its tasks go on the board. */
export async function fundPlannedProject(
  api: ApiHarness,
  owner: TestUser,
  projectId: string,
): Promise<void> {
  await api.gql.ok(
    `mutation($input: FundProjectInput!) { fundProject(input: $input) { funding { id } } }`,
    { input: { projectId } },
    owner.token,
  );
  await api.app.get(JobRunner).drain();
}

/** The project's status and its tasks on the board, each with the given GraphQL fields. */
export async function projectTasks<T = BoardTask>(
  api: ApiHarness,
  owner: TestUser,
  projectId: string,
  taskFields = TASK_FIELDS,
): Promise<{ status: string; tasks: T[] }> {
  const { project } = await api.gql.ok<{ project: { status: string; tasks: T[] } }>(
    `query($id: ID!) { project(id: $id) { status tasks { ${taskFields} } } }`,
    { id: projectId },
    owner.token,
  );
  return project;
}

/** Makes `reviewer` the project's expert reviewer. */
export async function assignExpert(
  api: ApiHarness,
  owner: TestUser,
  projectId: string,
  reviewer: TestUser,
): Promise<void> {
  await api.gql.ok(
    `mutation($input: AssignReviewerInput!) { assignProjectReviewer(input: $input) }`,
    { input: { projectId, reviewerId: reviewer.id } },
    owner.token,
  );
}

export interface FundedProjectOptions extends ProjectOptions {
  /** The owner; a new OWNER user when left out. */
  owner?: TestUser;
  /** The GraphQL fields read for each task (shape them with the type parameter). */
  taskFields?: string;
  /** The reviewer returned (and assigned as expert); a new REVIEWER when left out. */
  reviewer?: TestUser;
  /** Assign the reviewer as the project's expert (default true). */
  expert?: boolean;
}

export interface FundedProject<T> {
  owner: TestUser;
  /** The project's expert reviewer unless `expert: false`. */
  reviewer: TestUser;
  projectId: string;
  status: string;
  tasks: T[];
}

/**
 * A project planned offline and funded with the simulated provider: its tasks
 * are on the board. The reviewer (a new REVIEWER unless given) is assigned as
 * its expert reviewer unless `expert: false`, which leaves the project without one.
 */
export async function fundedProject<T = BoardTask>(
  api: ApiHarness,
  { owner, reviewer, taskFields, expert = true, ...project }: FundedProjectOptions = {},
): Promise<FundedProject<T>> {
  const who = owner ?? (await api.factory.user([Role.OWNER]));
  const expertReviewer = reviewer ?? (await api.factory.user([Role.REVIEWER]));
  const projectId = await plannedProject(api, who, project);
  await fundPlannedProject(api, who, projectId);
  if (expert) await assignExpert(api, who, projectId, expertReviewer);
  const { status, tasks } = await projectTasks<T>(api, who, projectId, taskFields);
  return { owner: who, reviewer: expertReviewer, projectId, status, tasks };
}

const PROFILE = `mutation($input: UpdateFreelancerProfileInput!) { updateFreelancerProfile(input: $input) { skills { skill } } }`;

export interface FreelancerOptions {
  name?: string;
  weeklyHours?: number;
  hourlyRateCents?: number;
  timezone?: string;
  portfolioLinks?: string[];
  /** Start payout onboarding (a simulated connected account) so approved work can be paid. */
  onboard?: boolean;
}

/** A freelancer at level 5 in every skill the given tasks need. */
export async function qualifiedFreelancer(
  api: ApiHarness,
  tasks: readonly { skills: readonly { skill: string }[] }[],
  { name, weeklyHours = 30, onboard = false, ...profile }: FreelancerOptions = {},
): Promise<TestUser> {
  const freelancer = await api.factory.user([Role.FREELANCER], name);
  const skills = [...new Set(tasks.flatMap((t) => t.skills.map((s) => s.skill)))];
  await api.gql.ok(
    PROFILE,
    { input: { skills: skills.map((skill) => ({ skill, level: 5 })), weeklyHours, ...profile } },
    freelancer.token,
  );
  if (onboard) {
    await api.gql.ok(`mutation { startPayoutOnboarding { url } }`, {}, freelancer.token);
  }
  return freelancer;
}

/** Review assessments for every acceptance criterion of `task`: those at the `failed` indexes not met. */
export const assessments = (
  task: { acceptanceCriteria: readonly string[] },
  failed: readonly number[] = [],
  comment = 'Not met',
) =>
  task.acceptanceCriteria.map((_, i) => ({
    criterionId: `AC${i + 1}`,
    passed: !failed.includes(i),
    comment: failed.includes(i) ? comment : null,
  }));

/** The reviewer approves the task's current submission with a full scorecard, 5/5. */
export async function approveTask(
  api: ApiHarness,
  task: { id: string; acceptanceCriteria: readonly string[] },
  reviewer: TestUser,
): Promise<void> {
  await api.gql.ok(
    `mutation($input: ReviewTaskInput!) { reviewTask(input: $input) { task { status } } }`,
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
}

export interface StripeApi {
  api: ApiHarness;
  stripe: FakeStripeServer;
  /** Where Stripe would post its signed webhook events. */
  webhookUrl: string;
}

/** The API wired to a local fake Stripe server, which the real SDK talks to. */
export async function startApiWithStripe(
  webhookSecret: string,
  secretKey = 'sk_test_splitwork',
): Promise<StripeApi> {
  const stripe = await FakeStripeServer.start();
  const api = await startApi({
    STRIPE_SECRET_KEY: secretKey,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_URL: stripe.baseUrl,
  });
  return { api, stripe, webhookUrl: `${api.baseUrl}/webhooks/stripe` };
}

/** A fresh access token for `user` (they expire after 15 minutes of clock time). */
export async function logIn(api: ApiHarness, user: TestUser): Promise<string> {
  const { logIn } = await api.gql.ok<{ logIn: { accessToken: string } }>(
    `mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`,
    { input: { email: user.email, password: TEST_PASSWORD } },
  );
  return logIn.accessToken;
}

/**
 * graphile-worker runs delayed jobs by database time: bring the marketplace's
 * forward (a no-op on the in-process queue). With `dueByClock`, only the jobs
 * whose run_at the test clock has passed; otherwise all of them.
 */
export async function makeDelayedJobsDue(
  api: ApiHarness,
  { dueByClock = false }: { dueByClock?: boolean } = {},
): Promise<void> {
  const dataSource = api.app.get(DataSource);
  const graphile = await dataSource.query<{ t: string | null }[]>(
    `SELECT to_regclass('graphile_worker._private_jobs') AS t`,
  );
  if (!graphile[0].t) return;
  const marketplaceJobs = `UPDATE graphile_worker._private_jobs SET run_at = now() WHERE task_id IN
    (SELECT id FROM graphile_worker._private_tasks WHERE identifier LIKE 'marketplace.%')`;
  if (dueByClock) await dataSource.query(`${marketplaceJobs} AND run_at <= $1`, [api.clock.now()]);
  else await dataSource.query(marketplaceJobs);
}

/**
 * Counts the SQL statements the API sends to PostgreSQL while `work` runs, at
 * the pg client (TypeORM's queries and the prepared statements that bypass it
 * alike); job-queue statements are left out unless `jobs` is set (a runner
 * polling the queue would add its own). Test-side: wraps
 * `pg.Client.prototype.query`, so it sees every pooled connection.
 */
export async function countStatements(
  api: ApiHarness,
  work: () => Promise<unknown>,
  options: { jobs?: boolean } = {},
) {
  void api;
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const statements: string[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first] = args;
    const text =
      typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '');
    if (options.jobs || !/job/i.test(text)) statements.push(text);
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  return statements;
}
