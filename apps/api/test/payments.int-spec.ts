import { DataSource } from 'typeorm';
import { JobRunner } from '@splitwork/jobs';
import { ErrorCode, money, Role } from '@splitwork/kernel';
import { LedgerRepository, PayoutService } from '@splitwork/payments';
import { errorCodes, FakeStripeServer, postEvent, signedEvent } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import * as fixtures from './market-fixtures';

const BRIEF = `# Plant care app
- Users sign up with email
- Users add plants and get watering reminders by push notification`;
const WEBHOOK_SECRET = 'whsec_test_secret_for_splitwork';

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }`;
const FUND = `mutation($input: FundProjectInput!) { fundProject(input: $input) {
  funding { id status simulated clientSecret paymentIntentId work { amountCents currency } fees { amountCents } total { amountCents } } } }`;
const PROJECT = `query($id: ID!) { project(id: $id) { status
  plan { summary { total { amountCents } } }
  funding { status total { amountCents } }
  escrowBalance { amountCents currency } } }`;
const ONBOARD = `mutation { startPayoutOnboarding { url expiresAt account { providerAccountId transfersCapability payoutsBlockedReason simulated } } }`;
const MY_ACCOUNT = `query { myPayoutAccount { providerAccountId transfersCapability payoutsBlockedReason } }`;

interface Funding {
  id: string;
  status: string;
  simulated: boolean;
  clientSecret: string | null;
  paymentIntentId: string;
  total: { amountCents: number };
  work: { amountCents: number; currency: string };
}

const plannedProject = (api: ApiHarness, owner: TestUser, budgetCents?: number) =>
  fixtures.plannedProject(api, owner, { title: 'Plants', brief: BRIEF, budgetCents });

describe('funding with the simulated provider (zero-setup mode)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  it('funds the plan total plus fees into escrow and marks the project FUNDED', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await plannedProject(api, owner);
    const { fundProject } = await api.gql.ok<{ fundProject: { funding: Funding } }>(
      FUND,
      { input: { projectId } },
      owner.token,
    );
    expect(fundProject.funding).toMatchObject({ status: 'PENDING', simulated: true });
    expect(fundProject.funding.paymentIntentId).toMatch(/^pi_sim_/);

    await api.app.get(JobRunner).drain();
    const { project } = await api.gql.ok<{
      project: {
        status: string;
        plan: { summary: { total: { amountCents: number } } };
        escrowBalance: { amountCents: number }[];
      };
    }>(PROJECT, { id: projectId }, owner.token);
    expect(project.status).toBe('FUNDED');
    expect(fundProject.funding.work.amountCents).toBe(project.plan.summary.total.amountCents);
    expect(project.escrowBalance).toEqual([
      { amountCents: fundProject.funding.total.amountCents, currency: 'USD' },
    ]);

    const again = await api.gql.request(FUND, { input: { projectId } }, owner.token);
    expect(errorCodes(again)).toEqual([ErrorCode.CONFLICT]);
  });

  it('refuses funding over the budget with BUDGET_EXCEEDED and writes nothing', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await plannedProject(api, owner, 1000);
    const res = await api.gql.request(FUND, { input: { projectId } }, owner.token);
    expect(errorCodes(res)).toEqual([ErrorCode.BUDGET_EXCEEDED]);
    const rows = await api.app
      .get(DataSource)
      .query('SELECT count(*) AS n FROM project_fundings WHERE project_id = $1', [projectId]);
    expect(Number(rows[0].n)).toBe(0);
  });

  it("refuses to fund someone else's project and an unplanned one", async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const other = await api.factory.user([Role.OWNER]);
    const projectId = await plannedProject(api, owner);
    expect(errorCodes(await api.gql.request(FUND, { input: { projectId } }, other.token))).toEqual([
      ErrorCode.NOT_FOUND,
    ]);
    const { createProject } = await api.gql.ok<{ createProject: { project: { id: string } } }>(
      CREATE,
      {
        input: {
          title: 'Draft',
          brief: BRIEF,
          platforms: ['WEB'],
          budgetCents: 100_000,
          currency: 'USD',
        },
      },
      owner.token,
    );
    const draft = await api.gql.request(
      FUND,
      { input: { projectId: createProject.project.id } },
      owner.token,
    );
    expect(errorCodes(draft)).toEqual([ErrorCode.INVALID_TRANSITION]);
  });
});

describe('payments through Stripe (a local fake the real SDK talks to)', () => {
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

  const succeededEvent = (
    funding: Funding,
    projectId: string,
    options: { timestamp?: number } = {},
  ) =>
    signedEvent(
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
      { secret: WEBHOOK_SECRET, ...options },
    );

  async function fund(owner: TestUser) {
    const projectId = await plannedProject(api, owner);
    const { fundProject } = await api.gql.ok<{ fundProject: { funding: Funding } }>(
      FUND,
      { input: { projectId } },
      owner.token,
    );
    return { projectId, funding: fundProject.funding };
  }

  const escrowOf = async (owner: TestUser, id: string) =>
    (
      await api.gql.ok<{ project: { status: string; escrowBalance: { amountCents: number }[] } }>(
        PROJECT,
        { id },
        owner.token,
      )
    ).project;

  it('creates a PaymentIntent for the total and credits escrow on the signed event, once', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const { projectId, funding } = await fund(owner);
    expect(funding).toMatchObject({ status: 'PENDING', simulated: false });
    expect(funding.clientSecret).toBeTruthy();
    const intent = stripe.paymentIntent(funding.paymentIntentId)!;
    expect(intent.amount).toBe(funding.total.amountCents);
    expect(intent.transfer_group).toBe(projectId);
    expect((await escrowOf(owner, projectId)).status).toBe('PLANNED');

    const event = succeededEvent(funding, projectId);
    expect((await postEvent(webhookUrl, event)).status).toBe(200);
    const replay = await postEvent(webhookUrl, event);
    expect(replay.status).toBe(200);
    expect(replay.body).toContain('duplicate');

    const project = await escrowOf(owner, projectId);
    expect(project.status).toBe('FUNDED');
    expect(project.escrowBalance).toEqual([
      { amountCents: funding.total.amountCents, currency: 'USD' },
    ]);
  });

  it('credits escrow when the event arrives before the PaymentIntent id was stored', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await plannedProject(api, owner);
    stripe.delayNext('POST /v1/payment_intents', 1500);
    const pending = api.gql.ok<{ fundProject: { funding: Funding } }>(
      FUND,
      { input: { projectId } },
      owner.token,
    );
    // Stripe has created the PaymentIntent; its answer to us is still on the way.
    let found;
    for (let i = 0; i < 100 && !found; i++) {
      found = stripe.paymentIntents().find((pi) => pi.metadata?.projectId === projectId);
      if (!found) await new Promise((r) => setTimeout(r, 20));
    }
    if (!found) throw new Error('the PaymentIntent never reached Stripe');
    const intent = found;
    const early = signedEvent(
      'payment_intent.succeeded',
      { ...intent, status: 'succeeded', amount_received: intent.amount },
      { secret: WEBHOOK_SECRET },
    );
    expect((await postEvent(webhookUrl, early)).status).toBe(200);
    const { fundProject } = await pending;
    expect(fundProject.funding.paymentIntentId).toBe(intent.id);
    const project = await escrowOf(owner, projectId);
    expect(project.status).toBe('FUNDED');
    expect(project.escrowBalance).toEqual([{ amountCents: intent.amount, currency: 'USD' }]);
  });

  it('refuses unsigned, tampered and stale events, changing nothing', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const { projectId, funding } = await fund(owner);
    const event = succeededEvent(funding, projectId);
    expect((await postEvent(webhookUrl, { payload: event.payload, header: null })).status).toBe(
      400,
    );
    const tampered = event.payload.replace(`"amount":${funding.total.amountCents}`, '"amount":1');
    expect((await postEvent(webhookUrl, { payload: tampered, header: event.header })).status).toBe(
      400,
    );
    const stale = succeededEvent(funding, projectId, {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expect((await postEvent(webhookUrl, stale)).status).toBe(400);
    expect((await escrowOf(owner, projectId)).status).toBe('PLANNED');
  });

  it('refuses an event signed with a timestamp beyond the tolerance in the future', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const { projectId, funding } = await fund(owner);
    const future = succeededEvent(funding, projectId, {
      timestamp: Math.floor(Date.now() / 1000) + 3600,
    });
    expect((await postEvent(webhookUrl, future)).status).toBe(400);
    expect((await escrowOf(owner, projectId)).status).toBe('PLANNED');
    const slightlyAhead = succeededEvent(funding, projectId, {
      timestamp: Math.floor(Date.now() / 1000) + 60,
    });
    expect((await postEvent(webhookUrl, slightlyAhead)).status).toBe(200);
  });

  it('onboards a freelancer and follows the account through account.updated', async () => {
    const freelancer = await api.factory.user([Role.FREELANCER]);
    const first = await api.gql.ok<{
      startPayoutOnboarding: {
        url: string;
        account: { providerAccountId: string; payoutsBlockedReason: string | null };
      };
    }>(ONBOARD, {}, freelancer.token);
    const accountId = first.startPayoutOnboarding.account.providerAccountId;
    expect(first.startPayoutOnboarding.url).toMatch(/^https?:\/\//);
    expect(first.startPayoutOnboarding.account.payoutsBlockedReason).toMatch(/onboarding/i);
    const second = await api.gql.ok<{
      startPayoutOnboarding: { account: { providerAccountId: string } };
    }>(ONBOARD, {}, freelancer.token);
    expect(second.startPayoutOnboarding.account.providerAccountId).toBe(accountId);
    expect(stripe.accounts().filter((a) => a.id === accountId)).toHaveLength(1);

    const active = stripe.setAccountState(accountId, {
      transfers: 'active',
      payoutsEnabled: true,
      chargesEnabled: true,
      detailsSubmitted: true,
    });
    expect(
      (
        await postEvent(
          webhookUrl,
          signedEvent('account.updated', active, { secret: WEBHOOK_SECRET, account: accountId }),
        )
      ).status,
    ).toBe(200);
    const { myPayoutAccount } = await api.gql.ok<{
      myPayoutAccount: { transfersCapability: string; payoutsBlockedReason: string | null };
    }>(MY_ACCOUNT, {}, freelancer.token);
    expect(myPayoutAccount).toEqual({
      transfersCapability: 'active',
      payoutsBlockedReason: null,
      providerAccountId: accountId,
    });
  });

  it('pays an approved task exactly once, even when the answer to the transfer is lost', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const freelancer = await api.factory.user([Role.FREELANCER]);
    const { projectId, funding } = await fund(owner);
    await postEvent(webhookUrl, succeededEvent(funding, projectId));
    const onboarded = await api.gql.ok<{
      startPayoutOnboarding: { account: { providerAccountId: string } };
    }>(ONBOARD, {}, freelancer.token);
    const accountId = onboarded.startPayoutOnboarding.account.providerAccountId;
    const active = stripe.setAccountState(accountId, { transfers: 'active', payoutsEnabled: true });
    await postEvent(
      webhookUrl,
      signedEvent('account.updated', active, { secret: WEBHOOK_SECRET, account: accountId }),
    );

    // The review flow calls this in its approval transaction.
    const payouts = api.app.get(PayoutService);
    const dataSource = api.app.get(DataSource);
    const task = {
      projectId,
      taskRef: `task-${projectId}-1`,
      freelancerId: freelancer.id,
      reviewerId: null,
      price: money(12_345, 'USD'),
    };
    const payout = await dataSource.transaction((m) => payouts.payForApprovedTask(task, m));
    expect(payout.status).toBe('PENDING');
    await expect(
      dataSource.transaction((m) => payouts.payForApprovedTask(task, m)),
    ).rejects.toMatchObject({ code: ErrorCode.CONFLICT });

    stripe.applyThenDrop('POST /v1/transfers');
    await api.app.get(JobRunner).drain();
    expect(stripe.transfersTo(accountId)).toHaveLength(1);
    const [row] = await dataSource.query('SELECT status, transfer_id FROM payouts WHERE id = $1', [
      payout.id,
    ]);
    expect(row.status).toBe('PAID');
    expect(row.transfer_id).toBe(stripe.transfersTo(accountId)[0].id);
    const totals = await api.app.get(LedgerRepository).totals();
    expect(totals.every((t) => t.sumCents === 0)).toBe(true);
  });

  it('holds a payout until the freelancer can receive transfers, with the reason', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const freelancer = await api.factory.user([Role.FREELANCER]);
    const { projectId, funding } = await fund(owner);
    await postEvent(webhookUrl, succeededEvent(funding, projectId));
    const payouts = api.app.get(PayoutService);
    const dataSource = api.app.get(DataSource);
    const payout = await dataSource.transaction((m) =>
      payouts.payForApprovedTask(
        {
          projectId,
          taskRef: `task-${projectId}-w`,
          freelancerId: freelancer.id,
          reviewerId: null,
          price: money(5_000, 'USD'),
        },
        m,
      ),
    );
    expect(payout.status).toBe('WAITING_FOR_ONBOARDING');
    expect(payout.blockedReason).toMatch(/onboarding/i);

    const onboarded = await api.gql.ok<{
      startPayoutOnboarding: { account: { providerAccountId: string } };
    }>(ONBOARD, {}, freelancer.token);
    const accountId = onboarded.startPayoutOnboarding.account.providerAccountId;
    const active = stripe.setAccountState(accountId, { transfers: 'active', payoutsEnabled: true });
    await postEvent(
      webhookUrl,
      signedEvent('account.updated', active, { secret: WEBHOOK_SECRET, account: accountId }),
    );
    await api.app.get(JobRunner).drain();
    expect(stripe.transfersTo(accountId)).toHaveLength(1);
  });

  it('refuses to pay more than escrow holds', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const freelancer = await api.factory.user([Role.FREELANCER]);
    const { projectId } = await fund(owner);
    const payouts = api.app.get(PayoutService);
    await expect(
      api.app.get(DataSource).transaction((m) =>
        payouts.payForApprovedTask(
          {
            projectId,
            taskRef: `task-${projectId}-x`,
            freelancerId: freelancer.id,
            reviewerId: null,
            price: money(5_000, 'USD'),
          },
          m,
        ),
      ),
    ).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
  });

  it('refunds the unspent escrow when a funded project is cancelled', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const other = await api.factory.user([Role.OWNER]);
    const { projectId, funding } = await fund(owner);
    stripe.succeedPaymentIntent(funding.paymentIntentId);
    await postEvent(webhookUrl, succeededEvent(funding, projectId));
    const CANCEL = `mutation($input: CancelProjectInput!) { cancelProject(input: $input) { cancelled } }`;
    expect(
      errorCodes(await api.gql.request(CANCEL, { input: { projectId } }, other.token)),
    ).toEqual([ErrorCode.NOT_FOUND]);
    await api.gql.ok(CANCEL, { input: { projectId } }, owner.token);
    expect(
      errorCodes(await api.gql.request(CANCEL, { input: { projectId } }, owner.token)),
    ).toEqual([ErrorCode.INVALID_TRANSITION]);
    await api.app.get(JobRunner).drain();
    const refunds = stripe.refunds().filter((r) => r.payment_intent === funding.paymentIntentId);
    expect(refunds).toHaveLength(1);
    expect(refunds[0].amount).toBe(funding.total.amountCents);
    const project = await escrowOf(owner, projectId);
    expect(project.status).toBe('CANCELLED');
    expect(project.escrowBalance).toEqual([{ amountCents: 0, currency: 'USD' }]);
  });

  it('lets an admin reverse a paid payout, returning the money to escrow', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const freelancer = await api.factory.user([Role.FREELANCER]);
    const admin = await api.factory.admin();
    const { projectId, funding } = await fund(owner);
    await postEvent(webhookUrl, succeededEvent(funding, projectId));
    const onboarded = await api.gql.ok<{
      startPayoutOnboarding: { account: { providerAccountId: string } };
    }>(ONBOARD, {}, freelancer.token);
    const accountId = onboarded.startPayoutOnboarding.account.providerAccountId;
    const active = stripe.setAccountState(accountId, { transfers: 'active', payoutsEnabled: true });
    await postEvent(
      webhookUrl,
      signedEvent('account.updated', active, { secret: WEBHOOK_SECRET, account: accountId }),
    );
    const dataSource = api.app.get(DataSource);
    const payout = await dataSource.transaction((m) =>
      api.app.get(PayoutService).payForApprovedTask(
        {
          projectId,
          taskRef: `task-${projectId}-r`,
          freelancerId: freelancer.id,
          reviewerId: null,
          price: money(7_000, 'USD'),
        },
        m,
      ),
    );
    const REVERSE = `mutation($input: ReversePayoutInput!) { reversePayout(input: $input) { status reason } }`;
    const early = await api.gql.request(
      REVERSE,
      { input: { payoutId: payout.id, reason: 'Work was plagiarised' } },
      admin.token,
    );
    expect(errorCodes(early)).toEqual([ErrorCode.INVALID_TRANSITION]);
    await api.app.get(JobRunner).drain();
    const before = (await escrowOf(owner, projectId)).escrowBalance[0].amountCents;
    const notAdmin = await api.gql.request(
      REVERSE,
      { input: { payoutId: payout.id, reason: 'Mine' } },
      owner.token,
    );
    expect(errorCodes(notAdmin)).toEqual([ErrorCode.FORBIDDEN]);
    const reversed = await api.gql.ok<{ reversePayout: { status: string } }>(
      REVERSE,
      { input: { payoutId: payout.id, reason: 'Work was plagiarised' } },
      admin.token,
    );
    expect(reversed.reversePayout.status).toBe('REVERSED');
    expect(stripe.reversals()).toEqual(
      expect.arrayContaining([expect.objectContaining({ amount: 7_000 })]),
    );
    expect((await escrowOf(owner, projectId)).escrowBalance[0].amountCents).toBe(before + 7_000);
    expect((await api.app.get(LedgerRepository).totals()).every((t) => t.sumCents === 0)).toBe(
      true,
    );
  });
});
