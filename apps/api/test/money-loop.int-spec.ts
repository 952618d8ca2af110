import { JobRunner } from '@splitwork/jobs';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes, FakeStripeServer, postEvent, signedEvent } from '@splitwork/test-support';
import { ApiHarness, TestUser } from './api-harness';
import * as fixtures from './market-fixtures';

/*
 * The Money issue's whole loop through GraphQL and signed webhooks only, with
 * the real `stripe` SDK talking to a local fake: an owner funds a plan, a
 * freelancer onboards, a reviewer approves the work, and the transfer reaches
 * Stripe exactly once although the first attempt fails and the second is
 * applied with its answer lost. Every figure is checked from each side.
 */

const WEBHOOK_SECRET = 'whsec_money_loop';
const BRIEF = `# Recipe sharing app
- Cooks publish recipes with photos
- Readers save recipes to collections`;

interface Task {
  id: string;
  status: string;
  skills: { skill: string; minLevel: number }[];
  acceptanceCriteria: string[];
  price: { amountCents: number };
}

const TASKS = `query($id: ID!) { project(id: $id) { status escrowBalance { amountCents currency }
  tasks { id status skills { skill minLevel } acceptanceCriteria price { amountCents } } } }`;
const PAYOUT_FIELDS = 'id status reason transferId simulated amount { amountCents currency }';

describe('money loop through GraphQL and webhooks (fake Stripe)', () => {
  let stripe: FakeStripeServer;
  let api: ApiHarness;
  let webhookUrl: string;

  beforeAll(async () => {
    ({ api, stripe, webhookUrl } = await fixtures.startApiWithStripe(
      WEBHOOK_SECRET,
      'sk_test_money_loop',
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

  async function fundedProject(owner: TestUser): Promise<{ projectId: string; total: number }> {
    const projectId = await fixtures.plannedProject(api, owner, { title: 'Recipes', brief: BRIEF });
    const { fundProject } = await api.gql.ok<{
      fundProject: {
        funding: { status: string; paymentIntentId: string; total: { amountCents: number } };
      };
    }>(
      `mutation($input: FundProjectInput!) { fundProject(input: $input) {
        funding { status paymentIntentId total { amountCents } } } }`,
      { input: { projectId } },
      owner.token,
    );
    const funding = fundProject.funding;
    expect(funding.status).toBe('PENDING');
    // The client confirms the PaymentIntent with Stripe; Stripe tells us by webhook.
    const intent = stripe.succeedPaymentIntent(funding.paymentIntentId);
    await deliver('payment_intent.succeeded', intent);
    await drain();
    return { projectId, total: funding.total.amountCents };
  }

  async function onboardedFreelancer(task: Task): Promise<TestUser> {
    const freelancer = await fixtures.qualifiedFreelancer(api, [task]);
    const { startPayoutOnboarding } = await api.gql.ok<{
      startPayoutOnboarding: { url: string; account: { providerAccountId: string } };
    }>(
      `mutation { startPayoutOnboarding { url account { providerAccountId } } }`,
      {},
      freelancer.token,
    );
    expect(startPayoutOnboarding.url).toMatch(/^https?:\/\//);
    const accountId = startPayoutOnboarding.account.providerAccountId;
    // The freelancer completes Stripe's hosted onboarding; Stripe tells us by webhook.
    const active = stripe.setAccountState(accountId, {
      transfers: 'active',
      payoutsEnabled: true,
      chargesEnabled: true,
      detailsSubmitted: true,
    });
    await deliver('account.updated', active, accountId);
    return freelancer;
  }

  it('pays an approved task once whatever the transfer faults, and shows each figure to the right people only', async () => {
    const owner = await api.newUser([Role.OWNER]);
    const reviewer = await api.newUser([Role.REVIEWER]);
    const otherOwner = await api.newUser([Role.OWNER]);
    const admin = await api.newAdmin();
    const { projectId, total } = await fundedProject(owner);

    const before = await api.gql.ok<{
      project: { status: string; escrowBalance: { amountCents: number }[]; tasks: Task[] };
    }>(TASKS, { id: projectId }, owner.token);
    expect(before.project.status).toBe('FUNDED');
    expect(before.project.escrowBalance).toEqual([{ amountCents: total, currency: 'USD' }]);
    await api.gql.ok(
      `mutation($input: AssignReviewerInput!) { assignProjectReviewer(input: $input) }`,
      { input: { projectId, reviewerId: reviewer.id } },
      owner.token,
    );

    const task = before.project.tasks.find((t) => t.status === 'OPEN')!;
    const freelancer = await onboardedFreelancer(task);
    const bystander = await api.newUser([Role.FREELANCER]);
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
          links: ['https://github.com/acme/recipes/pull/7'],
          notes: 'Done',
          hoursSpent: 4,
        },
      },
      freelancer.token,
    );

    // First attempt: Stripe answers 500 (the SDK retries); second: Stripe applies the
    // transfer and the answer is lost; the third gets the stored answer by idempotency key.
    stripe.failNext('POST /v1/transfers', { status: 500, shouldRetry: true });
    stripe.applyThenDrop('POST /v1/transfers');
    await fixtures.approveTask(api, task, reviewer);
    await drain();
    await drain();

    const transfers = stripe.transfers({ transferGroup: projectId });
    expect(transfers).toHaveLength(1);
    expect(transfers[0].amount).toBe(task.price.amountCents);
    expect(stripe.requestsTo('POST /v1/transfers').length).toBeGreaterThanOrEqual(3);

    const { myPayouts } = await api.gql.ok<{
      myPayouts: { edges: { node: { status: string; transferId: string } }[] };
    }>(`query { myPayouts { edges { node { ${PAYOUT_FIELDS} } } } }`, {}, freelancer.token);
    expect(myPayouts.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        status: 'PAID',
        transferId: transfers[0].id,
        simulated: false,
        amount: { amountCents: task.price.amountCents, currency: 'USD' },
      }),
    ]);
    const others = await api.gql.ok<{ myPayouts: { edges: unknown[] } }>(
      `query { myPayouts { edges { node { id } } } }`,
      {},
      bystander.token,
    );
    expect(others.myPayouts.edges).toEqual([]);

    const PROJECT_PAYOUTS = `query($id: ID!) { project(id: $id) { escrowBalance { amountCents }
      payouts { edges { node { ${PAYOUT_FIELDS} payeeRole } } } } }`;
    const seenByOwner = await api.gql.ok<{
      project: {
        escrowBalance: { amountCents: number }[];
        payouts: { edges: { node: { transferId: string; payeeRole: string; status: string } }[] };
      };
    }>(PROJECT_PAYOUTS, { id: projectId }, owner.token);
    // The freelancer's payout, and the approving reviewer's fee waiting for the reviewer to onboard.
    expect(
      seenByOwner.project.payouts.edges
        .map((e) => e.node)
        .sort((a, b) => a.payeeRole.localeCompare(b.payeeRole)),
    ).toEqual([
      expect.objectContaining({ payeeRole: 'FREELANCER', transferId: transfers[0].id }),
      expect.objectContaining({
        payeeRole: 'REVIEWER',
        status: 'WAITING_FOR_ONBOARDING',
        transferId: null,
      }),
    ]);
    // Escrow paid the price and the fees on it: less than before, by at least the price.
    const [escrow] = seenByOwner.project.escrowBalance;
    expect(escrow.amountCents).toBeLessThanOrEqual(total - task.price.amountCents);
    expect(escrow.amountCents).toBeGreaterThan(0);

    for (const stranger of [otherOwner, bystander, reviewer]) {
      expect(
        errorCodes(await api.gql.request(PROJECT_PAYOUTS, { id: projectId }, stranger.token)),
      ).toEqual([ErrorCode.NOT_FOUND]);
    }
    const seenByAdmin = await api.gql.ok<{ project: { payouts: { edges: unknown[] } } }>(
      PROJECT_PAYOUTS,
      { id: projectId },
      admin.token,
    );
    expect(seenByAdmin.project.payouts.edges).toHaveLength(2);
    const { failedPayouts } = await api.gql.ok<{
      failedPayouts: { edges: { node: { id: string } }[] };
    }>(`query { failedPayouts { edges { node { id } } } }`, {}, admin.token);
    expect(failedPayouts.edges.map((e) => e.node.id)).not.toContain(
      (myPayouts.edges[0].node as unknown as { id: string }).id,
    );
  });
});
