import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { DomainEvents } from '@splitwork/database';
import { JobRunner } from '@splitwork/jobs';
import { DomainError, ErrorCode, Role } from '@splitwork/kernel';
import { TaskTransitioned } from '@splitwork/marketplace';
import { LedgerRepository, TaskRefundService } from '@splitwork/payments';
import { errorCodes, FakeStripeServer, postEvent, signedEvent } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import * as fixtures from './market-fixtures';

const BRIEF = `# Book club app
- Members sign up with email
- Members create reading lists`;
const WEBHOOK_SECRET = 'whsec_test_secret_for_splitwork';
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

interface Task {
  id: string;
  key: string;
  status: string;
  acceptanceCriteria: string[];
  skills: { skill: string; minLevel: number }[];
  dependsOn: string[];
  price: { amountCents: number };
  assigneeId: string | null;
  claimDeadline: string | null;
  revision: number;
}

const TASK_FIELDS =
  'id key status acceptanceCriteria skills { skill minLevel } dependsOn price { amountCents } assigneeId claimDeadline revision';
const PROJECT_TASKS = `query($id: ID!) { project(id: $id) { status tasks { ${TASK_FIELDS} } } }`;
const FUND = `mutation($input: FundProjectInput!) { fundProject(input: $input) {
  funding { id paymentIntentId total { amountCents } } } }`;
const ESCROW = `query($id: ID!) { project(id: $id) { escrowBalance { amountCents currency } } }`;
const CLAIM = `mutation($input: TaskRefInput!) { claimTask(input: $input) { ${TASK_FIELDS} } }`;
const SUBMIT = `mutation($input: SubmitTaskInput!) { submitTask(input: $input) { revision } }`;
const REVIEW = `mutation($input: ReviewTaskInput!) { reviewTask(input: $input) { task { status revision } } }`;
const PROFILE = `mutation($input: UpdateFreelancerProfileInput!) { updateFreelancerProfile(input: $input) { skills { skill } } }`;
const PAUSE = `mutation($input: TaskRefInput!) { pauseTask(input: $input) { ${TASK_FIELDS} } }`;
const RESUME = `mutation($input: TaskRefInput!) { resumeTask(input: $input) { ${TASK_FIELDS} } }`;
const CANCEL = `mutation($input: TaskRefInput!) { cancelTask(input: $input) { ${TASK_FIELDS} } }`;
const APPEAL = `mutation($input: AppealRejectionInput!) { appealRejection(input: $input) { id status revision } }`;
const OPEN_APPEALS = `query { openAppeals(first: 100) { edges { node { id taskId freelancerId status } } } }`;
const RESOLVE = `mutation($input: ResolveAppealInput!) { resolveAppeal(input: $input) { appeal { id status note } task { id status assigneeId } } }`;
const MY_PAYOUTS = `query { myPayouts { edges { node { status amount { amountCents } } } } }`;

const plannedProject = (api: ApiHarness, owner: TestUser) =>
  fixtures.plannedProject(api, owner, { brief: BRIEF });

/** `user` with a fresh access token. */
const logIn = async (api: ApiHarness, user: TestUser): Promise<TestUser> => ({
  ...user,
  token: await fixtures.logIn(api, user),
});

const tasksOf = async (api: ApiHarness, owner: TestUser, projectId: string) =>
  (await fixtures.projectTasks<Task>(api, owner, projectId, TASK_FIELDS)).tasks;

async function escrowOf(api: ApiHarness, owner: TestUser, projectId: string): Promise<number> {
  const { project } = await api.gql.ok<{ project: { escrowBalance: { amountCents: number }[] } }>(
    ESCROW,
    { id: projectId },
    owner.token,
  );
  return project.escrowBalance[0]?.amountCents ?? 0;
}

describe('marketplace lifecycle (simulated payments)', () => {
  let api: ApiHarness;
  let runner: JobRunner;

  beforeAll(async () => {
    api = await startApi();
    runner = api.app.get(JobRunner);
  });
  afterAll(() => api?.close());

  const fundedProject = () =>
    fixtures.fundedProject<Task>(api, { brief: BRIEF, taskFields: TASK_FIELDS });

  const qualifiedFreelancer = (task: Task) =>
    fixtures.qualifiedFreelancer(api, [task], { onboard: true });

  const review = (task: Task, verdict: string, failed: number[] = []) => ({
    taskId: task.id,
    verdict,
    overallScore: verdict === 'APPROVE' ? 5 : 1,
    assessments: fixtures.assessments(task, failed, 'Not met at all'),
    feedback: verdict === 'APPROVE' ? null : 'Does not meet the criteria',
  });

  const submission = (taskId: string) => ({
    taskId,
    links: ['https://github.com/acme/books/pull/9'],
    notes: 'Done',
    hoursSpent: 2,
  });

  it('moves an approved task to PAID once its payout job has sent the transfer', async () => {
    const { owner, reviewer, projectId, tasks } = await fundedProject();
    const task = tasks.find((t) => t.status === 'OPEN')!;
    const freelancer = await qualifiedFreelancer(task);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);
    await api.gql.ok(SUBMIT, { input: submission(task.id) }, freelancer.token);
    await api.gql.ok(REVIEW, { input: review(task, 'APPROVE') }, reviewer.token);
    const approved = (await tasksOf(api, owner, projectId)).find((t) => t.id === task.id)!;
    expect(approved.status).toBe('APPROVED');
    await runner.drain();
    const paid = (await tasksOf(api, owner, projectId)).find((t) => t.id === task.id)!;
    expect(paid).toMatchObject({ status: 'PAID', assigneeId: freelancer.id });
    const { myPayouts } = await api.gql.ok<{
      myPayouts: { edges: { node: { status: string } }[] };
    }>(MY_PAYOUTS, {}, freelancer.token);
    expect(myPayouts.edges.map((e) => e.node.status)).toEqual(['PAID']);
  });

  it('walks a task end to end: a rejection overturned on appeal is approved, paid once, and the task PAID after the payout job', async () => {
    const { owner, reviewer, projectId, tasks } = await fundedProject();
    const task = tasks.find(
      (t) =>
        t.status === 'OPEN' &&
        tasks.some((d) => d.dependsOn.length === 1 && d.dependsOn[0] === t.key),
    )!;
    const freelancer = await qualifiedFreelancer(task);
    const rival = await qualifiedFreelancer(task);
    const admin = await api.newAdmin();

    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);
    await api.gql.ok(SUBMIT, { input: submission(task.id) }, freelancer.token);
    const rejected = await api.gql.ok<{ reviewTask: { task: { status: string } } }>(
      REVIEW,
      { input: review(task, 'REJECT', [0]) },
      reviewer.token,
    );
    expect(rejected.reviewTask.task.status).toBe('OPEN');

    const reason = { taskId: task.id, reason: 'Every criterion is met, see the PR description' };
    // The rival never submitted to the task: the rejection is not theirs to learn of.
    expect(errorCodes(await api.gql.request(APPEAL, { input: reason }, rival.token))).toEqual([
      ErrorCode.NOT_FOUND,
    ]);
    expect(
      errorCodes(
        await api.gql.request(APPEAL, { input: { ...reason, reason: 'no' } }, freelancer.token),
      ),
    ).toEqual([ErrorCode.BAD_USER_INPUT]);
    const { appealRejection } = await api.gql.ok<{
      appealRejection: { id: string; status: string; revision: number };
    }>(APPEAL, { input: reason }, freelancer.token);
    expect(appealRejection).toMatchObject({ status: 'OPEN', revision: 1 });
    expect(errorCodes(await api.gql.request(APPEAL, { input: reason }, freelancer.token))).toEqual([
      ErrorCode.CONFLICT,
    ]);

    expect(errorCodes(await api.gql.request(OPEN_APPEALS, {}, reviewer.token))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
    const { openAppeals } = await api.gql.ok<{
      openAppeals: { edges: { node: { id: string; taskId: string } }[] };
    }>(OPEN_APPEALS, {}, admin.token);
    expect(openAppeals.edges.map((e) => e.node.id)).toContain(appealRejection.id);

    const resolveInput = { appealId: appealRejection.id, overturn: true, note: 'The PR meets AC1' };
    expect(
      errorCodes(await api.gql.request(RESOLVE, { input: resolveInput }, owner.token)),
    ).toEqual([ErrorCode.FORBIDDEN]);
    const { resolveAppeal } = await api.gql.ok<{
      resolveAppeal: { appeal: { status: string }; task: { status: string; assigneeId: string } };
    }>(RESOLVE, { input: resolveInput }, admin.token);
    expect(resolveAppeal.appeal.status).toBe('OVERTURNED');
    expect(resolveAppeal.task).toMatchObject({ status: 'APPROVED', assigneeId: freelancer.id });
    expect(
      errorCodes(await api.gql.request(RESOLVE, { input: resolveInput }, admin.token)),
    ).toEqual([ErrorCode.INVALID_TRANSITION]);
    const stillOpen = await api.gql.ok<{ openAppeals: { edges: { node: { id: string } }[] } }>(
      OPEN_APPEALS,
      {},
      admin.token,
    );
    expect(stillOpen.openAppeals.edges.map((e) => e.node.id)).not.toContain(appealRejection.id);

    await runner.drain();
    await runner.drain();
    const { myPayouts } = await api.gql.ok<{
      myPayouts: { edges: { node: { status: string; amount: { amountCents: number } } }[] };
    }>(MY_PAYOUTS, {}, freelancer.token);
    expect(myPayouts.edges.map((e) => e.node)).toEqual([
      { status: 'PAID', amount: { amountCents: task.price.amountCents } },
    ]);
    const after = await tasksOf(api, owner, projectId);
    expect(after.find((t) => t.id === task.id)).toMatchObject({
      status: 'PAID',
      assigneeId: freelancer.id,
    });
    for (const d of after.filter((t) => t.dependsOn.length === 1 && t.dependsOn[0] === task.key))
      expect(d.status).toBe('OPEN');
  });

  it('records an appeal overturned after someone else claimed the task, without moving or paying it', async () => {
    const { reviewer, tasks } = await fundedProject();
    const task = tasks.find((t) => t.status === 'OPEN')!;
    const freelancer = await qualifiedFreelancer(task);
    const next = await qualifiedFreelancer(task);
    const admin = await api.newAdmin();
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);
    await api.gql.ok(SUBMIT, { input: submission(task.id) }, freelancer.token);
    await api.gql.ok(REVIEW, { input: review(task, 'REJECT', [0]) }, reviewer.token);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, next.token);
    const { appealRejection } = await api.gql.ok<{ appealRejection: { id: string } }>(
      APPEAL,
      { input: { taskId: task.id, reason: 'The reviewer misread the criteria' } },
      freelancer.token,
    );
    const { resolveAppeal } = await api.gql.ok<{
      resolveAppeal: { appeal: { status: string }; task: { status: string; assigneeId: string } };
    }>(
      RESOLVE,
      { input: { appealId: appealRejection.id, overturn: true, note: null } },
      admin.token,
    );
    expect(resolveAppeal.appeal.status).toBe('OVERTURNED_UNPAID');
    expect(resolveAppeal.task).toMatchObject({ status: 'CLAIMED', assigneeId: next.id });
    await runner.drain();
    const { myPayouts } = await api.gql.ok<{ myPayouts: { edges: unknown[] } }>(
      MY_PAYOUTS,
      {},
      freelancer.token,
    );
    expect(myPayouts.edges).toEqual([]);
  });

  /** A live graphql-ws subscription: what it received, and the errors of its subscribe step. */
  function subscribe(user: TestUser, query: string, variables: Record<string, unknown> = {}) {
    const client = createClient({
      url: api.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${user.token}` },
    });
    const received: Record<string, unknown>[] = [];
    const errors: string[] = [];
    client.subscribe(
      { query, variables },
      {
        next: (result) => {
          if (result.errors)
            errors.push(
              ...result.errors.map((e) => (e.extensions?.code as string | undefined) ?? 'no code'),
            );
          if (result.data)
            received.push(...Object.values(result.data as Record<string, Record<string, unknown>>));
        },
        error: (err: unknown) =>
          errors.push(
            ...(Array.isArray(err)
              ? (err as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code ?? '')
              : ['CONNECTION']),
          ),
        complete: () => undefined,
      },
    );
    return { received, errors, dispose: () => client.dispose() };
  }

  const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));
  const STATUS_SUB = `subscription($projectId: ID) { taskStatusChanged(projectId: $projectId) { taskId projectId from to at } }`;
  const OPENED_SUB = `subscription { openTaskMatched { id projectId status } }`;

  it('pushes task events to the right people only, after commit, and nothing for a rolled-back change', async () => {
    const { owner, reviewer, projectId, tasks } = await fundedProject();
    const task = tasks.find(
      (t) =>
        t.status === 'OPEN' &&
        tasks.some((d) => d.dependsOn.length === 1 && d.dependsOn[0] === t.key),
    )!;
    const poisoned = tasks.find((t) => t.status === 'OPEN' && t.id !== task.id)!;
    const freelancer = await qualifiedFreelancer(task);
    const bystander = await qualifiedFreelancer(poisoned);
    const otherOwner = await api.newUser([Role.OWNER]);
    const dependents = tasks.filter((d) => d.dependsOn.length === 1 && d.dependsOn[0] === task.key);
    const matching = await api.newUser([Role.FREELANCER]);
    const allSkills = new Map<string, number>();
    for (const t of tasks) for (const s of t.skills) allSkills.set(s.skill, 5);
    await api.gql.ok(
      PROFILE,
      {
        input: {
          skills: [...allSkills.keys()].map((skill) => ({ skill, level: 5 })),
          weeklyHours: 30,
        },
      },
      matching.token,
    );
    const unmatched = await api.newUser([Role.FREELANCER]);
    await api.gql.ok(
      PROFILE,
      { input: { skills: [{ skill: 'cobol', level: 5 }], weeklyHours: 30 } },
      unmatched.token,
    );

    const forbidden = subscribe(otherOwner, STATUS_SUB, { projectId });
    const subs = {
      owner: subscribe(owner, STATUS_SUB, { projectId }),
      reviewer: subscribe(reviewer, STATUS_SUB, { projectId }),
      freelancer: subscribe(freelancer, STATUS_SUB),
      bystander: subscribe(bystander, STATUS_SUB),
      otherOwner: subscribe(otherOwner, STATUS_SUB),
    };
    const opened = {
      matching: subscribe(matching, OPENED_SUB),
      unmatched: subscribe(unmatched, OPENED_SUB),
    };
    await settle();
    try {
      expect(forbidden.errors).toEqual([ErrorCode.NOT_FOUND]);

      await api.gql.ok(CLAIM, { input: { taskId: task.id } }, freelancer.token);

      // A transition rolled back by a step that fails after it was written: never announced.
      api.app.get(DomainEvents).on(TaskTransitioned, async ({ task: moved }) => {
        if (moved.id === poisoned.id) throw DomainError.conflict('rolled back on purpose');
      });
      expect(
        errorCodes(
          await api.gql.request(CLAIM, { input: { taskId: poisoned.id } }, bystander.token),
        ),
      ).toEqual([ErrorCode.CONFLICT]);

      await api.gql.ok(SUBMIT, { input: submission(task.id) }, freelancer.token);
      await api.gql.ok(REVIEW, { input: review(task, 'APPROVE') }, reviewer.token);
      await settle();

      const ofTask = (received: Record<string, unknown>[]) =>
        received
          .filter((e) => e.taskId === task.id)
          .map((e) => `${String(e.from)}>${String(e.to)}`);
      for (const who of ['owner', 'reviewer', 'freelancer'] as const) {
        expect(ofTask(subs[who].received)).toEqual([
          'OPEN>CLAIMED',
          'CLAIMED>SUBMITTED',
          'SUBMITTED>APPROVED',
        ]);
        expect(subs[who].errors).toEqual([]);
      }
      expect(subs.owner.received.every((e) => e.projectId === projectId)).toBe(true);
      // The owner and the reviewer also hear about the dependents opening.
      expect(
        subs.owner.received
          .filter((e) => e.to === 'OPEN')
          .map((e) => e.taskId)
          .sort(),
      ).toEqual(dependents.map((d) => d.id).sort());
      // Nobody hears about the rolled-back claim.
      for (const sub of Object.values(subs))
        expect(sub.received.filter((e) => e.taskId === poisoned.id)).toEqual([]);
      expect(subs.bystander.received).toEqual([]);
      expect(subs.otherOwner.received).toEqual([]);
      // The freelancer only hears about their own task.
      expect(subs.freelancer.received.every((e) => e.taskId === task.id)).toBe(true);

      // Of this project, exactly the dependents; a task of another project
      // that opens meanwhile (a job left by another file on the server's
      // shared queue) may reach the matching freelancer too.
      expect(
        opened.matching.received
          .filter((t) => t.projectId === projectId)
          .map((t) => t.id)
          .sort(),
      ).toEqual(dependents.map((d) => d.id).sort());
      expect(opened.matching.received.every((t) => t.status === 'OPEN')).toBe(true);
      expect(opened.unmatched.received).toEqual([]);
    } finally {
      for (const sub of [forbidden, ...Object.values(subs), ...Object.values(opened)]) {
        await sub.dispose();
      }
    }
  });

  it('pauses a claimed task: the claim does not expire while paused, and resuming moves the deadline by the pause', async () => {
    const { owner, reviewer, projectId, tasks } = await fundedProject();
    const task = tasks.find((t) => t.status === 'OPEN')!;
    const freelancer = await qualifiedFreelancer(task);
    const otherOwner = await api.newUser([Role.OWNER]);
    const { claimTask } = await api.gql.ok<{ claimTask: Task }>(
      CLAIM,
      { input: { taskId: task.id } },
      freelancer.token,
    );
    const deadline = new Date(claimTask.claimDeadline!).getTime();

    expect(
      errorCodes(await api.gql.request(PAUSE, { input: { taskId: task.id } }, otherOwner.token)),
    ).toEqual([ErrorCode.NOT_FOUND]);
    expect(
      errorCodes(await api.gql.request(PAUSE, { input: { taskId: task.id } }, reviewer.token)),
    ).toEqual([ErrorCode.FORBIDDEN]);
    const { pauseTask } = await api.gql.ok<{ pauseTask: Task }>(
      PAUSE,
      { input: { taskId: task.id } },
      owner.token,
    );
    expect(pauseTask).toMatchObject({ status: 'PAUSED', assigneeId: freelancer.id });
    expect(
      errorCodes(await api.gql.request(PAUSE, { input: { taskId: task.id } }, owner.token)),
    ).toEqual([ErrorCode.INVALID_TRANSITION]);

    const pause = 3 * DAY;
    const untilOldDeadline = deadline - api.clock.now().getTime() + HOUR;
    let moved = 0;
    const advance = (ms: number) => {
      api.clock.advance(ms);
      moved += ms;
    };
    try {
      advance(pause);
      const resumed = await api.gql.ok<{ resumeTask: Task }>(
        RESUME,
        { input: { taskId: task.id } },
        (await logIn(api, owner)).token,
      );
      expect(resumed.resumeTask.status).toBe('CLAIMED');
      expect(new Date(resumed.resumeTask.claimDeadline!).getTime()).toBe(deadline + pause);

      // Past the old deadline, before the moved one: still claimed.
      advance(untilOldDeadline - pause);
      await fixtures.makeDelayedJobsDue(api, { dueByClock: true });
      await runner.drain();
      let current = (await tasksOf(api, await logIn(api, owner), projectId)).find(
        (t) => t.id === task.id,
      )!;
      expect(current.status).toBe('CLAIMED');

      // Past the moved deadline: the claim expires.
      advance(pause);
      await fixtures.makeDelayedJobsDue(api, { dueByClock: true });
      await runner.drain();
      current = (await tasksOf(api, await logIn(api, owner), projectId)).find(
        (t) => t.id === task.id,
      )!;
      expect(current).toMatchObject({ status: 'OPEN', assigneeId: null });
    } finally {
      api.clock.advance(-moved);
    }
  });

  it('cancels a task: its dependents stay blocked and it cannot be claimed', async () => {
    const { owner, projectId, tasks } = await fundedProject();
    const task = tasks.find(
      (t) => t.status === 'OPEN' && tasks.some((d) => d.dependsOn.includes(t.key)),
    )!;
    const freelancer = await qualifiedFreelancer(task);
    const before = await escrowOf(api, owner, projectId);
    const { cancelTask } = await api.gql.ok<{ cancelTask: Task }>(
      CANCEL,
      { input: { taskId: task.id } },
      owner.token,
    );
    expect(cancelTask.status).toBe('CANCELLED');
    expect(await escrowOf(api, owner, projectId)).toBeLessThan(before);
    expect(
      errorCodes(await api.gql.request(CLAIM, { input: { taskId: task.id } }, freelancer.token)),
    ).toEqual([ErrorCode.CONFLICT]);
    expect(
      errorCodes(await api.gql.request(CANCEL, { input: { taskId: task.id } }, owner.token)),
    ).toEqual([ErrorCode.INVALID_TRANSITION]);
    const after = await tasksOf(api, owner, projectId);
    for (const d of after.filter((t) => t.dependsOn.includes(task.key)))
      expect(d.status).toBe('BLOCKED');
  });
  it('cancelling the project withdraws its undelivered tasks, and waits for work under review', async () => {
    const CANCEL_PROJECT = `mutation($input: CancelProjectInput!) { cancelProject(input: $input) { cancelled } }`;
    const { owner, reviewer, projectId, tasks } = await fundedProject();
    const [first, second] = tasks.filter((t) => t.status === 'OPEN');
    const author = await qualifiedFreelancer(first);
    await api.gql.ok(CLAIM, { input: { taskId: first.id } }, author.token);
    await api.gql.ok(SUBMIT, { input: submission(first.id) }, author.token);

    const refused = await api.gql.request(CANCEL_PROJECT, { input: { projectId } }, owner.token);
    expect(errorCodes(refused)).toEqual([ErrorCode.INVALID_TRANSITION]);
    const untouched = await api.gql.ok<{ project: { status: string; tasks: Task[] } }>(
      PROJECT_TASKS,
      { id: projectId },
      owner.token,
    );
    expect(untouched.project.status).toBe('FUNDED');
    expect(untouched.project.tasks.map((t) => t.status)).toEqual(
      tasks.map((t) => (t.id === first.id ? 'SUBMITTED' : t.status)),
    );

    await api.gql.ok(REVIEW, { input: review(first, 'APPROVE') }, reviewer.token);
    const holder = await qualifiedFreelancer(second);
    await api.gql.ok(CLAIM, { input: { taskId: second.id } }, holder.token);
    await api.gql.ok(CANCEL_PROJECT, { input: { projectId } }, owner.token);
    await runner.drain();

    const after = await api.gql.ok<{ project: { status: string; tasks: Task[] } }>(
      PROJECT_TASKS,
      { id: projectId },
      owner.token,
    );
    expect(after.project.status).toBe('CANCELLED');
    for (const t of after.project.tasks) {
      expect(t.status).toBe(t.id === first.id ? 'PAID' : 'CANCELLED');
    }
    // The withdrawn claim is gone with the task (a cancelled state keeps no holder): the former
    // holder submits to a task that, for them, no longer exists.
    expect(
      errorCodes(await api.gql.request(SUBMIT, { input: submission(second.id) }, holder.token)),
    ).toEqual([ErrorCode.NOT_FOUND]);
    expect(await escrowOf(api, owner, projectId)).toBe(0);
  });
});

describe('task cancellation refunds through Stripe (a local fake)', () => {
  let stripe: FakeStripeServer;
  let api: ApiHarness;
  let webhookUrl: string;

  beforeAll(async () => {
    ({ api, stripe, webhookUrl } = await fixtures.startApiWithStripe(WEBHOOK_SECRET));
  });
  afterAll(async () => {
    await api?.close();
    await stripe?.close();
  });

  it("refunds the task's escrow share once, and a later project cancellation only the rest", async () => {
    const owner = await api.newUser([Role.OWNER]);
    const projectId = await plannedProject(api, owner);
    const { fundProject } = await api.gql.ok<{
      fundProject: {
        funding: { id: string; paymentIntentId: string; total: { amountCents: number } };
      };
    }>(FUND, { input: { projectId } }, owner.token);
    const funding = fundProject.funding;
    stripe.succeedPaymentIntent(funding.paymentIntentId);
    const event = signedEvent(
      'payment_intent.succeeded',
      {
        ...stripe.paymentIntent(funding.paymentIntentId),
        id: funding.paymentIntentId,
        object: 'payment_intent',
        status: 'succeeded',
        amount: funding.total.amountCents,
        amount_received: funding.total.amountCents,
        currency: 'usd',
        metadata: { projectId, fundingId: funding.id },
      },
      { secret: WEBHOOK_SECRET },
    );
    expect((await postEvent(webhookUrl, event)).status).toBe(200);
    const total = funding.total.amountCents;
    expect(await escrowOf(api, owner, projectId)).toBe(total);

    const task = (await tasksOf(api, owner, projectId)).find((t) => t.status === 'OPEN')!;
    // Price plus the platform and reviewer fee reserve (defaults 10 % + 5 %, rounded down).
    const share =
      task.price.amountCents +
      Math.floor((task.price.amountCents * 1000) / 10_000) +
      Math.floor((task.price.amountCents * 500) / 10_000);
    await api.gql.ok(CANCEL, { input: { taskId: task.id } }, owner.token);
    expect(await escrowOf(api, owner, projectId)).toBe(total - share);
    const totals = await api.app.get(LedgerRepository).totals();
    expect(totals.every((t) => t.sumCents === 0)).toBe(true);

    await api.app.get(JobRunner).drain();
    // The job again (a retry after a crash): the idempotency key gives the same refund back.
    await api.app
      .get(TaskRefundService)
      .sendRefund({ taskRef: task.id, projectId, amountCents: share });
    let refunds = stripe.refunds().filter((r) => r.payment_intent === funding.paymentIntentId);
    expect(refunds.map((r) => r.amount)).toEqual([share]);

    await api.gql.ok(
      `mutation($input: CancelProjectInput!) { cancelProject(input: $input) { cancelled } }`,
      { input: { projectId } },
      owner.token,
    );
    await api.app.get(JobRunner).drain();
    refunds = stripe.refunds().filter((r) => r.payment_intent === funding.paymentIntentId);
    expect(refunds.map((r) => r.amount).sort((a, b) => a - b)).toEqual(
      [share, total - share].sort((a, b) => a - b),
    );
    expect(await escrowOf(api, owner, projectId)).toBe(0);
  });
});
