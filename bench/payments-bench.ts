import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppConfig } from '@splitwork/config';
import { JobRunner } from '@splitwork/jobs';
import { money } from '@splitwork/kernel';
import { FundingService, LedgerRepository, PayoutService } from '@splitwork/payments';
import { taskApproved } from '@splitwork/payments-core';
import { FakeStripeServer, postEvent, signedEvent } from '@splitwork/test-support';
import { SMALL_BRIEF } from './briefs';
import { freshDatabase, printRow, round, summarize } from './bench-util';

/** How long the fake Stripe takes to answer a transfer. */
const STRIPE_LATENCY_MS = 20;
const PAYOUTS = 300;
const LEDGER_TRANSACTIONS = 2000;
const LEDGER_WRITERS = 4;
const PAYOUT_CENTS = 100;
const WEBHOOK_SECRET = 'whsec_bench_payments';

/**
 * Payments figures on the PostgreSQL server named by DATABASE_URL (a fresh
 * database is created on it for the run and dropped after) or on the
 * embedded database without it:
 * - payouts per second through the job runner, the fake Stripe answering
 *   each transfer after a fixed latency: the in-process runner (as deployed,
 *   JOBS_CONCURRENCY workers) from the commit of the approvals to the last
 *   payout PAID, and one runner draining the queue alone;
 * - ledger transactions per second: balanced task-approval transactions
 *   posted one per database transaction, by one writer and by several.
 * Run with `npm run bench:payments`.
 */
async function main(): Promise<void> {
  const server = process.env.DATABASE_URL;
  const database = server ? await freshDatabase(server) : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'splitwork-bench-'));
  const stripe = await FakeStripeServer.start();
  Object.assign(process.env, {
    ...(database ? { DATABASE_URL: database.url } : {}),
    SPLITWORK_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'false',
    JOBS_IN_PROCESS: 'true',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    NODE_ENV: 'test',
    STRIPE_SECRET_KEY: 'sk_test_bench_payments',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_URL: stripe.baseUrl,
  });
  // Loaded after the environment is set: the config is read at module creation.
  const { createApiApp } = await import('../apps/api/src/bootstrap');
  const app = await createApiApp();
  try {
    await app.listen(0, '127.0.0.1');
    const config = app.get(AppConfig);
    const where = database
      ? `PostgreSQL server (fresh database ${database.name}), ${config.jobRunner} runner`
      : `embedded PostgreSQL, ${config.jobRunner} runner`;
    const setup = await fundedProjectAndFreelancer(app, stripe);

    process.stdout.write(
      `\nPayouts through the job runner (${where}; fake Stripe answers transfers in ${STRIPE_LATENCY_MS} ms; ${process.version})\n`,
    );
    await payoutsInProcess(
      app,
      stripe,
      setup,
      `in-process runner, ${config.JOBS_CONCURRENCY} workers`,
    );
    await app.get(JobRunner).stop();
    await payoutsDrained(app, stripe, setup);

    process.stdout.write(`\nLedger transactions (${where})\n`);
    await ledgerWrites(app, 1);
    await ledgerWrites(app, LEDGER_WRITERS);
  } finally {
    await app.close();
    await stripe.close();
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}

interface Setup {
  projectId: string;
  freelancerId: string;
  accountId: string;
  /** Payouts of PAYOUT_CENTS the escrow can still pay. */
  capacity: number;
}

/** A funded project and an onboarded freelancer, made through GraphQL and signed webhooks. */
async function fundedProjectAndFreelancer(
  app: NestExpressApplication,
  stripe: FakeStripeServer,
): Promise<Setup> {
  const { port } = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const gql = async <T>(query: string, variables: object, token?: string): Promise<T> => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const signUp = async (role: string) =>
    (
      await gql<{ signUp: { accessToken: string; user: { id: string } } }>(
        `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { id } } }`,
        {
          i: {
            email: `bench-${role.toLowerCase()}-${randomUUID()}@example.com`,
            password: 'bench passphrase 42',
            displayName: 'Bench',
            roles: [role],
          },
        },
      )
    ).signUp;
  const owner = await signUp('OWNER');
  const freelancer = await signUp('FREELANCER');

  const { createProject } = await gql<{ createProject: { project: { id: string } } }>(
    `mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }`,
    {
      i: {
        title: 'Bench',
        brief: SMALL_BRIEF,
        platforms: ['WEB', 'IOS', 'ANDROID', 'BACKEND'],
        budgetCents: 100_000_000,
        currency: 'USD',
      },
    },
    owner.accessToken,
  );
  const projectId = createProject.project.id;
  const { planProject } = await gql<{ planProject: { run: { id: string } } }>(
    `mutation($i: PlanProjectInput!) { planProject(input: $i) { run { id } } }`,
    { i: { projectId } },
    owner.accessToken,
  );
  for (;;) {
    const { planningRun } = await gql<{ planningRun: { status: string } }>(
      `query($id: ID!) { planningRun(id: $id) { status } }`,
      { id: planProject.run.id },
      owner.accessToken,
    );
    if (planningRun.status === 'SUCCEEDED') break;
    if (planningRun.status === 'FAILED') throw new Error('planning failed');
    await new Promise((r) => setTimeout(r, 20));
  }
  const { fundProject } = await gql<{
    fundProject: { funding: { id: string; paymentIntentId: string } };
  }>(
    `mutation($i: FundProjectInput!) { fundProject(input: $i) { funding { id paymentIntentId } } }`,
    { i: { projectId } },
    owner.accessToken,
  );
  const { id: fundingId, paymentIntentId } = fundProject.funding;
  const intent = stripe.succeedPaymentIntent(paymentIntentId);
  await webhook(
    base,
    signedEvent(
      'payment_intent.succeeded',
      { ...intent, metadata: { projectId, fundingId } },
      { secret: WEBHOOK_SECRET },
    ),
  );

  const { startPayoutOnboarding } = await gql<{
    startPayoutOnboarding: { account: { providerAccountId: string } };
  }>(
    `mutation { startPayoutOnboarding { account { providerAccountId } } }`,
    {},
    freelancer.accessToken,
  );
  const accountId = startPayoutOnboarding.account.providerAccountId;
  const active = stripe.setAccountState(accountId, { transfers: 'active', payoutsEnabled: true });
  await webhook(
    base,
    signedEvent('account.updated', active, { secret: WEBHOOK_SECRET, account: accountId }),
  );

  const [escrow] = await app.get(PayoutService).escrowBalance(projectId);
  const { platformFeeBps } = app.get(FundingService).feePolicy;
  const perPayout = PAYOUT_CENTS + Math.ceil((PAYOUT_CENTS * platformFeeBps) / 10_000);
  const capacity = Math.floor((escrow?.amountCents ?? 0) / perPayout);
  if (capacity < 2 * PAYOUTS) {
    throw new Error(`escrow pays ${capacity} payouts, the benchmark needs ${2 * PAYOUTS}`);
  }
  return { projectId, freelancerId: freelancer.user.id, accountId, capacity };
}

async function webhook(base: string, event: { payload: string; header: string }): Promise<void> {
  const res = await postEvent(`${base}/webhooks/stripe`, event);
  if (res.status !== 200) throw new Error(`webhook refused (${res.status}): ${res.body}`);
}

/** Approves `count` tasks in one transaction (as one approval batch commits): their payout ids. */
async function approve(app: NestExpressApplication, setup: Setup, count: number) {
  const payouts = app.get(PayoutService);
  const batch = randomUUID();
  return app.get(DataSource).transaction(async (manager) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const payout = await payouts.payForApprovedTask(
        {
          projectId: setup.projectId,
          taskRef: `bench-${batch}-${i}`,
          freelancerId: setup.freelancerId,
          reviewerId: null,
          price: money(PAYOUT_CENTS, 'USD'),
        },
        manager,
      );
      ids.push(payout.id);
    }
    return ids;
  });
}

/** When each payout was marked PAID, once all are (polled gently: the workers share the pool). */
async function paidTimes(app: NestExpressApplication, ids: string[]): Promise<number[]> {
  for (;;) {
    const rows = await app
      .get(DataSource)
      .query<{ paid_at: Date | null }[]>(
        `SELECT paid_at FROM payouts WHERE id = ANY($1) AND status = 'PAID'`,
        [ids],
      );
    if (rows.length === ids.length) return rows.map((r) => new Date(r.paid_at!).getTime());
    await new Promise((r) => setTimeout(r, 50));
  }
}

function checkTransfers(stripe: FakeStripeServer, setup: Setup, ids: string[]): void {
  const wanted = new Set(ids);
  const sent = stripe.transfersTo(setup.accountId).filter((t) => wanted.has(t.metadata.payoutId));
  if (
    sent.length !== ids.length ||
    new Set(sent.map((t) => t.metadata.payoutId)).size !== ids.length
  ) {
    throw new Error(`${sent.length} transfers for ${ids.length} payouts`);
  }
}

/**
 * The deployed set-up: the approvals commit and the in-process runner's
 * workers pay them in the background. Row: time from the commit to each
 * payout being PAID; rate: payouts over the time to the last one.
 */
async function payoutsInProcess(
  app: NestExpressApplication,
  stripe: FakeStripeServer,
  setup: Setup,
  label: string,
): Promise<void> {
  stripe.delayNext('POST /v1/transfers', STRIPE_LATENCY_MS, { times: PAYOUTS });
  const ids = await approve(app, setup, PAYOUTS);
  const committedAt = Date.now();
  const paid = await paidTimes(app, ids);
  const elapsedMs = Math.max(...paid) - committedAt;
  checkTransfers(stripe, setup, ids);
  printRow(
    `${label}: commit to PAID`,
    summarize(paid.map((t) => t - committedAt)),
    `${round(PAYOUTS / (elapsedMs / 1000), 1)} payouts/s`,
  );
}

/**
 * One runner alone, JobRunner.drain() over the queued payouts one after the
 * other. Row: time per payout (between consecutive PAIDs).
 */
async function payoutsDrained(
  app: NestExpressApplication,
  stripe: FakeStripeServer,
  setup: Setup,
): Promise<void> {
  const ids = await approve(app, setup, PAYOUTS);
  stripe.delayNext('POST /v1/transfers', STRIPE_LATENCY_MS, { times: PAYOUTS });
  const startedAt = Date.now();
  await app.get(JobRunner).drain();
  const elapsedMs = Date.now() - startedAt;
  const paid = (await paidTimes(app, ids)).sort((a, b) => a - b);
  checkTransfers(stripe, setup, ids);
  printRow(
    'one runner draining: per payout',
    summarize(paid.map((t, i) => t - (i === 0 ? startedAt : paid[i - 1]))),
    `${round(PAYOUTS / (elapsedMs / 1000), 1)} payouts/s (at most ${round(1000 / STRIPE_LATENCY_MS, 1)}/s with ${STRIPE_LATENCY_MS} ms a transfer)`,
  );
}

/** Balanced task-approval transactions, each in its own database transaction. */
async function ledgerWrites(app: NestExpressApplication, writers: number): Promise<void> {
  const dataSource = app.get(DataSource);
  const ledger = app.get(LedgerRepository);
  const fees = app.get(FundingService).feePolicy;
  const projectId = randomUUID();
  const freelancerId = randomUUID();
  let next = 0;
  const samples: number[] = [];
  const writer = async () => {
    for (let i = next++; i < LEDGER_TRANSACTIONS; i = next++) {
      const tx = taskApproved({
        projectId,
        taskId: `bench-ledger-${projectId}-${i}`,
        freelancerId,
        reviewerId: i % 2 === 0 ? freelancerId : null,
        price: money(1_000 + i, 'USD'),
        fees,
      });
      const start = performance.now();
      await dataSource.transaction((manager) => ledger.post(tx, manager));
      samples.push(performance.now() - start);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: writers }, writer));
  const elapsedMs = performance.now() - start;
  printRow(
    `ledger.post, ${writers} writer${writers > 1 ? 's' : ''}: ${LEDGER_TRANSACTIONS} transactions`,
    summarize(samples),
    `${round(LEDGER_TRANSACTIONS / (elapsedMs / 1000), 1)} transactions/s`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
