import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { AppConfig } from '@splitwork/config';
import { JobRunner } from '@splitwork/jobs';
import { assertUnreachable, DomainError, ErrorCode, money, Role } from '@splitwork/kernel';
import {
  type ApprovedTask,
  FundingService,
  LedgerRepository,
  PayoutService,
} from '@splitwork/payments';
import {
  freelancerPayableAccount,
  ledgerAccountKey,
  projectEscrowAccount,
  reviewerFeesAccount,
  taskFees,
} from '@splitwork/payments-core';
import {
  errorCodes,
  FakeStripeServer,
  postEvent,
  signedEvent,
  type SignedStripeEvent,
} from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';

/*
 * Fund → onboard → approve → pay, randomized runs (RUNS) against the real API,
 * the real `stripe` SDK and a local fake Stripe that fails, drops and delays
 * on a generated schedule, with the API process killed between a transfer and
 * its commit and started again. After every run: one transfer per approved
 * task and payee, every payout paid (unless a permanent failure was left on
 * purpose), the ledger balanced, escrow, the freelancer's payable and the
 * reviewer's fee account as expected. Reviewed tasks also pay the approving
 * reviewer's fee as a payout of its own (onboarded before approval), under the
 * same faults.
 *
 * The API's Stripe client has a fixed 20 s timeout and 2 SDK retries
 * (payment-provider.factory.ts), so a real client timeout is not scripted
 * here; its two outcomes are: `dropNext` (the request never arrived) and
 * `applyThenDrop` (Stripe applied it, no answer came back).
 */

const WEBHOOK_SECRET = 'whsec_payments_faults_secret';
/**
 * 200 runs against the PostgreSQL server (CI's server pass, graphile-worker);
 * 60 on the embedded database, which `npm test` runs on every change.
 * PAYMENT_FAULT_RUNS overrides both.
 */
const RUNS = Number(
  process.env.PAYMENT_FAULT_RUNS ?? (process.env.SPLITWORK_TEST_EMBEDDED === 'true' ? 60 : 200),
);
const PAYOUT_JOB = 'payments.payout';
/** Long enough for the API to be closed before the transfer's answer arrives. */
const CRASH_ANSWER_DELAY_MS = 500;
const SETTLE_ROUNDS = 30;
/**
 * The SDK waits 0.5–1 s before each of its own retries, a constant it offers
 * no option for: that wait was most of this suite's time. Here it waits 10 ms;
 * which requests it retries, how many times and with which idempotency key
 * are unchanged.
 */
const SDK_RETRY_DELAY_SEC = 0.01;
const BRIEF = `# Plant care app
- Users sign up with email
- Users add plants and get watering reminders`;

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }`;
const PLAN = `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`;
const FUND = `mutation($input: FundProjectInput!) { fundProject(input: $input) {
  funding { id status paymentIntentId work { amountCents } total { amountCents } } } }`;
const PROJECT = `query($id: ID!) { project(id: $id) { status escrowBalance { amountCents currency } } }`;
const ONBOARD = `mutation { startPayoutOnboarding { account { providerAccountId } } }`;
const MY_ACCOUNT = `query { myPayoutAccount { transfersCapability payoutsBlockedReason } }`;
const MY_PAYOUTS = `query { myPayouts(first: 20) { edges { node { id status reason transferId } } } }`;
const RETRY = `mutation($input: PayoutRefInput!) { retryPayout(input: $input) { id status } }`;

interface Funding {
  id: string;
  status: string;
  paymentIntentId: string;
  work: { amountCents: number };
  total: { amountCents: number };
}

interface PayoutView {
  id: string;
  status: string;
  reason: string | null;
  transferId: string | null;
}

// ---------------------------------------------------------------------------
// The generated schedule
// ---------------------------------------------------------------------------

type FundingFault = 'none' | 'intent-500' | 'intent-answer-dropped';
type OnboardingFault = 'none' | 'account-500' | 'link-500' | 'refresh-500';
/**
 * When the freelancer onboards: `with-funding` delivers account.updated among
 * the funding events; `started-early` opens the account before approval and
 * activates it after; the last two leave payouts waiting for onboarding.
 */
type OnboardingTime =
  | 'before-funding'
  | 'with-funding'
  | 'before-approval'
  | 'started-early'
  | 'after-approval'
  | 'after-first-drain';
type TransferFaultKind =
  | 'http-500' // Stripe-Should-Retry: false, so the job runner retries
  | 'http-500-sdk-retry' // the SDK retries (with its own backoff) before the job runner does
  | 'http-429'
  | 'applied-answer-dropped' // once: the SDK's retry gets the stored answer
  | 'applied-answer-lost' // on every SDK attempt: the job fails and its retry gets the answer
  | 'dropped' // the request never arrived
  | 'slow';

interface TransferFault {
  kind: TransferFaultKind;
  times: number;
}

interface Scenario {
  tasks: { share: number; reviewed: boolean }[];
  /** A task the review flow approves twice (CONFLICT expected). */
  approveTwice: number | null;
  concurrentApprovals: boolean;
  funding: {
    fault: FundingFault;
    /** Extra deliveries of the same event (Stripe retries) … */
    replays: number;
    /** … and of a second event for the same PaymentIntent. */
    secondEvent: boolean;
    /** All deliveries at once instead of one after the other. */
    concurrent: boolean;
    order: number[];
  };
  onboarding: {
    time: OnboardingTime;
    fault: OnboardingFault;
    replayEvent: boolean;
    /** An older account.updated (transfers inactive) delivered after the one that activated it. */
    staleEventAfter: boolean;
  };
  /** The API dies between Stripe applying a transfer and our commit. */
  crash: boolean;
  /** Transfers refused for good (400): FAILED_PERMANENT, then retried by an admin unless left. */
  permanent: { count: number; leave: boolean };
  /** Stripe says the account lost its transfers capability: the payout waits for account.updated. */
  capabilityRevoked: boolean;
  transferFaults: TransferFault[];
}

const weighted = <T>(...choices: [T, number][]): fc.Arbitrary<T> =>
  fc.oneof(...choices.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));

// Faults after which the SDK sleeps before retrying are rarer, to keep 200 runs fast.
const transferFaultArb: fc.Arbitrary<TransferFault> = fc.record({
  kind: weighted<TransferFaultKind>(
    ['http-500', 4],
    ['http-429', 4],
    ['slow', 2],
    ['applied-answer-dropped', 1],
    ['applied-answer-lost', 1],
    ['dropped', 1],
    ['http-500-sdk-retry', 1],
  ),
  times: fc.integer({ min: 1, max: 2 }),
});

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    tasks: fc.array(fc.record({ share: fc.integer({ min: 1, max: 20 }), reviewed: fc.boolean() }), {
      minLength: 1,
      maxLength: 4,
    }),
    approveTwice: fc.option(fc.nat(3), { nil: null }),
    concurrentApprovals: fc.boolean(),
    funding: fc.record({
      fault: weighted<FundingFault>(['none', 8], ['intent-500', 3], ['intent-answer-dropped', 1]),
      replays: fc.integer({ min: 0, max: 2 }),
      secondEvent: fc.boolean(),
      concurrent: fc.boolean(),
      order: fc.array(fc.nat(100), { minLength: 5, maxLength: 5 }),
    }),
    onboarding: fc.record({
      time: fc.constantFrom<OnboardingTime>(
        'before-funding',
        'with-funding',
        'before-approval',
        'started-early',
        'after-approval',
        'after-first-drain',
      ),
      fault: weighted<OnboardingFault>(
        ['none', 5],
        ['account-500', 1],
        ['link-500', 1],
        ['refresh-500', 1],
      ),
      replayEvent: fc.boolean(),
      staleEventAfter: fc.boolean(),
    }),
    crash: weighted([false, 12], [true, 1]),
    permanent: fc.record({
      count: weighted([0, 4], [1, 2], [2, 1]),
      leave: fc.boolean(),
    }),
    capabilityRevoked: weighted([false, 6], [true, 1]),
    transferFaults: fc.array(transferFaultArb, { maxLength: 3 }),
  })
  .map((s) => ({
    ...s,
    approveTwice: s.approveTwice === null ? null : s.approveTwice % s.tasks.length,
  }));

// ---------------------------------------------------------------------------
// What the runs saw
// ---------------------------------------------------------------------------

interface Stats {
  runs: number;
  approvedTasks: number;
  payouts: number;
  transfers: number;
  duplicates: number;
  lost: number;
  leftFailed: number;
  conflicts: number;
  adminRetries: number;
  crashes: number;
  crashesTooLate: number;
  webhookDeliveries: number;
  webhookRefused: number;
  /** Fault outcomes seen by the fake Stripe, by endpoint and kind. */
  faults: Map<string, number>;
}

const newStats = (): Stats => ({
  runs: 0,
  approvedTasks: 0,
  payouts: 0,
  transfers: 0,
  duplicates: 0,
  lost: 0,
  leftFailed: 0,
  conflicts: 0,
  adminRetries: 0,
  crashes: 0,
  crashesTooLate: 0,
  webhookDeliveries: 0,
  webhookRefused: 0,
  faults: new Map(),
});

const count = (stats: Stats, key: string, n = 1): void => {
  stats.faults.set(key, (stats.faults.get(key) ?? 0) + n);
};

function endpointName(method: string, path: string): string {
  if (path === '/v1/transfers') return 'transfer';
  if (path === '/v1/payment_intents') return 'payment-intent';
  if (path === '/v1/accounts') return 'account-create';
  if (path === '/v1/account_links') return 'account-link';
  if (method === 'GET' && path.startsWith('/v1/accounts/')) return 'account-refresh';
  return `${method} ${path}`;
}

// ---------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------

describe('payouts under injected faults (property-based, fake Stripe)', () => {
  let stripe: FakeStripeServer;
  let api: ApiHarness;
  let graphile = false;
  const stats = newStats();

  const env = (): Record<string, string> => ({
    STRIPE_SECRET_KEY: 'sk_test_splitwork_faults',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_URL: stripe.baseUrl,
    // The clock jumps over retry backoffs within a run; a run's tokens must outlive them.
    JWT_ACCESS_TTL_SECONDS: '86400',
  });

  let retryDelay: jest.SpyInstance<number, []> | undefined;

  beforeAll(async () => {
    // The prototype of the SDK's client objects (the package exports a wrapper constructor).
    const client = Object.getPrototypeOf(new Stripe('sk_test_prototype')) as {
      getInitialNetworkRetryDelay(): number;
    };
    retryDelay = jest
      .spyOn(client, 'getInitialNetworkRetryDelay')
      .mockReturnValue(SDK_RETRY_DELAY_SEC);
    stripe = await FakeStripeServer.start();
    api = await startApi(env());
    graphile = api.app.get(AppConfig).jobRunner === 'graphile';
  });
  afterAll(async () => {
    await api?.close();
    await stripe?.close();
    retryDelay?.mockRestore();
  });

  let admin: { token: string; issuedAt: number } | null = null;
  /** One admin for the suite; its token is renewed once the clock has moved half its lifetime. */
  async function adminToken(): Promise<string> {
    const now = api.clock.now().getTime();
    if (!admin || now - admin.issuedAt > 12 * 3600_000) {
      admin = { token: (await api.factory.admin()).token, issuedAt: now };
    }
    return admin.token;
  }

  const db = () => api.app.get(DataSource);
  const runner = () => api.app.get(JobRunner);
  const ledger = () => api.app.get(LedgerRepository);
  const webhookUrl = () => `${api.baseUrl}/webhooks/stripe`;

  // -- helpers ----------------------------------------------------------------

  async function plannedProject(owner: TestUser): Promise<string> {
    const { createProject } = await api.gql.ok<{ createProject: { project: { id: string } } }>(
      CREATE,
      {
        input: {
          title: 'Plants',
          brief: BRIEF,
          platforms: ['WEB'],
          budgetCents: 50_000_000,
          currency: 'USD',
        },
      },
      owner.token,
    );
    await api.gql.ok(PLAN, { input: { projectId: createProject.project.id } }, owner.token);
    await runner().drain();
    return createProject.project.id;
  }

  /** Stripe delivers an event until it is accepted (it retries on any non-2xx answer). */
  async function deliver(event: SignedStripeEvent): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      stats.webhookDeliveries++;
      const res = await postEvent(webhookUrl(), event);
      if (res.status === 200) return;
      stats.webhookRefused++;
      expect(res.status).toBe(500);
      if (attempt >= 3) throw new Error(`webhook ${event.event.type} refused: ${res.body}`);
    }
  }

  async function fund(owner: TestUser, projectId: string, fault: FundingFault): Promise<Funding> {
    if (fault === 'intent-500') {
      stripe.failNext('POST /v1/payment_intents', { status: 500, shouldRetry: false });
      const failed = await api.gql.request(FUND, { input: { projectId } }, owner.token);
      expect(errorCodes(failed)).toEqual([ErrorCode.PAYMENT_FAILED]);
    }
    if (fault === 'intent-answer-dropped') stripe.applyThenDrop('POST /v1/payment_intents');
    const { fundProject } = await api.gql.ok<{ fundProject: { funding: Funding } }>(
      FUND,
      { input: { projectId } },
      owner.token,
    );
    const funding = fundProject.funding;
    expect(funding.status).toBe('PENDING');
    // Asked again, or after a lost answer: still one PaymentIntent (idempotency key per funding).
    expect(stripe.paymentIntents().filter((pi) => pi.metadata.fundingId === funding.id)).toEqual([
      expect.objectContaining({ id: funding.paymentIntentId, amount: funding.total.amountCents }),
    ]);
    return funding;
  }

  /** payment_intent.succeeded as Stripe sends it, replayed and sent again under a second id if asked. */
  function fundingEvents(
    funding: Funding,
    projectId: string,
    s: { replays: number; secondEvent: boolean } = { replays: 0, secondEvent: false },
  ): SignedStripeEvent[] {
    const intent = {
      ...stripe.succeedPaymentIntent(funding.paymentIntentId),
      metadata: { projectId, fundingId: funding.id },
    };
    const first = signedEvent('payment_intent.succeeded', intent, { secret: WEBHOOK_SECRET });
    const events = [first, ...Array.from({ length: s.replays }, () => first)];
    if (s.secondEvent) {
      events.push(signedEvent('payment_intent.succeeded', intent, { secret: WEBHOOK_SECRET }));
    }
    return events;
  }

  async function startOnboarding(freelancer: TestUser, fault: OnboardingFault): Promise<string> {
    if (fault === 'account-500' || fault === 'link-500') {
      stripe.failNext(fault === 'account-500' ? 'POST /v1/accounts' : 'POST /v1/account_links', {
        status: 500,
        shouldRetry: false,
      });
      const failed = await api.gql.request(ONBOARD, {}, freelancer.token);
      expect(errorCodes(failed)).toEqual([ErrorCode.PAYMENT_FAILED]);
    }
    const { startPayoutOnboarding } = await api.gql.ok<{
      startPayoutOnboarding: { account: { providerAccountId: string } };
    }>(ONBOARD, {}, freelancer.token);
    const accountId = startPayoutOnboarding.account.providerAccountId;
    expect(stripe.accounts().filter((a) => a.metadata.userId === freelancer.id)).toHaveLength(1);
    return accountId;
  }

  /** Stripe activates the account: the events to deliver (the stale one, if any, last). */
  function activationEvents(accountId: string, s: Scenario['onboarding']): SignedStripeEvent[] {
    const stale = stripe.account(accountId)!;
    const active = stripe.setAccountState(accountId, { transfers: 'active', payoutsEnabled: true });
    const event = signedEvent('account.updated', active, {
      secret: WEBHOOK_SECRET,
      account: accountId,
    });
    return [
      event,
      ...(s.replayEvent ? [event] : []),
      ...(s.staleEventAfter
        ? [signedEvent('account.updated', stale, { secret: WEBHOOK_SECRET, account: accountId })]
        : []),
    ];
  }

  async function deliverActivation(
    freelancer: TestUser,
    events: SignedStripeEvent[],
    fault: OnboardingFault,
  ): Promise<void> {
    if (fault === 'refresh-500') {
      stripe.failNext('GET /v1/accounts/:id', { status: 500, shouldRetry: false });
    }
    for (const event of events) await deliver(event);
    const { myPayoutAccount } = await api.gql.ok<{
      myPayoutAccount: { transfersCapability: string; payoutsBlockedReason: string | null };
    }>(MY_ACCOUNT, {}, freelancer.token);
    expect(myPayoutAccount).toEqual({ transfersCapability: 'active', payoutsBlockedReason: null });
  }

  async function myPayouts(freelancer: TestUser): Promise<Map<string, PayoutView>> {
    const { myPayouts: connection } = await api.gql.ok<{
      myPayouts: { edges: { node: PayoutView }[] };
    }>(MY_PAYOUTS, {}, freelancer.token);
    return new Map(connection.edges.map((e) => [e.node.id, e.node]));
  }

  async function escrowCents(projectId: string): Promise<number> {
    const rows = await ledger().balances([ledgerAccountKey(projectEscrowAccount(projectId))]);
    return rows.reduce((sum, r) => sum + r.balanceCents, 0);
  }

  async function payoutRows(ids: string[]) {
    return db().query<
      {
        id: string;
        status: string;
        transfer_id: string | null;
        failure_reason: string | null;
        payee_role: string;
        task_ref: string;
      }[]
    >(
      `SELECT id, status, transfer_id, failure_reason, payee_role, task_ref FROM payouts WHERE id = ANY($1)`,
      [ids],
    );
  }

  /** The reviewer fee payouts of these tasks, by task. */
  async function reviewerPayouts(taskRefs: string[]): Promise<Map<string, string>> {
    const rows = await db().query<{ id: string; task_ref: string }[]>(
      `SELECT id, task_ref FROM payouts WHERE task_ref = ANY($1) AND payee_role = 'REVIEWER'`,
      [taskRefs],
    );
    return new Map(rows.map((r) => [r.task_ref, r.id]));
  }

  /** Payout jobs of these payouts that may still run, and when the next one is due. */
  async function pendingJobs(payoutIds: string[]): Promise<{ n: number; due: Date | null }> {
    if (graphile) {
      const [row] = await db().query<{ n: string }[]>(
        `SELECT count(*) AS n FROM graphile_worker._private_jobs j
           JOIN graphile_worker._private_tasks t ON t.id = j.task_id
          WHERE t.identifier = $1 AND j.payload->>'payoutId' = ANY($2)
            AND j.attempts < j.max_attempts`,
        [PAYOUT_JOB, payoutIds],
      );
      return { n: Number(row.n), due: null };
    }
    const [row] = await db().query<{ n: string; due: Date | null }[]>(
      `SELECT count(*) AS n,
              min(run_at) FILTER (WHERE locked_at IS NULL) AS due
         FROM job_queue
        WHERE name = $1 AND payload->>'payoutId' = ANY($2) AND attempts < max_attempts`,
      [PAYOUT_JOB, payoutIds],
    );
    return { n: Number(row.n), due: row.due ? new Date(row.due) : null };
  }

  /**
   * Runs the payout jobs until none is left: two runners drain together; in
   * between, the retries are made due (the embedded runner's clock jumps to
   * the next backoff and a dead runner's lease is made to run out; graphile-worker compares with the
   * database clock, so its run_at is moved to now).
   */
  async function settle(payoutIds: string[]): Promise<void> {
    for (let round = 0; round < SETTLE_ROUNDS; round++) {
      await Promise.all([runner().drain(), runner().drain()]);
      const pending = await pendingJobs(payoutIds);
      if (pending.n === 0) return;
      if (graphile) {
        // No runner is running here, so a job still locked was locked by a dead process. The
        // continuous graphile-worker runner unlocks such jobs once their lock is 4 hours old
        // (resetLockedAt; runOnce, behind drain(), never does): do what it would do then.
        await db().query(
          `UPDATE graphile_worker._private_jobs j
              SET run_at = now(), locked_at = NULL, locked_by = NULL
             FROM graphile_worker._private_tasks t
            WHERE t.id = j.task_id AND t.identifier = $1 AND j.payload->>'payoutId' = ANY($2)`,
          [PAYOUT_JOB, payoutIds],
        );
      } else {
        // Likewise a job still locked here was locked by a dead process: its lease runs out
        // after JOBS_LEASE_MS of database time (no heartbeat renews it); make it run out now.
        await db().query(
          `UPDATE job_queue SET lease_expires_at = now() - interval '1 second'
            WHERE name = $1 AND payload->>'payoutId' = ANY($2) AND locked_at IS NOT NULL`,
          [PAYOUT_JOB, payoutIds],
        );
        if (pending.due && pending.due > api.clock.now()) api.clock.set(pending.due);
      }
    }
    throw new Error(`payout jobs still pending after ${SETTLE_ROUNDS} rounds`);
  }

  /**
   * The API process dies while Stripe's answer to a transfer is on its way:
   * Stripe applied it, our commit never happens, and the job stays locked by
   * the dead process (its database pool is gone, so not even the failure is
   * recorded). Then the API starts again on the same database.
   */
  async function crashDuringTransfer(payoutIds: string[]): Promise<void> {
    const before = stripe.transfers().length;
    stripe.delayNext('POST /v1/transfers', CRASH_ANSWER_DELAY_MS);
    // graphile-worker prints the dead worker's failure with console.trace; that noise is expected.
    const trace = jest.spyOn(console, 'trace').mockImplementation(() => undefined);
    const dying = runner()
      .drain()
      .then(
        () => 'finished',
        () => 'died',
      );
    await until(() => stripe.transfers().length > before, 10_000);
    const crashedPayout = stripe.transfers().at(-1)!.metadata.payoutId;
    const clock = api.clock.now();
    await api.close();
    api = await startApi(env());
    await dying;
    trace.mockRestore();
    api.clock.set(clock);
    const [row] = await payoutRows([crashedPayout]);
    expect(payoutIds).toContain(crashedPayout);
    if (row.status === 'PAID') stats.crashesTooLate++;
    else stats.crashes++;
  }

  /** Approves the tasks as the review flow does, each in its own transaction; taskRef → payout id. */
  async function approve(tasks: ApprovedTask[], s: Scenario): Promise<Map<string, string>> {
    const payouts = api.app.get(PayoutService);
    const calls = tasks.map((t) => () => db().transaction((m) => payouts.payForApprovedTask(t, m)));
    if (s.approveTwice !== null) {
      const again = calls[s.approveTwice];
      calls.splice(s.approveTwice + 1, 0, again);
    }
    const settled = s.concurrentApprovals
      ? await Promise.allSettled(calls.map((c) => c()))
      : await sequentially(calls);
    const byTask = new Map<string, string>();
    let conflicts = 0;
    for (const result of settled) {
      if (result.status === 'fulfilled') {
        expect(byTask.has(result.value.taskRef)).toBe(false);
        byTask.set(result.value.taskRef, result.value.id);
      } else {
        expect(result.reason).toBeInstanceOf(DomainError);
        expect((result.reason as DomainError).code).toBe(ErrorCode.CONFLICT);
        conflicts++;
      }
    }
    expect(conflicts).toBe(s.approveTwice === null ? 0 : 1);
    expect(byTask.size).toBe(tasks.length);
    stats.conflicts += conflicts;
    return byTask;
  }

  function armTransferFaults(faults: TransferFault[]): void {
    for (const { kind, times } of faults) {
      switch (kind) {
        case 'http-500':
          stripe.failNext('POST /v1/transfers', { status: 500, shouldRetry: false, times });
          break;
        case 'http-500-sdk-retry':
          stripe.failNext('POST /v1/transfers', { status: 500, times });
          break;
        case 'http-429':
          stripe.failNext('POST /v1/transfers', { status: 429, code: 'rate_limit', times });
          break;
        case 'applied-answer-dropped':
          stripe.applyThenDrop('POST /v1/transfers', { times });
          break;
        case 'applied-answer-lost':
          // The first attempt and both SDK retries lose their answer.
          stripe.applyThenDrop('POST /v1/transfers', { times: 3 });
          break;
        case 'dropped':
          stripe.dropNext('POST /v1/transfers', { times });
          break;
        case 'slow':
          stripe.delayNext('POST /v1/transfers', 40 * times, { times });
          count(stats, 'transfer:slow-answer', times);
          break;
        default:
          return assertUnreachable(kind);
      }
    }
  }

  // -- one run ------------------------------------------------------------------

  async function run(s: Scenario): Promise<void> {
    stripe.clearFaults();
    const firstRequest = stripe.requests.length;
    // Made in-process (same rows, real sessions): sign-up and vetting over HTTP are
    // tested on their own, and here they would be repeated on every run.
    const [owner, freelancer, reviewer] = await Promise.all([
      api.factory.user([Role.OWNER]),
      api.factory.user([Role.FREELANCER]),
      api.factory.user([Role.REVIEWER]),
    ]);
    const projectId = await plannedProject(owner);
    const onboarding = s.onboarding;
    let accountId: string | null = null;

    const onboardEarly = ['before-funding', 'with-funding', 'started-early'].includes(
      onboarding.time,
    );
    if (onboardEarly) accountId = await startOnboarding(freelancer, onboarding.fault);
    if (onboarding.time === 'before-funding') {
      await deliverActivation(
        freelancer,
        activationEvents(accountId!, onboarding),
        onboarding.fault,
      );
    }

    // Funding: the webhook is the source of truth, whatever the order and number of deliveries.
    const funding = await fund(owner, projectId, s.funding.fault);
    const events = fundingEvents(funding, projectId, s.funding);
    const accountEvents =
      onboarding.time === 'with-funding' ? activationEvents(accountId!, onboarding) : [];
    const all = [...events, ...accountEvents]
      .map((event, i) => ({ event, key: s.funding.order[i % s.funding.order.length] * 10 + i }))
      .sort((a, b) => a.key - b.key)
      .map((e) => e.event);
    if (onboarding.time === 'with-funding' && onboarding.fault === 'refresh-500') {
      stripe.failNext('GET /v1/accounts/:id', { status: 500, shouldRetry: false });
    }
    if (s.funding.concurrent) await Promise.all(all.map((e) => deliver(e)));
    else for (const event of all) await deliver(event);
    if (onboarding.time === 'with-funding') await deliverActivation(freelancer, [], 'none');
    const { project } = await api.gql.ok<{
      project: { status: string; escrowBalance: { amountCents: number; currency: string }[] };
    }>(PROJECT, { id: projectId }, owner.token);
    expect(project.status).toBe('FUNDED');
    expect(project.escrowBalance).toEqual([
      { amountCents: funding.total.amountCents, currency: 'USD' },
    ]);

    if (onboarding.time === 'before-approval') {
      accountId = await startOnboarding(freelancer, onboarding.fault);
      await deliverActivation(
        freelancer,
        activationEvents(accountId, onboarding),
        onboarding.fault,
      );
    }

    // The reviewer onboards before approval (its fee payouts then face the transfer faults).
    const reviewerAccountId = await startOnboarding(reviewer, 'none');
    await deliverActivation(
      reviewer,
      activationEvents(reviewerAccountId, { ...onboarding, staleEventAfter: false }),
      'none',
    );

    // Approvals, as the review flow makes them.
    const fees = api.app.get(FundingService).feePolicy;
    const work = funding.work.amountCents;
    const tasks = s.tasks.map((t, i) => ({
      projectId,
      taskRef: `faults-${projectId}-${i}`,
      freelancerId: freelancer.id,
      reviewerId: t.reviewed ? reviewer.id : null,
      price: money(Math.max(100, Math.floor((work * t.share) / 100)), 'USD'),
    }));
    const payoutByTask = await approve(tasks, s);
    const payoutIds = [...payoutByTask.values()];
    const feeByTask = await reviewerPayouts(tasks.map((t) => t.taskRef));
    const feeOf = (t: (typeof tasks)[number]) => taskFees(t.price, fees, true).reviewerFee;
    expect([...feeByTask.keys()].sort()).toEqual(
      tasks
        .filter((t) => t.reviewerId !== null && feeOf(t).amountCents > 0)
        .map((t) => t.taskRef)
        .sort(),
    );
    /** Every payout of the run: the freelancer's and the reviewer's fees. */
    const allIds = [...payoutIds, ...feeByTask.values()];
    const spent = tasks.reduce((sum, t) => {
      const f = taskFees(t.price, fees, t.reviewerId !== null);
      return sum + t.price.amountCents + f.platformFee.amountCents + f.reviewerFee.amountCents;
    }, 0);
    const escrowAfterApproval = await escrowCents(projectId);
    expect(escrowAfterApproval).toBe(funding.total.amountCents - spent);
    expect(escrowAfterApproval).toBeGreaterThanOrEqual(0);

    const waiting = ['started-early', 'after-approval', 'after-first-drain'].includes(
      onboarding.time,
    );
    if (waiting) {
      // Payouts wait, and the freelancer sees why.
      const views = await myPayouts(freelancer);
      for (const id of payoutIds) {
        expect(views.get(id)).toMatchObject({ status: 'WAITING_FOR_ONBOARDING' });
        expect(views.get(id)!.reason).toMatch(/onboarding/i);
      }
    }
    if (onboarding.time === 'started-early') {
      await deliverActivation(
        freelancer,
        activationEvents(accountId!, onboarding),
        onboarding.fault,
      );
    }
    if (onboarding.time === 'after-approval') {
      accountId = await startOnboarding(freelancer, onboarding.fault);
      await deliverActivation(
        freelancer,
        activationEvents(accountId, onboarding),
        onboarding.fault,
      );
    }

    const pendingPayouts = async () =>
      (await payoutRows(allIds)).filter((p) => p.status === 'PENDING').length;

    // A: the API dies between Stripe applying a transfer and our commit.
    if (s.crash && (await pendingPayouts()) > 0) await crashDuringTransfer(allIds);

    // B: refusals that no retry fixes, on first attempts (one runner, so one payout each).
    if ((s.permanent.count > 0 || s.capabilityRevoked) && (await pendingPayouts()) > 0) {
      if (s.capabilityRevoked) {
        stripe.failNext('POST /v1/transfers', {
          status: 400,
          code: 'insufficient_capabilities_for_transfer',
          message: 'Your destination account needs to have the transfers capability enabled',
        });
      }
      if (s.permanent.count > 0) {
        stripe.failNext('POST /v1/transfers', {
          status: 400,
          code: 'balance_insufficient',
          message: 'You have insufficient available funds in your Stripe account',
          times: s.permanent.count,
        });
      }
      await runner().drain();
      stripe.clearFaults();
      const after = await payoutRows(allIds);
      const refused = (status: string) => after.filter((p) => p.status === status).length;
      count(stats, 'transfer:http-400-capability', refused('WAITING_FOR_ONBOARDING'));
      count(stats, 'transfer:http-400-balance', refused('FAILED_PERMANENT'));
    }

    // C: retryable and ambiguous faults; the jobs run until none is left.
    armTransferFaults(s.transferFaults);
    await settle(allIds);

    if (onboarding.time === 'after-first-drain') {
      expect(
        (await payoutRows(payoutIds)).every((p) => p.status === 'WAITING_FOR_ONBOARDING'),
      ).toBe(true);
      accountId = await startOnboarding(freelancer, onboarding.fault);
      await deliverActivation(
        freelancer,
        activationEvents(accountId, onboarding),
        onboarding.fault,
      );
      await settle(allIds);
    }
    expect(accountId).not.toBeNull();

    // Stripe re-enables the capability it had withdrawn: account.updated releases the payout.
    const waitingNow = (await payoutRows(allIds)).filter(
      (p) => p.status === 'WAITING_FOR_ONBOARDING',
    );
    if (waitingNow.length > 0) {
      expect(s.capabilityRevoked).toBe(true);
      for (const [payee, account] of [
        [freelancer, accountId!],
        [reviewer, reviewerAccountId],
      ] as const) {
        const role = payee === reviewer ? 'REVIEWER' : 'FREELANCER';
        if (!waitingNow.some((p) => p.payee_role === role)) continue;
        await deliverActivation(
          payee,
          activationEvents(account, { ...onboarding, staleEventAfter: false }),
          'none',
        );
      }
      await settle(allIds);
    }

    // D: permanent failures are visible with their reason; an admin retries them unless left.
    const failed = (await payoutRows(allIds)).filter((p) => p.status === 'FAILED_PERMANENT');
    expect(failed.length).toBeLessThanOrEqual(s.permanent.count);
    if (failed.length > 0) {
      const views = new Map([...(await myPayouts(freelancer)), ...(await myPayouts(reviewer))]);
      for (const p of failed) expect(views.get(p.id)!.reason).toMatch(/balance_insufficient/);
      if (s.permanent.leave) {
        stats.leftFailed += failed.length;
      } else {
        stripe.clearFaults();
        const admin = await adminToken();
        for (const p of failed) {
          const { retryPayout } = await api.gql.ok<{ retryPayout: { status: string } }>(
            RETRY,
            { input: { payoutId: p.id } },
            admin,
          );
          expect(retryPayout.status).toBe('PENDING');
          stats.adminRetries++;
        }
        await settle(allIds);
      }
    }

    // -- the invariants --------------------------------------------------------
    const rows = await payoutRows(allIds);
    const leftFailed = new Set(
      s.permanent.leave ? rows.filter((p) => p.status === 'FAILED_PERMANENT').map((p) => p.id) : [],
    );
    const lost = rows.filter((p) => p.status !== 'PAID' && !leftFailed.has(p.id));
    const toAccount = stripe.transfersTo(accountId!);
    const toReviewer = stripe.transfersTo(reviewerAccountId);
    const duplicates =
      toAccount.length -
      new Set(toAccount.map((t) => t.metadata.payoutId)).size +
      toReviewer.length -
      new Set(toReviewer.map((t) => t.metadata.payoutId)).size;
    stats.lost += lost.length;
    stats.duplicates += duplicates;
    expect(lost).toEqual([]);
    expect(duplicates).toBe(0);

    /** Exactly one transfer per paid payout (none for one left failed), the one the payout records. */
    const expectOneTransfer = (
      payoutId: string,
      received: typeof toAccount,
      expected: { amount: number; taskRef: string; payeeRole: string },
    ) => {
      const row = rows.find((p) => p.id === payoutId)!;
      const transfers = received.filter((t) => t.metadata.payoutId === payoutId);
      if (leftFailed.has(payoutId)) {
        expect(transfers).toEqual([]);
        return;
      }
      expect(transfers).toHaveLength(1);
      expect(transfers[0]).toMatchObject({
        id: row.transfer_id,
        amount: expected.amount,
        currency: 'usd',
        transfer_group: projectId,
        metadata: { payoutId, taskRef: expected.taskRef, payeeRole: expected.payeeRole },
      });
    };
    for (const task of tasks) {
      expectOneTransfer(payoutByTask.get(task.taskRef)!, toAccount, {
        amount: task.price.amountCents,
        taskRef: task.taskRef,
        payeeRole: 'FREELANCER',
      });
      // The reviewer's fee: its own payout, its own transfer to the reviewer's account.
      const feePayoutId = feeByTask.get(task.taskRef);
      if (feePayoutId) {
        expectOneTransfer(feePayoutId, toReviewer, {
          amount: feeOf(task).amountCents,
          taskRef: task.taskRef,
          payeeRole: 'REVIEWER',
        });
      }
    }
    const leftFailedFees = [...feeByTask.values()].filter((id) => leftFailed.has(id)).length;
    expect(toAccount).toHaveLength(tasks.length - (leftFailed.size - leftFailedFees));
    expect(toReviewer).toHaveLength(feeByTask.size - leftFailedFees);
    expect(stripe.transfers({ transferGroup: projectId })).toHaveLength(
      toAccount.length + toReviewer.length,
    );

    const totals = await ledger().totals();
    expect(totals.filter((t) => t.sumCents !== 0)).toEqual([]);
    expect(await escrowCents(projectId)).toBe(escrowAfterApproval);
    const payable = await ledger().balances([
      ledgerAccountKey(freelancerPayableAccount(freelancer.id)),
    ]);
    const owed = tasks
      .filter((t) => leftFailed.has(payoutByTask.get(t.taskRef)!))
      .reduce((sum, t) => sum + t.price.amountCents, 0);
    expect(payable.reduce((sum, b) => sum + b.balanceCents, 0)).toBe(owed);
    const reviewerOwed = tasks
      .filter((t) => leftFailed.has(feeByTask.get(t.taskRef) ?? ''))
      .reduce((sum, t) => sum + feeOf(t).amountCents, 0);
    const reviewerFees = await ledger().balances([
      ledgerAccountKey(reviewerFeesAccount(reviewer.id)),
    ]);
    expect(reviewerFees.reduce((sum, b) => sum + b.balanceCents, 0)).toBe(reviewerOwed);

    // The freelancer sees each payout with its status (and the transfer once paid).
    // The reviewer sees its fee payouts; neither sees the other's.
    const views = await myPayouts(freelancer);
    const reviewerViews = await myPayouts(reviewer);
    for (const p of rows) {
      const [own, other] =
        p.payee_role === 'REVIEWER' ? [reviewerViews, views] : [views, reviewerViews];
      expect(own.get(p.id)).toMatchObject({ status: p.status, transferId: p.transfer_id });
      expect(other.has(p.id)).toBe(false);
    }

    // Nothing the API sent to Stripe was refused as malformed or as an idempotency mismatch.
    const requests = stripe.requests.slice(firstRequest);
    expect(requests.filter((r) => r.outcome === 'error')).toEqual([]);
    for (const r of requests) {
      const endpoint = endpointName(r.method, r.path);
      // Refusals (400) are counted above by what they did to the payout.
      if (r.outcome === 'injected-failure' && r.status !== 400) {
        count(stats, `${endpoint}:http-${r.status}`);
      }
      if (r.outcome === 'applied-then-dropped') count(stats, `${endpoint}:applied-answer-dropped`);
      if (r.outcome === 'replayed' && r.status === null) {
        count(stats, `${endpoint}:replay-answer-dropped`);
      }
      if (r.outcome === 'dropped') count(stats, `${endpoint}:dropped`);
    }
    stats.runs++;
    stats.approvedTasks += tasks.length;
    stats.payouts += rows.length;
    stats.transfers += toAccount.length + toReviewer.length;
  }

  // -- the properties -----------------------------------------------------------

  it(
    `pays every approved task exactly once over ${RUNS} runs with faults at every step`,
    async () => {
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (s) => {
          await run(s);
        }),
        { numRuns: RUNS },
      );
      const faults = [...stats.faults.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      process.stdout.write(
        `\npayments-faults (${graphile ? 'PostgreSQL server, graphile-worker' : 'embedded PostgreSQL, embedded runner'}): ` +
          `runs=${stats.runs} approvedTasks=${stats.approvedTasks} payouts=${stats.payouts} ` +
          `transfers=${stats.transfers} duplicates=${stats.duplicates} lost=${stats.lost} ` +
          `leftFailedOnPurpose=${stats.leftFailed} adminRetries=${stats.adminRetries} ` +
          `conflicts=${stats.conflicts} crashRestarts=${stats.crashes} ` +
          `crashesAfterCommit=${stats.crashesTooLate} webhookDeliveries=${stats.webhookDeliveries} ` +
          `webhookRefused=${stats.webhookRefused} faults: ${faults} ` +
          `elapsed=${Math.round((performance.now() - started) / 1000)}s\n`,
      );
      expect(stats.runs).toBe(RUNS);
      expect(stats.duplicates).toBe(0);
      expect(stats.lost).toBe(0);
    },
    30 * 60_000,
  );

  it('never lets two approvals that race overdraw the escrow', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const owner = await api.factory.user([Role.OWNER]);
      const freelancer = await api.factory.user([Role.FREELANCER]);
      const projectId = await plannedProject(owner);
      const funding = await fund(owner, projectId, 'none');
      for (const event of fundingEvents(funding, projectId)) await deliver(event);
      // Each task takes 60 % of escrow: one fits, two do not.
      const price = money(Math.floor(funding.total.amountCents * 0.6), 'USD');
      const payouts = api.app.get(PayoutService);
      const results = await Promise.allSettled(
        [0, 1].map((i) =>
          db().transaction((m) =>
            payouts.payForApprovedTask(
              {
                projectId,
                taskRef: `race-${projectId}-${i}`,
                freelancerId: freelancer.id,
                reviewerId: null,
                price,
              },
              m,
            ),
          ),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([
        expect.objectContaining({ reason: expect.objectContaining({ code: ErrorCode.CONFLICT }) }),
      ]);
      expect(await escrowCents(projectId)).toBeGreaterThanOrEqual(0);
    }
  });
});

async function sequentially<T>(calls: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = [];
  for (const call of calls) {
    try {
      results.push({ status: 'fulfilled', value: await call() });
    } catch (reason) {
      results.push({ status: 'rejected', reason });
    }
  }
  return results;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
