import { JobRunner } from '@splitwork/jobs';
import { ErrorCode, Role } from '@splitwork/kernel';
import { PayoutService } from '@splitwork/payments';
import { errorCodes, FakeStripeServer, postEvent, signedEvent } from '@splitwork/test-support';
import { ApiHarness, TestUser } from './api-harness';
import * as fixtures from './market-fixtures';

/*
 * Reviewers are paid and payouts never get stuck, through GraphQL, signed
 * webhooks and the onboarding return/refresh URLs, with the real `stripe`
 * SDK talking to a local fake Stripe:
 * - the approving reviewer onboards as a freelancer does and gets the review
 *   fee as a payout of its own, exactly once under transfer faults;
 * - a payee who onboards only after approval is paid without admin action;
 * - an admin retries a waiting payout; the return page shows the status and
 *   the refresh URL redirects to a fresh Account Link.
 */

const WEBHOOK_SECRET = 'whsec_reviewer_payouts';
const BRIEF = `# Recipe sharing app
- Cooks publish recipes with photos
- Readers save recipes to collections
- Readers comment on recipes`;

interface Task {
  id: string;
  status: string;
  skills: { skill: string; minLevel: number }[];
  acceptanceCriteria: string[];
  price: { amountCents: number };
}

interface PayoutView {
  id: string;
  status: string;
  reason: string | null;
  transferId: string | null;
  payeeId: string;
  payeeRole: string;
  taskRef: string;
  amount: { amountCents: number; currency: string };
}

const TASKS = `query($id: ID!) { project(id: $id) { status
  tasks { id status skills { skill minLevel } acceptanceCriteria price { amountCents } } } }`;
const PAYOUT_FIELDS =
  'id status reason transferId payeeId payeeRole taskRef amount { amountCents currency }';
const MY_PAYOUTS = `query { myPayouts { edges { node { ${PAYOUT_FIELDS} } } } }`;
const ONBOARD = `mutation { startPayoutOnboarding { url account { providerAccountId transfersCapability } } }`;
const LEDGER = `query($ids: [String!]!) { ledgerBalances(accountOwnerIds: $ids) {
  accounts { ownerId kind balance { amountCents } } } }`;
/** 5 % (REVIEWER_FEE_BPS default), rounded down. */
const reviewerFee = (price: number) => Math.floor((price * 500) / 10_000);

describe('reviewer payouts, release of waiting payouts, onboarding URLs (fake Stripe)', () => {
  let stripe: FakeStripeServer;
  let api: ApiHarness;
  let webhookUrl: string;

  beforeAll(async () => {
    ({ api, stripe, webhookUrl } = await fixtures.startApiWithStripe(
      WEBHOOK_SECRET,
      'sk_test_reviewer_payouts',
    ));
  });
  afterAll(async () => {
    await api?.close();
    await stripe?.close();
  });

  const drain = () => api.app.get(JobRunner).drain();

  async function deliver(type: string, object: object, account?: string): Promise<void> {
    const res = await postEvent(
      webhookUrl,
      signedEvent(type, object, { secret: WEBHOOK_SECRET, ...(account ? { account } : {}) }),
    );
    expect(res.status).toBe(200);
  }

  /** A planned project funded through the webhook, with `reviewer` as its expert. */
  async function fundedProject(owner: TestUser, reviewer: TestUser): Promise<string> {
    const projectId = await fixtures.plannedProject(api, owner, { title: 'Recipes', brief: BRIEF });
    const { fundProject } = await api.gql.ok<{
      fundProject: { funding: { paymentIntentId: string } };
    }>(
      `mutation($input: FundProjectInput!) { fundProject(input: $input) { funding { paymentIntentId } } }`,
      { input: { projectId } },
      owner.token,
    );
    await deliver(
      'payment_intent.succeeded',
      stripe.succeedPaymentIntent(fundProject.funding.paymentIntentId),
    );
    await drain();
    await fixtures.assignExpert(api, owner, projectId, reviewer);
    return projectId;
  }

  async function openTask(owner: TestUser, projectId: string): Promise<Task> {
    const { project } = await api.gql.ok<{ project: { tasks: Task[] } }>(
      TASKS,
      { id: projectId },
      owner.token,
    );
    const task = project.tasks.find((t) => t.status === 'OPEN');
    if (!task) throw new Error('no OPEN task left');
    return task;
  }

  async function taskStatus(owner: TestUser, projectId: string, taskId: string): Promise<string> {
    const { project } = await api.gql.ok<{ project: { tasks: Task[] } }>(
      TASKS,
      { id: projectId },
      owner.token,
    );
    return project.tasks.find((t) => t.id === taskId)!.status;
  }

  /** Starts onboarding; the connected account exists at Stripe, not yet able to receive. */
  async function startOnboarding(payee: TestUser): Promise<string> {
    const { startPayoutOnboarding } = await api.gql.ok<{
      startPayoutOnboarding: { url: string; account: { providerAccountId: string } };
    }>(ONBOARD, {}, payee.token);
    expect(startPayoutOnboarding.url).toMatch(/^https?:\/\//);
    return startPayoutOnboarding.account.providerAccountId;
  }

  /** Stripe activates the account (hosted onboarding finished); the webhook only when asked. */
  async function activate(accountId: string, { webhook }: { webhook: boolean }): Promise<void> {
    const active = stripe.setAccountState(accountId, {
      transfers: 'active',
      payoutsEnabled: true,
      chargesEnabled: true,
      detailsSubmitted: true,
    });
    if (webhook) await deliver('account.updated', active, accountId);
  }

  async function claimAndSubmit(freelancer: TestUser, task: Task): Promise<void> {
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
          links: ['https://github.com/acme/recipes/pull/9'],
          notes: 'Done',
          hoursSpent: 3,
        },
      },
      freelancer.token,
    );
  }

  async function approve(reviewer: TestUser, task: Task): Promise<void> {
    await fixtures.approveTask(api, task, reviewer);
  }

  async function myPayouts(user: TestUser): Promise<PayoutView[]> {
    const { myPayouts } = await api.gql.ok<{ myPayouts: { edges: { node: PayoutView }[] } }>(
      MY_PAYOUTS,
      {},
      user.token,
    );
    return myPayouts.edges.map((e) => e.node);
  }

  async function balances(
    admin: TestUser,
    ids: string[],
  ): Promise<{ ownerId: string; kind: string; cents: number }[]> {
    const { ledgerBalances } = await api.gql.ok<{
      ledgerBalances: {
        accounts: { ownerId: string; kind: string; balance: { amountCents: number } }[];
      };
    }>(LEDGER, { ids }, admin.token);
    return ledgerBalances.accounts.map((a) => ({
      ownerId: a.ownerId,
      kind: a.kind,
      cents: a.balance.amountCents,
    }));
  }

  it("pays the approving reviewer's fee as a payout of its own, exactly once under transfer faults, and leaves nothing owed", async () => {
    const owner = await api.newUser([Role.OWNER]);
    const reviewer = await api.newUser([Role.REVIEWER]);
    const admin = await api.newAdmin();
    const projectId = await fundedProject(owner, reviewer);
    const task = await openTask(owner, projectId);
    const freelancer = await fixtures.qualifiedFreelancer(api, [task]);
    const freelancerAccount = await startOnboarding(freelancer);
    await activate(freelancerAccount, { webhook: true });
    await claimAndSubmit(freelancer, task);
    await approve(reviewer, task);
    await drain();
    // The freelancer is paid; the reviewer's fee waits for the reviewer's onboarding.
    expect(await taskStatus(owner, projectId, task.id)).toBe('PAID');
    const [waitingFee] = await myPayouts(reviewer);
    expect(waitingFee).toMatchObject({ status: 'WAITING_FOR_ONBOARDING', payeeRole: 'REVIEWER' });

    // The reviewer onboards exactly as a freelancer does; Stripe activates the account.
    const reviewerAccount = await startOnboarding(reviewer);
    // Its transfer: a 500 the SDK retries, then applied with the answer lost (the
    // SDK's second retry gets the stored answer by idempotency key).
    stripe.failNext('POST /v1/transfers', { status: 500, shouldRetry: true });
    stripe.applyThenDrop('POST /v1/transfers');
    await activate(reviewerAccount, { webhook: true });
    const { myPayoutAccount } = await api.gql.ok<{
      myPayoutAccount: { transfersCapability: string; payoutsBlockedReason: string | null };
    }>(
      `query { myPayoutAccount { transfersCapability payoutsBlockedReason } }`,
      {},
      reviewer.token,
    );
    expect(myPayoutAccount).toEqual({ transfersCapability: 'active', payoutsBlockedReason: null });
    await drain();
    await drain();
    expect(
      stripe
        .requestsTo('POST /v1/transfers')
        .filter((r) => r.idempotencyKey === `reviewer-payout:${waitingFee.id}`)
        .map((r) => r.outcome),
    ).toEqual(['injected-failure', 'applied-then-dropped', 'replayed']);

    const fee = reviewerFee(task.price.amountCents);
    const toReviewer = stripe.transfersTo(reviewerAccount);
    const toFreelancer = stripe.transfersTo(freelancerAccount);
    expect(toReviewer).toHaveLength(1);
    expect(toFreelancer).toHaveLength(1);
    expect(toReviewer[0]).toMatchObject({
      amount: fee,
      transfer_group: projectId,
      metadata: { taskRef: task.id, payeeRole: 'REVIEWER' },
    });
    expect(toFreelancer[0]).toMatchObject({
      amount: task.price.amountCents,
      metadata: { taskRef: task.id, payeeRole: 'FREELANCER' },
    });

    // Each payee sees their own payout, and only theirs.
    const reviewerPayouts = await myPayouts(reviewer);
    expect(reviewerPayouts).toEqual([
      expect.objectContaining({
        status: 'PAID',
        payeeRole: 'REVIEWER',
        payeeId: reviewer.id,
        taskRef: task.id,
        transferId: toReviewer[0].id,
        amount: { amountCents: fee, currency: 'USD' },
      }),
    ]);
    const freelancerPayouts = await myPayouts(freelancer);
    expect(freelancerPayouts).toEqual([
      expect.objectContaining({ status: 'PAID', payeeRole: 'FREELANCER', payeeId: freelancer.id }),
    ]);
    // The task is PAID with the freelancer's payout.
    expect(await taskStatus(owner, projectId, task.id)).toBe('PAID');

    // The same payout job again (a duplicate delivery): no second transfer.
    await api.app.get(PayoutService).send(reviewerPayouts[0].id);
    expect(stripe.transfersTo(reviewerAccount)).toHaveLength(1);

    // Nothing is owed any more: the reviewer's fee account and the freelancer's payable are empty.
    const ledger = await balances(admin, [reviewer.id, freelancer.id]);
    expect(ledger).toEqual(
      expect.arrayContaining([
        { ownerId: reviewer.id, kind: 'REVIEWER_FEES', cents: 0 },
        { ownerId: freelancer.id, kind: 'FREELANCER_PAYABLE', cents: 0 },
      ]),
    );
    expect(ledger.every((b) => b.cents === 0)).toBe(true);
  });

  it('pays a reviewer fee refused for good once an admin retries it', async () => {
    const owner = await api.newUser([Role.OWNER]);
    const reviewer = await api.newUser([Role.REVIEWER]);
    const admin = await api.newAdmin();
    const projectId = await fundedProject(owner, reviewer);
    const task = await openTask(owner, projectId);
    const freelancer = await fixtures.qualifiedFreelancer(api, [task]);
    await activate(await startOnboarding(freelancer), { webhook: true });
    const reviewerAccount = await startOnboarding(reviewer);
    await activate(reviewerAccount, { webhook: true });
    await claimAndSubmit(freelancer, task);
    await approve(reviewer, task);
    // Both transfers are refused once for good (the platform balance is short).
    stripe.failNext('POST /v1/transfers', {
      status: 400,
      code: 'balance_insufficient',
      message: 'You have insufficient available funds in your Stripe account',
      times: 2,
    });
    await drain();
    const [refused] = await myPayouts(reviewer);
    expect(refused).toMatchObject({ status: 'FAILED_PERMANENT', payeeRole: 'REVIEWER' });
    expect(refused.reason).toMatch(/balance_insufficient/);
    const { failedPayouts } = await api.gql.ok<{
      failedPayouts: { edges: { node: { id: string; payeeRole: string } }[] };
    }>(`query { failedPayouts(first: 100) { edges { node { id payeeRole } } } }`, {}, admin.token);
    expect(failedPayouts.edges.map((e) => e.node)).toContainEqual({
      id: refused.id,
      payeeRole: 'REVIEWER',
    });

    const { retryPayout } = await api.gql.ok<{ retryPayout: { status: string } }>(
      `mutation($input: PayoutRefInput!) { retryPayout(input: $input) { status } }`,
      { input: { payoutId: refused.id } },
      admin.token,
    );
    expect(retryPayout.status).toBe('PENDING');
    await drain();
    expect(await myPayouts(reviewer)).toEqual([
      expect.objectContaining({ id: refused.id, status: 'PAID' }),
    ]);
    expect(stripe.transfersTo(reviewerAccount)).toHaveLength(1);
    // The freelancer's refused payout is independent of the reviewer's: still failed.
    expect(await myPayouts(freelancer)).toEqual([
      expect.objectContaining({ status: 'FAILED_PERMANENT' }),
    ]);
    expect(await taskStatus(owner, projectId, task.id)).toBe('APPROVED');
  });

  it('ends PAID without any admin action when the freelancer onboards only after approval (account.updated)', async () => {
    const owner = await api.newUser([Role.OWNER]);
    const reviewer = await api.newUser([Role.REVIEWER]);
    const projectId = await fundedProject(owner, reviewer);
    const task = await openTask(owner, projectId);
    const freelancer = await fixtures.qualifiedFreelancer(api, [task]);
    await claimAndSubmit(freelancer, task);
    await approve(reviewer, task);
    await drain();

    const [waiting] = await myPayouts(freelancer);
    expect(waiting).toMatchObject({ status: 'WAITING_FOR_ONBOARDING', payeeRole: 'FREELANCER' });
    expect(waiting.reason).toMatch(/onboarding has not been started/);
    // The reviewer has not onboarded either: its fee waits too.
    expect(await myPayouts(reviewer)).toEqual([
      expect.objectContaining({ status: 'WAITING_FOR_ONBOARDING', payeeRole: 'REVIEWER' }),
    ]);

    const accountId = await startOnboarding(freelancer);
    await drain();
    expect((await myPayouts(freelancer))[0].status).toBe('WAITING_FOR_ONBOARDING');
    await activate(accountId, { webhook: true });
    await drain();

    expect(await myPayouts(freelancer)).toEqual([
      expect.objectContaining({ id: waiting.id, status: 'PAID' }),
    ]);
    expect(stripe.transfersTo(accountId)).toHaveLength(1);
    expect(await taskStatus(owner, projectId, task.id)).toBe('PAID');

    // The reviewer onboards later: its fee is released the same way.
    const reviewerAccount = await startOnboarding(reviewer);
    await activate(reviewerAccount, { webhook: true });
    await drain();
    expect(await myPayouts(reviewer)).toEqual([expect.objectContaining({ status: 'PAID' })]);
    expect(stripe.transfersTo(reviewerAccount)).toHaveLength(1);
  });

  it('lets an admin retry a waiting payout: paid when Stripe says the account is ready, waiting again with the reason otherwise', async () => {
    const owner = await api.newUser([Role.OWNER]);
    const reviewer = await api.newUser([Role.REVIEWER]);
    const admin = await api.newAdmin();
    const projectId = await fundedProject(owner, reviewer);
    const task = await openTask(owner, projectId);
    const freelancer = await fixtures.qualifiedFreelancer(api, [task]);
    const accountId = await startOnboarding(freelancer);
    await claimAndSubmit(freelancer, task);
    await approve(reviewer, task);
    await drain();

    const WAITING = `query { waitingPayouts(first: 100) { edges { node { id status payeeId } } } }`;
    const RETRY = `mutation($input: PayoutRefInput!) { retryPayout(input: $input) { id status reason } }`;
    const { waitingPayouts } = await api.gql.ok<{
      waitingPayouts: { edges: { node: { id: string; payeeId: string } }[] };
    }>(WAITING, {}, admin.token);
    const payoutId = waitingPayouts.edges.find((e) => e.node.payeeId === freelancer.id)!.node.id;

    // Still not able to receive: the retry queues it, the job finds it blocked, it waits again.
    const first = await api.gql.ok<{ retryPayout: { status: string } }>(
      RETRY,
      { input: { payoutId } },
      admin.token,
    );
    expect(first.retryPayout.status).toBe('PENDING');
    await drain();
    const [again] = await myPayouts(freelancer);
    expect(again).toMatchObject({ id: payoutId, status: 'WAITING_FOR_ONBOARDING' });
    expect(again.reason).toMatch(/onboarding is not complete/i);
    expect(stripe.transfersTo(accountId)).toHaveLength(0);

    // Stripe activates the account, but its account.updated never reaches us.
    await activate(accountId, { webhook: false });
    const second = await api.gql.ok<{ retryPayout: { status: string } }>(
      RETRY,
      { input: { payoutId } },
      admin.token,
    );
    expect(second.retryPayout.status).toBe('PENDING');
    await drain();
    expect(await myPayouts(freelancer)).toEqual([
      expect.objectContaining({ id: payoutId, status: 'PAID' }),
    ]);
    expect(stripe.transfersTo(accountId)).toHaveLength(1);
    expect(await taskStatus(owner, projectId, task.id)).toBe('PAID');
    const after = await api.gql.ok<{ waitingPayouts: { edges: { node: { id: string } }[] } }>(
      WAITING,
      {},
      admin.token,
    );
    expect(after.waitingPayouts.edges.map((e) => e.node.id)).not.toContain(payoutId);

    // A paid payout is not retried.
    expect(errorCodes(await api.gql.request(RETRY, { input: { payoutId } }, admin.token))).toEqual([
      ErrorCode.INVALID_TRANSITION,
    ]);
  });

  it('shows the payee their status on the return URL (releasing waiting payouts) and redirects the refresh URL to a fresh Account Link', async () => {
    const owner = await api.newUser([Role.OWNER]);
    const reviewer = await api.newUser([Role.REVIEWER]);
    const projectId = await fundedProject(owner, reviewer);
    const task = await openTask(owner, projectId);
    const freelancer = await fixtures.qualifiedFreelancer(api, [task]);
    const accountId = await startOnboarding(freelancer);
    await claimAndSubmit(freelancer, task);
    await approve(reviewer, task);
    await drain();

    // The URLs Stripe was given with the link (it sends the payee to them).
    const link = stripe
      .accountLinks()
      .filter((l) => l.account === accountId)
      .at(-1)!;
    const local = (url: string) => {
      const parsed = new URL(url);
      expect(parsed.pathname).toMatch(/^\/payouts\/onboarding\/(return|refresh)$/);
      return `${api.baseUrl}${parsed.pathname}${parsed.search}`;
    };
    const token = new URL(link.return_url).searchParams.get('token')!;

    const before = await fetch(local(link.return_url));
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toMatch(/text\/html/);
    const waitingPage = await before.text();
    expect(waitingPage).toMatch(/Payouts are not enabled yet/);
    expect(waitingPage).not.toContain(accountId);
    expect(waitingPage).not.toContain(token);
    expect((await myPayouts(freelancer))[0].status).toBe('WAITING_FOR_ONBOARDING');

    // Onboarding done at Stripe; the payee lands on the return URL before any webhook.
    await activate(accountId, { webhook: false });
    const after = await fetch(local(link.return_url));
    expect(after.status).toBe(200);
    expect(await after.text()).toMatch(/Payouts are enabled/);
    await drain();
    expect((await myPayouts(freelancer))[0].status).toBe('PAID');
    expect(stripe.transfersTo(accountId)).toHaveLength(1);

    // Refresh: a fresh Account Link for the same account, by redirect.
    const linksBefore = stripe.accountLinks().length;
    const refresh = await fetch(local(link.refresh_url), { redirect: 'manual' });
    expect(refresh.status).toBe(302);
    const fresh = stripe.accountLinks().at(-1)!;
    expect(stripe.accountLinks()).toHaveLength(linksBefore + 1);
    expect(fresh.account).toBe(accountId);
    expect(refresh.headers.get('location')).toBe(fresh.url);
    expect(fresh.url).not.toBe(link.url);

    // A forged, tampered or missing token names no account.
    const otherAccount = await startOnboarding(await api.newUser([Role.FREELANCER]));
    const forged = token.replace(accountId, otherAccount);
    for (const bad of [forged, `${token.slice(0, -2)}xx`, '', 'acct_x.1.y']) {
      for (const path of ['return', 'refresh']) {
        const res = await fetch(
          `${api.baseUrl}/payouts/onboarding/${path}?token=${encodeURIComponent(bad)}`,
          { redirect: 'manual' },
        );
        expect(res.status).toBe(404);
      }
    }
    expect(stripe.accountLinks()).toHaveLength(linksBefore + 2);
  });
});
