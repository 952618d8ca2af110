import { DomainEvents } from '@splitwork/database';
import { JobRunner } from '@splitwork/jobs';
import { ErrorCode, Role } from '@splitwork/kernel';
import { TaskDisputeOpened, TaskDisputeResolved } from '@splitwork/marketplace';
import { errorCodes } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import * as fixtures from './market-fixtures';

/*
 * Owner disputes (simulated payments): within DISPUTE_WINDOW_DAYS of approval
 * the project's owner disputes a task once; an admin reads the evidence
 * through the dispute's task and upholds the payment or reverses it (the
 * payout reversal with its ledger entries). Everyone finds what they act on
 * through the API. Also here: who earns the reviewer fee when nobody reviewed
 * (auto-approval: nobody; it stays in escrow), and simulated onboarding
 * releasing a payout that waited for it.
 */

interface Task {
  id: string;
  status: string;
  skills: { skill: string; minLevel: number }[];
  acceptanceCriteria: string[];
  price: { amountCents: number };
}

const TASK_FIELDS = 'id status skills { skill minLevel } acceptanceCriteria price { amountCents }';
const DISPUTE = `mutation($input: DisputeTaskInput!) { disputeTask(input: $input) {
  dispute { id status reason task { id status } } } }`;
const OPEN_DISPUTES = `query { openDisputes(first: 20) { edges { node {
  id taskId reason status task { id status price { amountCents } } } } } }`;
const RESOLVE = `mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) {
  dispute { id status note resolvedAt } } }`;
const MY_PAYOUTS = `query { myPayouts { edges { node { id status reason payeeRole taskRef } } } }`;
const ESCROW = `query($id: ID!) { project(id: $id) { escrowBalance { amountCents } } }`;
const TOTALS = `query($ids: [String!]!) { ledgerBalances(accountOwnerIds: $ids) {
  accounts { ownerId kind balance { amountCents } } totals { amountCents } } }`;
const REASON = 'The export crashes on every recipe with a photo';

describe('owner disputes and settlement rules (simulated payments)', () => {
  let api: ApiHarness;
  let owner: TestUser;
  let reviewer: TestUser;
  let projectId: string;
  const opened: TaskDisputeOpened[] = [];
  const resolved: TaskDisputeResolved[] = [];

  beforeAll(async () => {
    api = await startApi();
    // Observes the events raised for notifications (part of the contract, not a mock).
    const events = api.app.get(DomainEvents);
    events.on(TaskDisputeOpened, async (e) => {
      opened.push(e);
    });
    events.on(TaskDisputeResolved, async (e) => {
      resolved.push(e);
    });
    owner = await api.factory.user([Role.OWNER]);
    reviewer = await api.factory.user([Role.REVIEWER]);
    ({ projectId } = await fixtures.fundedProject(api, {
      owner,
      reviewer,
      brief: `# Recipe sharing app
- Cooks publish recipes with photos
- Readers save recipes to collections
- Readers comment on recipes
- Readers rate recipes
- Cooks export recipes as PDF`,
    }));
  });
  afterAll(async () => {
    await api?.close();
  });

  const drain = () => api.app.get(JobRunner).drain();

  /** Fresh tokens: the clock moves past their lifetime in the window tests. */
  async function relog(user: TestUser): Promise<TestUser> {
    return { ...user, token: await fixtures.logIn(api, user) };
  }

  async function openTask(): Promise<Task> {
    const { tasks } = await fixtures.projectTasks<Task>(api, owner, projectId, TASK_FIELDS);
    const task = tasks.find((t) => t.status === 'OPEN');
    if (!task) throw new Error('no OPEN task left');
    return task;
  }

  async function taskStatus(taskId: string): Promise<string> {
    const { tasks } = await fixtures.projectTasks<Task>(api, owner, projectId, TASK_FIELDS);
    return tasks.find((t) => t.id === taskId)!.status;
  }

  async function submitted(onboard: boolean): Promise<{ task: Task; freelancer: TestUser }> {
    const task = await openTask();
    const freelancer = await fixtures.qualifiedFreelancer(api, [task], { onboard });
    await api.gql.ok(
      `mutation($input: TaskRefInput!) { claimTask(input: $input) { id } }`,
      { input: { taskId: task.id } },
      freelancer.token,
    );
    await api.gql.ok(
      `mutation($input: SubmitTaskInput!) { submitTask(input: $input) { revision } }`,
      {
        input: {
          taskId: task.id,
          links: ['https://example.com/pr/1'],
          notes: 'Done',
          hoursSpent: 2,
        },
      },
      freelancer.token,
    );
    return { task, freelancer };
  }

  /** A task approved by the project's reviewer and paid to its (onboarded) freelancer. */
  async function paidTask(): Promise<{ task: Task; freelancer: TestUser }> {
    const { task, freelancer } = await submitted(true);
    await fixtures.approveTask(api, task, reviewer);
    await drain();
    expect(await taskStatus(task.id)).toBe('PAID');
    return { task, freelancer };
  }

  async function openDisputes(admin: TestUser) {
    const { openDisputes } = await api.gql.ok<{
      openDisputes: {
        edges: {
          node: {
            id: string;
            taskId: string;
            reason: string;
            status: string;
            task: { id: string; status: string };
          };
        }[];
      };
    }>(OPEN_DISPUTES, {}, admin.token);
    return openDisputes.edges.map((e) => e.node);
  }

  async function escrow(): Promise<number> {
    const { project } = await api.gql.ok<{ project: { escrowBalance: { amountCents: number }[] } }>(
      ESCROW,
      { id: projectId },
      owner.token,
    );
    return project.escrowBalance.reduce((sum, m) => sum + m.amountCents, 0);
  }

  async function payoutOf(freelancer: TestUser, taskId: string) {
    const { myPayouts } = await api.gql.ok<{
      myPayouts: {
        edges: { node: { id: string; status: string; reason: string | null; taskRef: string } }[];
      };
    }>(MY_PAYOUTS, {}, freelancer.token);
    return myPayouts.edges.map((e) => e.node).find((p) => p.taskRef === taskId)!;
  }

  it('lets the owner dispute paid work once; an admin reverses the payment with its ledger entries and everyone involved is told', async () => {
    const admin = await api.newAdmin();
    const otherOwner = await api.factory.user([Role.OWNER]);
    const { task, freelancer } = await paidTask();

    // Outsiders learn nothing; those who see the task but do not own it are refused.
    const input = { input: { taskId: task.id, reason: REASON } };
    expect(errorCodes(await api.gql.request(DISPUTE, input, otherOwner.token))).toEqual([
      ErrorCode.NOT_FOUND,
    ]);
    expect(errorCodes(await api.gql.request(DISPUTE, input, freelancer.token))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
    expect(errorCodes(await api.gql.request(DISPUTE, input, admin.token))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
    expect(opened).toHaveLength(0);

    const { disputeTask } = await api.gql.ok<{
      disputeTask: { dispute: { id: string; status: string; task: { id: string } } };
    }>(DISPUTE, input, owner.token);
    expect(disputeTask.dispute).toMatchObject({ status: 'OPEN', task: { id: task.id } });
    expect(opened).toEqual([
      expect.objectContaining({
        disputeId: disputeTask.dispute.id,
        taskId: task.id,
        projectId,
        ownerId: owner.id,
        freelancerId: freelancer.id,
        reviewerId: reviewer.id,
        reason: REASON,
      }),
    ]);

    // Twice: CONFLICT, nothing written.
    expect(errorCodes(await api.gql.request(DISPUTE, input, owner.token))).toEqual([
      ErrorCode.CONFLICT,
    ]);
    expect(opened).toHaveLength(1);
    const queue = await openDisputes(admin);
    expect(queue.filter((d) => d.taskId === task.id)).toEqual([
      {
        id: disputeTask.dispute.id,
        taskId: task.id,
        reason: REASON,
        status: 'OPEN',
        task: { id: task.id, status: 'PAID', price: { amountCents: task.price.amountCents } },
      },
    ]);
    // Only an admin reads the queue.
    expect(errorCodes(await api.gql.request(OPEN_DISPUTES, {}, owner.token))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
    const resolveInput = {
      input: { disputeId: disputeTask.dispute.id, outcome: 'REVERSE', note: 'Crash reproduced' },
    };
    expect(errorCodes(await api.gql.request(RESOLVE, resolveInput, owner.token))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);

    const escrowBefore = await escrow();
    const { resolveDispute } = await api.gql.ok<{
      resolveDispute: { dispute: { status: string; note: string; resolvedAt: string } };
    }>(RESOLVE, resolveInput, admin.token);
    expect(resolveDispute.dispute).toMatchObject({ status: 'REVERSED', note: 'Crash reproduced' });
    expect(resolveDispute.dispute.resolvedAt).not.toBeNull();

    // The freelancer's payout is reversed; the price is back in the project's escrow.
    const payout = await payoutOf(freelancer, task.id);
    expect(payout.status).toBe('REVERSED');
    expect(payout.reason).toMatch(/Crash reproduced/);
    expect(await escrow()).toBe(escrowBefore + task.price.amountCents);
    const { ledgerBalances } = await api.gql.ok<{
      ledgerBalances: {
        accounts: { ownerId: string; kind: string; balance: { amountCents: number } }[];
        totals: { amountCents: number }[];
      };
    }>(TOTALS, { ids: [projectId, reviewer.id] }, admin.token);
    expect(ledgerBalances.totals.every((t) => t.amountCents === 0)).toBe(true);
    expect(ledgerBalances.accounts).toContainEqual({
      ownerId: projectId,
      kind: 'PROJECT_ESCROW',
      balance: expect.objectContaining({ amountCents: escrowBefore + task.price.amountCents }),
    });
    expect(resolved).toEqual([
      expect.objectContaining({
        disputeId: disputeTask.dispute.id,
        taskId: task.id,
        ownerId: owner.id,
        freelancerId: freelancer.id,
        reviewerId: reviewer.id,
        outcome: 'REVERSE',
        adminId: admin.id,
      }),
    ]);
    expect((await openDisputes(admin)).map((d) => d.id)).not.toContain(disputeTask.dispute.id);

    // Decided: a second decision and a new dispute of the task are refused, nothing moves.
    expect(
      errorCodes(
        await api.gql.request(
          RESOLVE,
          { input: { ...resolveInput.input, outcome: 'UPHOLD' } },
          admin.token,
        ),
      ),
    ).toEqual([ErrorCode.INVALID_TRANSITION]);
    expect(errorCodes(await api.gql.request(DISPUTE, input, owner.token))).toEqual([
      ErrorCode.CONFLICT,
    ]);
    expect(await escrow()).toBe(escrowBefore + task.price.amountCents);
    expect(resolved).toHaveLength(1);
  });

  it('upholds a disputed payment: the payout stands and only the dispute changes', async () => {
    const admin = await api.newAdmin();
    const { task, freelancer } = await paidTask();
    await api.gql.ok(DISPUTE, { input: { taskId: task.id, reason: REASON } }, owner.token);
    const dispute = (await openDisputes(admin)).find((d) => d.taskId === task.id)!;
    const escrowBefore = await escrow();
    const { resolveDispute } = await api.gql.ok<{
      resolveDispute: { dispute: { status: string } };
    }>(
      RESOLVE,
      { input: { disputeId: dispute.id, outcome: 'UPHOLD', note: 'Works as specified' } },
      admin.token,
    );
    expect(resolveDispute.dispute.status).toBe('UPHELD');
    expect((await payoutOf(freelancer, task.id)).status).toBe('PAID');
    expect(await escrow()).toBe(escrowBefore);
    expect(await taskStatus(task.id)).toBe('PAID');
    expect(resolved.at(-1)).toMatchObject({ disputeId: dispute.id, outcome: 'UPHOLD' });
  });

  it('reverses once when two admins decide the same dispute at the same time', async () => {
    const [first, second] = await Promise.all([api.newAdmin(), api.newAdmin()]);
    const { task, freelancer } = await paidTask();
    await api.gql.ok(DISPUTE, { input: { taskId: task.id, reason: REASON } }, owner.token);
    const dispute = (await openDisputes(first)).find((d) => d.taskId === task.id)!;
    const escrowBefore = await escrow();
    const answers = await Promise.all(
      [first, second].map((admin) =>
        api.gql.request(
          RESOLVE,
          { input: { disputeId: dispute.id, outcome: 'REVERSE' } },
          admin.token,
        ),
      ),
    );
    const codes = answers.map((a) => errorCodes(a));
    expect(codes.filter((c) => c.length === 0)).toHaveLength(1);
    expect(codes.filter((c) => c.length > 0).flat()).toEqual([
      expect.stringMatching(/^(CONFLICT|INVALID_TRANSITION)$/),
    ]);
    expect((await payoutOf(freelancer, task.id)).status).toBe('REVERSED');
    // One reversal: the price came back once.
    expect(await escrow()).toBe(escrowBefore + task.price.amountCents);
    expect(resolved.filter((e) => e.disputeId === dispute.id)).toHaveLength(1);
  });

  it('refuses to reverse a dispute when nothing was paid out yet, leaving the dispute open', async () => {
    const admin = await api.newAdmin();
    const { task, freelancer } = await submitted(false);
    await fixtures.approveTask(api, task, reviewer);
    await drain();
    expect(await taskStatus(task.id)).toBe('APPROVED');
    await api.gql.ok(DISPUTE, { input: { taskId: task.id, reason: REASON } }, owner.token);
    const dispute = (await openDisputes(admin)).find((d) => d.taskId === task.id)!;
    expect(
      errorCodes(
        await api.gql.request(
          RESOLVE,
          { input: { disputeId: dispute.id, outcome: 'REVERSE' } },
          admin.token,
        ),
      ),
    ).toEqual([ErrorCode.INVALID_TRANSITION]);
    expect((await openDisputes(admin)).map((d) => d.id)).toContain(dispute.id);
    expect((await payoutOf(freelancer, task.id)).status).toBe('WAITING_FOR_ONBOARDING');
  });

  it('charges no reviewer fee on auto-approved work: no reviewer payout, the share stays in escrow', async () => {
    const { task, freelancer } = await submitted(true);
    const escrowBefore = await escrow();
    const reviewerPayoutsBefore = await api.gql.ok<{ myPayouts: { edges: unknown[] } }>(
      MY_PAYOUTS,
      {},
      reviewer.token,
    );
    // Nobody reviews within the review delay (72 h by default).
    api.clock.advance(73 * 3_600_000);
    await fixtures.makeDelayedJobsDue(api);
    await drain();
    owner = await relog(owner);
    reviewer = await relog(reviewer);
    const paidFreelancer = await relog(freelancer);
    expect(await taskStatus(task.id)).toBe('PAID');
    expect((await payoutOf(paidFreelancer, task.id)).status).toBe('PAID');
    const reviewerPayouts = await api.gql.ok<{ myPayouts: { edges: unknown[] } }>(
      MY_PAYOUTS,
      {},
      reviewer.token,
    );
    expect(reviewerPayouts.myPayouts.edges).toHaveLength(
      reviewerPayoutsBefore.myPayouts.edges.length,
    );
    // Escrow paid the price and the platform fee (10 %), not the reviewer's 5 %.
    const price = task.price.amountCents;
    expect(await escrow()).toBe(escrowBefore - price - Math.floor((price * 1000) / 10_000));
  });

  it('refuses a dispute after the window and of work not yet approved, writing nothing', async () => {
    const admin = await api.newAdmin();
    const early = await paidTask();
    const late = await paidTask();
    const open = await openTask();

    // 13 days after approval: inside the 14-day window.
    api.clock.advance(13 * 86_400_000);
    owner = await relog(owner);
    await api.gql.ok(DISPUTE, { input: { taskId: early.task.id, reason: REASON } }, owner.token);

    // Past the window.
    api.clock.advance(2 * 86_400_000);
    owner = await relog(owner);
    const before = opened.length;
    expect(
      errorCodes(
        await api.gql.request(
          DISPUTE,
          { input: { taskId: late.task.id, reason: REASON } },
          owner.token,
        ),
      ),
    ).toEqual([ErrorCode.INVALID_TRANSITION]);
    expect(
      errorCodes(
        await api.gql.request(DISPUTE, { input: { taskId: open.id, reason: REASON } }, owner.token),
      ),
    ).toEqual([ErrorCode.INVALID_TRANSITION]);
    // Too short a reason: BAD_USER_INPUT before anything else.
    expect(
      errorCodes(
        await api.gql.request(
          DISPUTE,
          { input: { taskId: late.task.id, reason: 'bad' } },
          owner.token,
        ),
      ),
    ).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(opened).toHaveLength(before);
    const queue = await openDisputes(await relog(admin));
    expect(queue.map((d) => d.taskId)).toContain(early.task.id);
    expect(queue.map((d) => d.taskId)).not.toContain(late.task.id);
    expect(queue.map((d) => d.taskId)).not.toContain(open.id);
  });
});

describe('payouts waiting for onboarding (simulated payments)', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('ends PAID without any admin action when the freelancer onboards only after approval', async () => {
    const reviewer = await api.factory.user([Role.REVIEWER]);
    const { owner, projectId, tasks } = await fixtures.fundedProject<Task>(api, {
      reviewer,
      taskFields: TASK_FIELDS,
    });
    const task = tasks.find((t) => t.status === 'OPEN')!;
    const freelancer = await fixtures.qualifiedFreelancer(api, [task]);
    await api.gql.ok(
      `mutation($input: TaskRefInput!) { claimTask(input: $input) { id } }`,
      { input: { taskId: task.id } },
      freelancer.token,
    );
    await api.gql.ok(
      `mutation($input: SubmitTaskInput!) { submitTask(input: $input) { revision } }`,
      {
        input: {
          taskId: task.id,
          links: ['https://example.com/pr/2'],
          notes: 'Done',
          hoursSpent: 2,
        },
      },
      freelancer.token,
    );
    await fixtures.approveTask(api, task, reviewer);
    const drain = () => api.app.get(JobRunner).drain();
    await drain();
    const payouts = async (user: TestUser) =>
      (
        await api.gql.ok<{
          myPayouts: { edges: { node: { status: string; payeeRole: string } }[] };
        }>(MY_PAYOUTS, {}, user.token)
      ).myPayouts.edges.map((e) => e.node);
    expect(await payouts(freelancer)).toEqual([
      expect.objectContaining({ status: 'WAITING_FOR_ONBOARDING', payeeRole: 'FREELANCER' }),
    ]);
    expect(await payouts(reviewer)).toEqual([
      expect.objectContaining({ status: 'WAITING_FOR_ONBOARDING', payeeRole: 'REVIEWER' }),
    ]);

    // Simulated onboarding completes at once: the waiting payouts are released.
    await api.gql.ok(`mutation { startPayoutOnboarding { url } }`, {}, freelancer.token);
    await api.gql.ok(`mutation { startPayoutOnboarding { url } }`, {}, reviewer.token);
    await drain();
    expect(await payouts(freelancer)).toEqual([expect.objectContaining({ status: 'PAID' })]);
    expect(await payouts(reviewer)).toEqual([expect.objectContaining({ status: 'PAID' })]);
    const { tasks: after } = await fixtures.projectTasks<Task>(api, owner, projectId, TASK_FIELDS);
    expect(after.find((t) => t.id === task.id)!.status).toBe('PAID');
  });
});
