/**
 * The whole Splitwork loop, driven through the GraphQL API over HTTP as the
 * seeded demo users: brief → plan → fund → onboard → claim → submit → the
 * reviewer reads the deliverable from the review queue → changes requested →
 * the freelancer reads the feedback in their inbox → resubmit → approve → both
 * payouts (freelancer and reviewer fee) → ledger balances. It talks to the
 * API only with fetch, as any client would. Each step is one function of a
 * shared context; `runDemo` calls them in order.
 */

export const DEMO_PASSWORD = 'splitwork-demo-2026';

export const DEMO_USERS = {
  owner: 'owner@demo.splitwork.dev',
  freelancer: 'freelancer@demo.splitwork.dev',
  reviewer: 'reviewer@demo.splitwork.dev',
  admin: 'admin@demo.splitwork.dev',
} as const;

export const DEMO_BRIEF = `# Neighbourhood market
A web and mobile app where neighbours sell home-made food.
- Sellers sign up with email and open a shop
- Buyers browse shops on the web and on their phone
- Buyers order a dish and pay by card`;

export interface DemoOptions {
  /** The GraphQL endpoint, e.g. http://localhost:3000/graphql. */
  url: string;
  /** Receives each step as one line. */
  print: (line: string) => void;
  /** How long to wait for a background job (planning, funding, payout); default 60 s. */
  timeoutMs?: number;
  /** Pause between polls; default 200 ms. */
  pollMs?: number;
}

export interface DemoBalance {
  kind: string;
  ownerId: string;
  amountCents: number;
  currency: string;
}

export interface DemoOutcome {
  projectId: string;
  taskId: string;
  taskPriceCents: number;
  payouts: { id: string; status: string; amountCents: number; taskRef: string }[];
  /** The approving reviewer's fee payouts of the project. */
  reviewerPayouts: { id: string; status: string; amountCents: number; taskRef: string }[];
  balances: DemoBalance[];
  /** Sum of all ledger entries per currency (zero when the ledger is balanced). */
  ledgerTotals: { amountCents: number; currency: string }[];
  steps: string[];
}

interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

interface Money {
  amountCents: number;
  currency: string;
}

interface MarketTask {
  id: string;
  key: string;
  title: string;
  status: string;
  acceptanceCriteria: string[];
  skills: { skill: string; minLevel: number }[];
  price: Money;
  revision: number;
}

interface Session {
  token: string;
  id: string;
  name: string;
}

export class DemoError extends Error {}

export function formatMoney({ amountCents, currency }: Money): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amountCents / 100);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface PayoutNode {
  id: string;
  status: string;
  projectId: string;
  taskRef: string;
  amount: Money;
}

/** The API as the demo's client sees it: requests, polling and the printed steps. */
interface DemoApi {
  gql<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T>;
  print(who: string, what: string): void;
  steps: string[];
}

/** What the steps share, filled in as the demo goes. */
interface DemoContext {
  api: DemoApi;
  owner: Session;
  projectId: string;
  task: MarketTask;
  reviewer: Session;
  freelancer: Session;
}

function demoApi(options: DemoOptions): DemoApi {
  const { url } = options;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pollMs = options.pollMs ?? 200;
  const steps: string[] = [];

  async function gql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      const cause =
        error instanceof Error && error.cause instanceof Error
          ? error.cause.message
          : String(error);
      throw new DemoError(`Cannot reach the API at ${url}: ${cause}`);
    }
    const text = await response.text();
    let body: { data?: T | null; errors?: GraphQLError[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new DemoError(`HTTP ${response.status} from ${url}: ${text.slice(0, 200)}`);
    }
    if (body.errors?.length || !body.data) {
      const errors = (body.errors ?? [])
        .map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`)
        .join('; ');
      throw new DemoError(`GraphQL request failed (HTTP ${response.status}): ${errors}`);
    }
    return body.data;
  }

  async function until<T>(
    what: string,
    read: () => Promise<T>,
    done: (value: T) => boolean,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new DemoError(`Timed out after ${timeoutMs} ms ${what}`);
      await sleep(pollMs);
    }
  }

  const print = (who: string, what: string) => {
    const line = `${String(steps.length + 1).padStart(2)}. ${who.padEnd(10)} ${what}`;
    steps.push(line);
    options.print(line);
  };

  return { gql, until, print, steps };
}

async function logIn(api: DemoApi, email: string): Promise<Session> {
  const { logIn } = await api.gql<{
    logIn: { accessToken: string; user: { id: string; displayName: string } };
  }>(
    `mutation($input: LogInInput!) { logIn(input: $input) { accessToken user { id displayName } } }`,
    { input: { email, password: DEMO_PASSWORD } },
  );
  return { token: logIn.accessToken, id: logIn.user.id, name: logIn.user.displayName };
}

// --- Owner: brief, plan, fund -------------------------------------------------

async function ownerLogsIn(api: DemoApi): Promise<Session> {
  const owner = await logIn(api, DEMO_USERS.owner);
  api.print('owner', `${owner.name} logs in (${DEMO_USERS.owner})`);
  return owner;
}

async function createProject({ api, owner }: Pick<DemoContext, 'api' | 'owner'>): Promise<string> {
  const budget = { amountCents: 10_000_000, currency: 'USD' };
  const { createProject } = await api.gql<{
    createProject: { project: { id: string; title: string } };
  }>(
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id title } } }`,
    {
      input: {
        title: 'Neighbourhood market',
        brief: DEMO_BRIEF,
        platforms: ['WEB', 'IOS', 'BACKEND'],
        budgetCents: budget.amountCents,
        currency: budget.currency,
      },
    },
    owner.token,
  );
  api.print(
    'owner',
    `creates project "${createProject.project.title}" from a 3-requirement web/mobile brief, budget ${formatMoney(budget)}`,
  );
  return createProject.project.id;
}

async function planProject({
  api,
  owner,
  projectId,
}: Pick<DemoContext, 'api' | 'owner' | 'projectId'>): Promise<void> {
  const { planProject } = await api.gql<{ planProject: { run: { id: string } } }>(
    `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`,
    { input: { projectId } },
    owner.token,
  );
  const run = await api.until(
    'waiting for the planning run',
    async () =>
      (
        await api.gql<{
          planningRun: {
            status: string;
            planner: string;
            failureReason: string | null;
            latencyMs: number | null;
          };
        }>(
          `query($id: ID!) { planningRun(id: $id) { status planner failureReason latencyMs } }`,
          { id: planProject.run.id },
          owner.token,
        )
      ).planningRun,
    (r) => r.status === 'SUCCEEDED' || r.status === 'FAILED',
  );
  if (run.status !== 'SUCCEEDED') {
    throw new DemoError(`Planning failed: ${run.failureReason ?? 'no reason given'}`);
  }
  api.print('owner', `plans it with the ${run.planner} planner: run ${run.status}`);

  const { project: planned } = await api.gql<{
    project: {
      plan: {
        summary: {
          taskCount: number;
          featureCount: number;
          total: Money;
          hours: { likely: number };
        };
        forecast: {
          p50Cost: Money;
          p90Cost: Money;
          p50DurationDays: number;
          p90DurationDays: number;
          overrun: { p90Value: Money };
        };
      };
    };
  }>(
    `query($id: ID!) { project(id: $id) { plan {
       summary { taskCount featureCount total { amountCents currency } hours { likely } }
       forecast { p50Cost { amountCents currency } p90Cost { amountCents currency } p50DurationDays p90DurationDays
                  overrun { p90Value { amountCents currency } } }
     } } }`,
    { id: projectId },
    owner.token,
  );
  const { summary, forecast } = planned.plan;
  api.print(
    'owner',
    `reads the plan: ${summary.taskCount} tasks in ${summary.featureCount} features, ${summary.hours.likely} h likely, total ${formatMoney(summary.total)}; forecast P50 ${formatMoney(forecast.p50Cost)} / P90 ${formatMoney(forecast.p90Cost)} of effort (overrun risk at P90 ${formatMoney(forecast.overrun.p90Value)}), ${forecast.p50DurationDays}–${forecast.p90DurationDays} days`,
  );
}

/** Funds the project and picks the OPEN task the rest of the demo works on. */
async function fundProject({
  api,
  owner,
  projectId,
}: Pick<DemoContext, 'api' | 'owner' | 'projectId'>): Promise<MarketTask> {
  const { fundProject } = await api.gql<{
    fundProject: { funding: { status: string; work: Money; fees: Money; total: Money } };
  }>(
    `mutation($input: FundProjectInput!) { fundProject(input: $input) { funding {
       status work { amountCents currency } fees { amountCents currency } total { amountCents currency } } } }`,
    { input: { projectId } },
    owner.token,
  );
  const funded = await api.until(
    'waiting for the project to be FUNDED',
    async () =>
      (
        await api.gql<{ project: { status: string; escrowBalance: Money[] } }>(
          `query($id: ID!) { project(id: $id) { status escrowBalance { amountCents currency } } }`,
          { id: projectId },
          owner.token,
        )
      ).project,
    (p) => p.status === 'FUNDED',
  );
  const { funding } = fundProject;
  api.print(
    'owner',
    `funds it: ${formatMoney(funding.work)} work + ${formatMoney(funding.fees)} fees = ${formatMoney(funding.total)}; project ${funded.status}, escrow ${funded.escrowBalance.map(formatMoney).join(', ')}`,
  );

  const PROJECT_TASKS = `query($id: ID!) { project(id: $id) { tasks {
    id key title status acceptanceCriteria skills { skill minLevel } price { amountCents currency } revision } } }`;
  const { project: board } = await api.gql<{ project: { tasks: MarketTask[] } }>(
    PROJECT_TASKS,
    { id: projectId },
    owner.token,
  );
  const open = board.tasks.filter((t) => t.status === 'OPEN');
  const task = open.find((t) => t.acceptanceCriteria.length >= 2) ?? open[0];
  if (!task) throw new DemoError('No task is OPEN after funding');
  api.print(
    'board',
    `${open.length} of ${board.tasks.length} tasks OPEN, the rest wait for dependencies`,
  );
  return task;
}

// --- Reviewer assigned by the owner ---------------------------------------------

async function assignReviewer({
  api,
  owner,
  projectId,
}: Pick<DemoContext, 'api' | 'owner' | 'projectId'>): Promise<Session> {
  const reviewer = await logIn(api, DEMO_USERS.reviewer);
  await api.gql(
    `mutation($input: AssignReviewerInput!) { assignProjectReviewer(input: $input) }`,
    { input: { projectId, reviewerId: reviewer.id } },
    owner.token,
  );
  api.print('owner', `assigns ${reviewer.name} as the project's expert reviewer`);
  return reviewer;
}

// --- Freelancer: profile, onboarding, claim, submit ------------------------------

/** The freelancer logs in and fills in a profile that fits the task. */
async function fillInProfile({ api, task }: Pick<DemoContext, 'api' | 'task'>): Promise<Session> {
  const freelancer = await logIn(api, DEMO_USERS.freelancer);
  const skills = task.skills.map((s) => ({ skill: s.skill, level: Math.max(s.minLevel, 4) }));
  await api.gql(
    `mutation($input: UpdateFreelancerProfileInput!) { updateFreelancerProfile(input: $input) { weeklyHours } }`,
    {
      input: {
        skills,
        weeklyHours: 30,
        hourlyRateCents: 6_000,
        portfolioLinks: ['https://github.com/frank-freelancer'],
      },
    },
    freelancer.token,
  );
  api.print(
    'freelancer',
    `${freelancer.name} logs in and fills in a profile: ${skills.map((s) => `${s.skill} ${s.level}`).join(', ')}, 30 h/week`,
  );
  return freelancer;
}

async function onboardForPayouts(api: DemoApi, payee: Session, who: string): Promise<void> {
  const { startPayoutOnboarding } = await api.gql<{
    startPayoutOnboarding: { account: { payoutsEnabled: boolean; simulated: boolean } };
  }>(
    `mutation { startPayoutOnboarding { url account { payoutsEnabled simulated } } }`,
    {},
    payee.token,
  );
  if (!startPayoutOnboarding.account.payoutsEnabled) {
    throw new DemoError('Payout onboarding did not enable payouts');
  }
  api.print(
    who,
    `onboards for payouts${startPayoutOnboarding.account.simulated ? ' (simulated provider)' : ''}: payouts enabled`,
  );
}

async function claimTask({
  api,
  freelancer,
  task,
}: Pick<DemoContext, 'api' | 'freelancer' | 'task'>): Promise<void> {
  const TASK_FIELDS = 'id status revision';
  const { claimTask } = await api.gql<{ claimTask: { status: string; revision: number } }>(
    `mutation($input: TaskRefInput!) { claimTask(input: $input) { ${TASK_FIELDS} } }`,
    { input: { taskId: task.id } },
    freelancer.token,
  );
  api.print(
    'freelancer',
    `claims ${task.key} "${task.title}" (${formatMoney(task.price)}): ${claimTask.status}`,
  );
}

const SUBMIT = `mutation($input: SubmitTaskInput!) { submitTask(input: $input) { revision } }`;
const DELIVERABLE_LINK = 'https://github.com/demo/neighbourhood-market/pull/1';

async function submitWork({
  api,
  freelancer,
  task,
}: Pick<DemoContext, 'api' | 'freelancer' | 'task'>): Promise<void> {
  const first = await api.gql<{ submitTask: { revision: number } }>(
    SUBMIT,
    {
      input: {
        taskId: task.id,
        links: [DELIVERABLE_LINK],
        notes: 'First version',
        hoursSpent: 3,
      },
    },
    freelancer.token,
  );
  api.print('freelancer', `submits revision ${first.submitTask.revision}: ${DELIVERABLE_LINK}`);
}

// --- Reviewer reads the deliverable; freelancer reads the feedback -----------------

interface WorkView {
  id: string;
  key: string;
  status: string;
  submissions: { revision: number; links: string[]; notes: string }[];
  reviews: {
    revision: number;
    verdict: string;
    feedback: string;
    criteria: { criterionId: string; passed: boolean; comment: string | null }[];
  }[];
}

const WORK = `query($id: ID!) { task(id: $id) { id key status
  submissions { revision links notes }
  reviews { revision verdict feedback criteria { criterionId passed comment } } } }`;

/** The reviewer finds the submission in their review queue and reads its newest revision. */
async function readDeliverable({
  api,
  reviewer,
}: Pick<DemoContext, 'api' | 'reviewer'>): Promise<void> {
  const { reviewQueue } = await api.gql<{
    reviewQueue: { edges: { node: { id: string; status: string } }[] };
  }>(`query { reviewQueue(first: 20) { edges { node { id status } } } }`, {}, reviewer.token);
  const queued = reviewQueue.edges.map((e) => e.node).find((t) => t.status === 'SUBMITTED');
  if (!queued) throw new DemoError("The submission is not in the reviewer's queue");
  const { task } = await api.gql<{ task: WorkView }>(WORK, { id: queued.id }, reviewer.token);
  const latest = task.submissions.at(-1);
  if (!latest) throw new DemoError('The queued task shows the reviewer no submission');
  api.print(
    'reviewer',
    `finds ${task.key} in the review queue and reads revision ${latest.revision}: ${latest.links.join(', ')} ("${latest.notes}")`,
  );
}

/** The freelancer reads the reviewer's feedback: the inbox notification, then the review itself. */
async function readFeedback({
  api,
  freelancer,
}: Pick<DemoContext, 'api' | 'freelancer'>): Promise<void> {
  const { notifications } = await api.gql<{
    notifications: {
      edges: { node: { kind: string; subject: string; taskId: string | null } }[];
    };
  }>(
    `query { notifications(first: 20) { edges { node { kind subject taskId } } } }`,
    {},
    freelancer.token,
  );
  const told = notifications.edges
    .map((e) => e.node)
    .find((n) => n.kind === 'CHANGES_REQUESTED' && n.taskId);
  if (!told) throw new DemoError('The freelancer was not told of the requested changes');
  const { task } = await api.gql<{ task: WorkView }>(WORK, { id: told.taskId }, freelancer.token);
  const review = task.reviews.at(-1);
  if (!review) throw new DemoError('The task shows the freelancer no review');
  const failed = review.criteria
    .filter((c) => !c.passed)
    .map((c) => `${c.criterionId}: ${c.comment ?? 'not met'}`);
  api.print(
    'freelancer',
    `reads in the inbox: ${told.subject}; the review says "${review.feedback}" (${failed.join('; ')})`,
  );
}

// --- Reviewer: request changes, then approve --------------------------------------

const REVIEW = `mutation($input: ReviewTaskInput!) { reviewTask(input: $input) {
    task { status revision } review { verdict failedCriteria } } }`;

/** A scorecard over the task's criteria, every one passed except `failed`. */
const assessments = (task: MarketTask, failed: number | null) =>
  task.acceptanceCriteria.map((_, i) => ({
    criterionId: `AC${i + 1}`,
    passed: i !== failed,
    comment: i === failed ? 'Not met yet: the error state is missing' : null,
  }));

async function requestChanges({
  api,
  reviewer,
  task,
}: Pick<DemoContext, 'api' | 'reviewer' | 'task'>): Promise<void> {
  const changes = await api.gql<{
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
        overallScore: 3,
        assessments: assessments(task, task.acceptanceCriteria.length - 1),
        feedback: 'Good start; please handle the error state.',
      },
    },
    reviewer.token,
  );
  api.print(
    'reviewer',
    `requests changes (${changes.reviewTask.review.failedCriteria.join('; ')}): task ${changes.reviewTask.task.status}, revision ${changes.reviewTask.task.revision}`,
  );
}

async function resubmitWork({
  api,
  freelancer,
  task,
}: Pick<DemoContext, 'api' | 'freelancer' | 'task'>): Promise<void> {
  const second = await api.gql<{ submitTask: { revision: number } }>(
    SUBMIT,
    {
      input: {
        taskId: task.id,
        links: [DELIVERABLE_LINK],
        notes: 'Error state added',
        hoursSpent: 1,
      },
    },
    freelancer.token,
  );
  api.print('freelancer', `resubmits revision ${second.submitTask.revision} with the error state`);
}

async function approveWork({
  api,
  reviewer,
  task,
}: Pick<DemoContext, 'api' | 'reviewer' | 'task'>): Promise<void> {
  const approved = await api.gql<{ reviewTask: { task: { status: string } } }>(
    REVIEW,
    {
      input: {
        taskId: task.id,
        verdict: 'APPROVE',
        overallScore: 5,
        assessments: assessments(task, null),
        feedback: 'All criteria met.',
      },
    },
    reviewer.token,
  );
  api.print(
    'reviewer',
    `approves with a full scorecard (${task.acceptanceCriteria.length}/${task.acceptanceCriteria.length} criteria, 5/5): task ${approved.reviewTask.task.status}`,
  );
}

/**
 * What the demo reports after the payout, checked against what the API
 * returned: every payout of the project PAID, ledger balances present, each
 * currency's ledger total zero, and the freelancer's payable back to zero.
 * Throws a DemoError naming the first check that fails.
 */
export function settledPayout<P extends { status: string; amount: Money }>(
  payouts: readonly P[],
  balances: readonly DemoBalance[],
  totals: readonly Money[],
  freelancerId: string,
): { paid: P; payable: Money } {
  const paid = payouts.find((p) => p.status === 'PAID');
  const unpaid = payouts.filter((p) => p.status !== 'PAID');
  if (!paid || unpaid.length > 0) {
    throw new DemoError(
      `Expected every payout of the project to be PAID, got ${payouts.map((p) => p.status).join(', ') || 'none'}`,
    );
  }
  if (balances.length === 0 || totals.length === 0) {
    throw new DemoError('The API returned no ledger balances for the demo accounts');
  }
  const unbalanced = totals.filter((t) => t.amountCents !== 0);
  if (unbalanced.length > 0) {
    throw new DemoError(
      `The ledger does not balance: total ${unbalanced.map(formatMoney).join(', ')}`,
    );
  }
  const payables = balances.filter(
    (b) => b.kind === 'FREELANCER_PAYABLE' && b.ownerId === freelancerId,
  );
  if (payables.length === 0) {
    throw new DemoError('The API returned no payable account for the freelancer');
  }
  const payable = {
    amountCents: payables.reduce((sum, b) => sum + b.amountCents, 0),
    currency: paid.amount.currency,
  };
  if (payable.amountCents !== 0) {
    throw new DemoError(
      `The payout is PAID but the freelancer's payable is ${formatMoney(payable)}, not zero`,
    );
  }
  return { paid, payable };
}

// --- Payout ---------------------------------------------------------------------

async function waitForPayouts(
  { api, projectId }: Pick<DemoContext, 'api' | 'projectId'>,
  payee: Session,
  what: string,
): Promise<PayoutNode[]> {
  const readPayouts = async () =>
    (
      await api.gql<{ myPayouts: { edges: { node: PayoutNode }[] } }>(
        `query { myPayouts(first: 50) { edges { node { id status projectId taskRef amount { amountCents currency } } } } }`,
        {},
        payee.token,
      )
    ).myPayouts.edges
      .map((e) => e.node)
      .filter((p) => p.projectId === projectId);
  return api.until(`waiting for ${what} to be PAID`, readPayouts, (ps) =>
    ps.some((p) => p.status === 'PAID'),
  );
}

// --- Admin: ledger balances --------------------------------------------------------

async function readLedger({
  api,
  owner,
  freelancer,
  reviewer,
  projectId,
}: Pick<DemoContext, 'api' | 'owner' | 'freelancer' | 'reviewer' | 'projectId'>): Promise<Ledger> {
  const admin = await logIn(api, DEMO_USERS.admin);
  const { ledgerBalances } = await api.gql<{
    ledgerBalances: {
      accounts: { kind: string; ownerId: string; balance: Money }[];
      totals: Money[];
    };
  }>(
    `query($ids: [String!]!) { ledgerBalances(accountOwnerIds: $ids) {
       accounts { kind ownerId balance { amountCents currency } } totals { amountCents currency } } }`,
    { ids: [projectId, owner.id, freelancer.id, reviewer.id, 'platform'] },
    admin.token,
  );
  const names: Record<string, string> = {
    [projectId]: 'project',
    [owner.id]: owner.name,
    [freelancer.id]: freelancer.name,
    [reviewer.id]: reviewer.name,
    platform: 'platform',
  };
  const balances = ledgerBalances.accounts.map((a) => ({
    kind: a.kind,
    ownerId: a.ownerId,
    amountCents: a.balance.amountCents,
    currency: a.balance.currency,
  }));
  return { reader: admin.name, names, balances, totals: ledgerBalances.totals };
}

interface Ledger {
  reader: string;
  names: Record<string, string>;
  balances: DemoBalance[];
  totals: Money[];
}

/**
 * The payout and ledger lines, from what the API returned (the ledger is read
 * first, so the payout line reports the payable the API holds).
 */
function reportSettlement(
  { api, freelancer, task }: Pick<DemoContext, 'api' | 'freelancer' | 'task'>,
  payouts: PayoutNode[],
  reviewerPayouts: PayoutNode[],
  ledger: Ledger,
): void {
  const settled = settledPayout(payouts, ledger.balances, ledger.totals, freelancer.id);
  api.print(
    'freelancer',
    `is paid ${formatMoney(settled.paid.amount)} for ${task.key}: payout ${settled.paid.status} (transferred, so the payable is back to ${formatMoney(settled.payable)})`,
  );
  const fee = reviewerPayouts.find((p) => p.status === 'PAID');
  const unpaid = reviewerPayouts.filter((p) => p.status !== 'PAID');
  if (!fee || unpaid.length > 0) {
    throw new DemoError(
      `Expected the reviewer's fee payout to be PAID, got ${reviewerPayouts.map((p) => p.status).join(', ') || 'none'}`,
    );
  }
  api.print(
    'reviewer',
    `is paid the review fee ${formatMoney(fee.amount)} for ${task.key}: payout ${fee.status}`,
  );
  const width = Math.max(...ledger.balances.map((b) => b.kind.length));
  api.print(
    'admin',
    `${ledger.reader} reads the ledger balances:\n${ledger.balances
      .map(
        (b) =>
          `      ${b.kind.padEnd(width)}  ${(ledger.names[b.ownerId] ?? b.ownerId).padEnd(16)} ${formatMoney(b).padStart(14)}`,
      )
      .join(
        '\n',
      )}\n      ledger total (all accounts): ${ledger.totals.map(formatMoney).join(', ')}`,
  );
}

/** Runs the steps in order, each adding what it made to the shared context. */
export async function runDemo(options: DemoOptions): Promise<DemoOutcome> {
  const api = demoApi(options);
  const owner = await ownerLogsIn(api);
  const projectId = await createProject({ api, owner });
  await planProject({ api, owner, projectId });
  const task = await fundProject({ api, owner, projectId });
  const reviewer = await assignReviewer({ api, owner, projectId });
  const freelancer = await fillInProfile({ api, task });
  const ctx: DemoContext = { api, owner, projectId, task, reviewer, freelancer };
  await onboardForPayouts(api, freelancer, 'freelancer');
  await onboardForPayouts(api, reviewer, 'reviewer');
  await claimTask(ctx);
  await submitWork(ctx);
  await readDeliverable(ctx);
  await requestChanges(ctx);
  await readFeedback(ctx);
  await resubmitWork(ctx);
  await approveWork(ctx);
  const payouts = await waitForPayouts(ctx, freelancer, "the freelancer's payout");
  const reviewerPayouts = await waitForPayouts(ctx, reviewer, "the reviewer's fee payout");
  const ledger = await readLedger(ctx);
  reportSettlement(ctx, payouts, reviewerPayouts, ledger);
  return {
    projectId,
    taskId: task.id,
    taskPriceCents: task.price.amountCents,
    payouts: payouts.map((p) => ({
      id: p.id,
      status: p.status,
      amountCents: p.amount.amountCents,
      taskRef: p.taskRef,
    })),
    reviewerPayouts: reviewerPayouts.map((p) => ({
      id: p.id,
      status: p.status,
      amountCents: p.amount.amountCents,
      taskRef: p.taskRef,
    })),
    balances: ledger.balances,
    ledgerTotals: ledger.totals,
    steps: api.steps,
  };
}
