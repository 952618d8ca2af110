/**
 * The whole Splitwork loop, driven through the GraphQL API over HTTP as the
 * seeded demo users: brief → plan → fund → onboard → claim → submit → changes
 * requested → resubmit → approve → payout → ledger balances. It talks to the
 * API only with fetch, as any client would.
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

export async function runDemo(options: DemoOptions): Promise<DemoOutcome> {
  const { url } = options;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pollMs = options.pollMs ?? 200;
  const steps: string[] = [];
  const print = (who: string, what: string) => {
    const line = `${String(steps.length + 1).padStart(2)}. ${who.padEnd(10)} ${what}`;
    steps.push(line);
    options.print(line);
  };

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

  async function logIn(email: string): Promise<Session> {
    const { logIn } = await gql<{
      logIn: { accessToken: string; user: { id: string; displayName: string } };
    }>(
      `mutation($input: LogInInput!) { logIn(input: $input) { accessToken user { id displayName } } }`,
      { input: { email, password: DEMO_PASSWORD } },
    );
    return { token: logIn.accessToken, id: logIn.user.id, name: logIn.user.displayName };
  }

  // --- Owner: brief, plan, fund -------------------------------------------------
  const owner = await logIn(DEMO_USERS.owner);
  print('owner', `${owner.name} logs in (${DEMO_USERS.owner})`);

  const budget = { amountCents: 10_000_000, currency: 'USD' };
  const { createProject } = await gql<{
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
  const projectId = createProject.project.id;
  print(
    'owner',
    `creates project "${createProject.project.title}" from a 3-requirement web/mobile brief, budget ${formatMoney(budget)}`,
  );

  const { planProject } = await gql<{ planProject: { run: { id: string } } }>(
    `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`,
    { input: { projectId } },
    owner.token,
  );
  const run = await until(
    'waiting for the planning run',
    async () =>
      (
        await gql<{
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
  print('owner', `plans it with the ${run.planner} planner: run ${run.status}`);

  const { project: planned } = await gql<{
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
        };
      };
    };
  }>(
    `query($id: ID!) { project(id: $id) { plan {
       summary { taskCount featureCount total { amountCents currency } hours { likely } }
       forecast { p50Cost { amountCents currency } p90Cost { amountCents currency } p50DurationDays p90DurationDays }
     } } }`,
    { id: projectId },
    owner.token,
  );
  const { summary, forecast } = planned.plan;
  print(
    'owner',
    `reads the plan: ${summary.taskCount} tasks in ${summary.featureCount} features, ${summary.hours.likely} h likely, total ${formatMoney(summary.total)}; forecast P50 ${formatMoney(forecast.p50Cost)} / P90 ${formatMoney(forecast.p90Cost)}, ${forecast.p50DurationDays}–${forecast.p90DurationDays} days`,
  );

  const { fundProject } = await gql<{
    fundProject: { funding: { status: string; work: Money; fees: Money; total: Money } };
  }>(
    `mutation($input: FundProjectInput!) { fundProject(input: $input) { funding {
       status work { amountCents currency } fees { amountCents currency } total { amountCents currency } } } }`,
    { input: { projectId } },
    owner.token,
  );
  const funded = await until(
    'waiting for the project to be FUNDED',
    async () =>
      (
        await gql<{ project: { status: string; escrowBalance: Money[] } }>(
          `query($id: ID!) { project(id: $id) { status escrowBalance { amountCents currency } } }`,
          { id: projectId },
          owner.token,
        )
      ).project,
    (p) => p.status === 'FUNDED',
  );
  const { funding } = fundProject;
  print(
    'owner',
    `funds it: ${formatMoney(funding.work)} work + ${formatMoney(funding.fees)} fees = ${formatMoney(funding.total)}; project ${funded.status}, escrow ${funded.escrowBalance.map(formatMoney).join(', ')}`,
  );

  const PROJECT_TASKS = `query($id: ID!) { project(id: $id) { tasks {
    id key title status acceptanceCriteria skills { skill minLevel } price { amountCents currency } revision } } }`;
  const { project: board } = await gql<{ project: { tasks: MarketTask[] } }>(
    PROJECT_TASKS,
    { id: projectId },
    owner.token,
  );
  const open = board.tasks.filter((t) => t.status === 'OPEN');
  const task = open.find((t) => t.acceptanceCriteria.length >= 2) ?? open[0];
  if (!task) throw new DemoError('No task is OPEN after funding');
  print(
    'board',
    `${open.length} of ${board.tasks.length} tasks OPEN, the rest wait for dependencies`,
  );

  // --- Reviewer assigned by the owner ---------------------------------------------
  const reviewer = await logIn(DEMO_USERS.reviewer);
  await gql(
    `mutation($input: AssignReviewerInput!) { assignProjectReviewer(input: $input) }`,
    { input: { projectId, reviewerId: reviewer.id } },
    owner.token,
  );
  print('owner', `assigns ${reviewer.name} as the project's expert reviewer`);

  // --- Freelancer: profile, onboarding, claim, submit ------------------------------
  const freelancer = await logIn(DEMO_USERS.freelancer);
  const skills = task.skills.map((s) => ({ skill: s.skill, level: Math.max(s.minLevel, 4) }));
  await gql(
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
  print(
    'freelancer',
    `${freelancer.name} logs in and fills in a profile: ${skills.map((s) => `${s.skill} ${s.level}`).join(', ')}, 30 h/week`,
  );

  const { startPayoutOnboarding } = await gql<{
    startPayoutOnboarding: { account: { payoutsEnabled: boolean; simulated: boolean } };
  }>(
    `mutation { startPayoutOnboarding { url account { payoutsEnabled simulated } } }`,
    {},
    freelancer.token,
  );
  if (!startPayoutOnboarding.account.payoutsEnabled) {
    throw new DemoError('Payout onboarding did not enable payouts');
  }
  print(
    'freelancer',
    `onboards for payouts${startPayoutOnboarding.account.simulated ? ' (simulated provider)' : ''}: payouts enabled`,
  );

  const TASK_FIELDS = 'id status revision';
  const { claimTask } = await gql<{ claimTask: { status: string; revision: number } }>(
    `mutation($input: TaskRefInput!) { claimTask(input: $input) { ${TASK_FIELDS} } }`,
    { input: { taskId: task.id } },
    freelancer.token,
  );
  print(
    'freelancer',
    `claims ${task.key} "${task.title}" (${formatMoney(task.price)}): ${claimTask.status}`,
  );

  const SUBMIT = `mutation($input: SubmitTaskInput!) { submitTask(input: $input) { revision } }`;
  const link = 'https://github.com/demo/neighbourhood-market/pull/1';
  const first = await gql<{ submitTask: { revision: number } }>(
    SUBMIT,
    { input: { taskId: task.id, links: [link], notes: 'First version', hoursSpent: 3 } },
    freelancer.token,
  );
  print('freelancer', `submits revision ${first.submitTask.revision}: ${link}`);

  // --- Reviewer: request changes, then approve --------------------------------------
  const REVIEW = `mutation($input: ReviewTaskInput!) { reviewTask(input: $input) {
    task { status revision } review { verdict failedCriteria } } }`;
  const failedIndex = task.acceptanceCriteria.length - 1;
  const assessments = (failed: number | null) =>
    task.acceptanceCriteria.map((_, i) => ({
      criterionId: `AC${i + 1}`,
      passed: i !== failed,
      comment: i === failed ? 'Not met yet: the error state is missing' : null,
    }));
  const changes = await gql<{
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
        assessments: assessments(failedIndex),
        feedback: 'Good start; please handle the error state.',
      },
    },
    reviewer.token,
  );
  print(
    'reviewer',
    `requests changes (${changes.reviewTask.review.failedCriteria.join('; ')}): task ${changes.reviewTask.task.status}, revision ${changes.reviewTask.task.revision}`,
  );

  const second = await gql<{ submitTask: { revision: number } }>(
    SUBMIT,
    {
      input: {
        taskId: task.id,
        links: [link],
        notes: 'Error state added',
        hoursSpent: 1,
      },
    },
    freelancer.token,
  );
  print('freelancer', `resubmits revision ${second.submitTask.revision} with the error state`);

  const approved = await gql<{ reviewTask: { task: { status: string } } }>(
    REVIEW,
    {
      input: {
        taskId: task.id,
        verdict: 'APPROVE',
        overallScore: 5,
        assessments: assessments(null),
        feedback: 'All criteria met.',
      },
    },
    reviewer.token,
  );
  print(
    'reviewer',
    `approves with a full scorecard (${task.acceptanceCriteria.length}/${task.acceptanceCriteria.length} criteria, 5/5): task ${approved.reviewTask.task.status}`,
  );

  // --- Payout ---------------------------------------------------------------------
  type PayoutNode = {
    id: string;
    status: string;
    projectId: string;
    taskRef: string;
    amount: Money;
  };
  const readPayouts = async () =>
    (
      await gql<{ myPayouts: { edges: { node: PayoutNode }[] } }>(
        `query { myPayouts(first: 50) { edges { node { id status projectId taskRef amount { amountCents currency } } } } }`,
        {},
        freelancer.token,
      )
    ).myPayouts.edges
      .map((e) => e.node)
      .filter((p) => p.projectId === projectId);
  const payouts = await until('waiting for the payout to be PAID', readPayouts, (ps) =>
    ps.some((p) => p.status === 'PAID'),
  );
  // --- Admin: ledger balances --------------------------------------------------------
  // Read before the payout line, so that line reports the payable the API holds.
  const admin = await logIn(DEMO_USERS.admin);
  const { ledgerBalances } = await gql<{
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
  const settled = settledPayout(payouts, balances, ledgerBalances.totals, freelancer.id);
  print(
    'freelancer',
    `is paid ${formatMoney(settled.paid.amount)} for ${task.key}: payout ${settled.paid.status} (transferred, so the payable is back to ${formatMoney(settled.payable)})`,
  );
  const width = Math.max(...balances.map((b) => b.kind.length));
  print(
    'admin',
    `${admin.name} reads the ledger balances:\n${balances
      .map(
        (b) =>
          `      ${b.kind.padEnd(width)}  ${(names[b.ownerId] ?? b.ownerId).padEnd(16)} ${formatMoney(b).padStart(14)}`,
      )
      .join(
        '\n',
      )}\n      ledger total (all accounts): ${ledgerBalances.totals.map(formatMoney).join(', ')}`,
  );

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
    balances,
    ledgerTotals: ledgerBalances.totals,
    steps,
  };
}
