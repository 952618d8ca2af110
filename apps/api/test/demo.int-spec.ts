import { JobRunner } from '@splitwork/jobs';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes } from '@splitwork/test-support';
// The demo is a command (tools/), not a library; this test runs it as `npm run demo` does.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { formatMoney, runDemo, settledPayout } from '../../../tools/demo/run-demo';
import { seedIfAsked } from '../src/bootstrap';
import { ApiHarness, startApi } from './api-harness';

const LEDGER = `query($ids: [String!]!) { ledgerBalances(accountOwnerIds: $ids) {
  accounts { kind ownerId balance { amountCents currency } } totals { amountCents currency } } }`;

describe('npm run demo: the whole loop through the API as the demo users', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    // As in zero-setup mode: demo accounts seeded, jobs run by this process.
    api = await startApi({
      SEED_DEMO_DATA: 'true',
      JOBS_IN_PROCESS: 'true',
      PLATFORM_FEE_BPS: '1000',
      REVIEWER_FEE_BPS: '500',
    });
    await seedIfAsked(api.app);
  });
  afterAll(() => api?.close());

  it('walks brief to payout: the reviewer reads the deliverable, the freelancer the feedback; both are paid once and the ledger is balanced', async () => {
    const lines: string[] = [];
    const outcome = await runDemo({ url: api.url, print: (line) => lines.push(line) });

    expect(lines).toEqual(outcome.steps);
    const expected = [
      /^\s*\d+\. owner\s+(?:.* )?logs in/,
      /^\s*\d+\. owner\s+(?:.* )?creates project "Neighbourhood market" .* budget \$100,000\.00/,
      /^\s*\d+\. owner\s+(?:.* )?plans it with the OFFLINE planner: run SUCCEEDED/,
      /^\s*\d+\. owner\s+(?:.* )?reads the plan: \d+ tasks in \d+ features, .* total \$[\d,]+\.\d\d; forecast P50 \$/,
      /^\s*\d+\. owner\s+(?:.* )?funds it: \$[\d,.]+ work \+ \$[\d,.]+ fees = \$[\d,.]+; project FUNDED, escrow \$/,
      /^\s*\d+\. board\s+(?:.* )?\d+ of \d+ tasks OPEN/,
      /^\s*\d+\. owner\s+(?:.* )?assigns Rita Reviewer as the project's expert reviewer/,
      /^\s*\d+\. freelancer\s+(?:.* )?logs in and fills in a profile/,
      /^\s*\d+\. freelancer\s+(?:.* )?onboards for payouts \(simulated provider\): payouts enabled/,
      /^\s*\d+\. reviewer\s+(?:.* )?onboards for payouts \(simulated provider\): payouts enabled/,
      /^\s*\d+\. freelancer\s+(?:.* )?claims .*: CLAIMED/,
      /^\s*\d+\. freelancer\s+(?:.* )?submits revision 1: https:\/\//,
      /^\s*\d+\. reviewer\s+(?:.* )?finds \S+ in the review queue and reads revision 1: https:\/\/github\.com\/demo\/neighbourhood-market\/pull\/1 \("First version"\)$/,
      /^\s*\d+\. reviewer\s+(?:.* )?requests changes \(AC\d+: Not met yet.*\): task CLAIMED, revision 2/,
      /^\s*\d+\. freelancer\s+(?:.* )?reads in the inbox: Changes requested on ".*"; the review says "Good start; please handle the error state\." \(AC\d+: Not met yet: the error state is missing\)$/,
      /^\s*\d+\. freelancer\s+(?:.* )?resubmits revision 2/,
      /^\s*\d+\. reviewer\s+(?:.* )?approves with a full scorecard .*: task APPROVED/,
      /^\s*\d+\. freelancer\s+(?:.* )?is paid \$[\d,.]+ for .*: payout PAID \(transferred, so the payable is back to \$0\.00\)$/,
      /^\s*\d+\. reviewer\s+(?:.* )?is paid the review fee \$[\d,.]+ for .*: payout PAID$/,
      /^\s*\d+\. admin\s+(?:.* )?reads the ledger balances:[\s\S]*ledger total \(all accounts\): \$0\.00$/,
    ];
    expect(outcome.steps).toHaveLength(expected.length);
    outcome.steps.forEach((step, i) => expect(step).toMatch(expected[i]));

    // Nothing left to run pays the task a second time.
    await api.app.get(JobRunner).drain();
    const admin = await api.newAdmin();
    const { project } = await api.gql.ok<{
      project: {
        tasks: { id: string; status: string }[];
        payouts: { edges: { node: { status: string; amount: { amountCents: number } } }[] };
      };
    }>(
      `query($id: ID!) { project(id: $id) { tasks { id status }
         payouts { edges { node { status amount { amountCents } } } } } }`,
      { id: outcome.projectId },
      admin.token,
    );
    // The freelancer's payout and the approving reviewer's fee, both paid (both onboarded).
    expect(project.payouts.edges.map((e) => e.node)).toEqual(
      expect.arrayContaining([
        { status: 'PAID', amount: { amountCents: outcome.taskPriceCents } },
        {
          status: 'PAID',
          amount: { amountCents: Math.floor((outcome.taskPriceCents * 500) / 10_000) },
        },
      ]),
    );
    expect(project.payouts.edges).toHaveLength(2);
    expect(outcome.payouts.map((p) => p.status)).toEqual(['PAID']);
    expect(outcome.reviewerPayouts.map((p) => [p.status, p.taskRef])).toEqual([
      ['PAID', outcome.taskId],
    ]);
    expect(project.tasks.find((t) => t.id === outcome.taskId)?.status).toBe('PAID');

    // The ledger total the demo prints is the one the API returns, and it is zero.
    const { ledgerBalances } = await api.gql.ok<{
      ledgerBalances: { totals: { amountCents: number; currency: string }[] };
    }>(LEDGER, { ids: [...new Set(outcome.balances.map((b) => b.ownerId))] }, admin.token);
    expect(ledgerBalances.totals).toEqual([{ amountCents: 0, currency: 'USD' }]);
    expect(outcome.ledgerTotals).toEqual(ledgerBalances.totals);
    expect(outcome.steps.at(-1)).toContain(
      `ledger total (all accounts): ${ledgerBalances.totals.map(formatMoney).join(', ')}`,
    );
    // The money moved as the fee policy says.
    const balance = (kind: string) =>
      outcome.balances
        .filter((b) => b.kind === kind && (kind !== 'PLATFORM_FEES' || b.ownerId === 'platform'))
        .reduce((sum, b) => sum + b.amountCents, 0);
    const price = outcome.taskPriceCents;
    const reviewerFee = Math.floor((price * 500) / 10_000);
    const platformFee = Math.floor((price * 1000) / 10_000);
    expect(balance('FREELANCER_PAYABLE')).toBe(0);
    // The reviewer's fee was transferred: their fee account is back to zero.
    expect(balance('REVIEWER_FEES')).toBe(0);
    expect(outcome.reviewerPayouts[0].amountCents).toBe(reviewerFee);
    const funded = -balance('OWNER_FUNDING');
    expect(funded).toBeGreaterThan(price);
    expect(balance('PROJECT_ESCROW')).toBe(funded - price - platformFee - reviewerFee);
  });

  it('shows ledger balances to admins only, and refuses an empty account list', async () => {
    const owner = await api.newUser([Role.OWNER]);
    expect(errorCodes(await api.gql.request(LEDGER, { ids: ['platform'] }, owner.token))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
    const admin = await api.newAdmin();
    expect(errorCodes(await api.gql.request(LEDGER, { ids: [] }, admin.token))).toEqual([
      ErrorCode.BAD_USER_INPUT,
    ]);
    const ok = await api.gql.ok<{ ledgerBalances: { totals: { amountCents: number }[] } }>(
      LEDGER,
      { ids: ['platform'] },
      admin.token,
    );
    for (const t of ok.ledgerBalances.totals) expect(t.amountCents).toBe(0);
  });
});

describe('runDemo failures', () => {
  it('rejects, naming the address, when no API answers', async () => {
    const lines: string[] = [];
    await expect(
      runDemo({ url: 'http://127.0.0.1:1/graphql', print: (l) => lines.push(l) }),
    ).rejects.toThrow(/Cannot reach the API at http:\/\/127\.0\.0\.1:1\/graphql/);
    expect(lines).toEqual([]);
  });
});

describe('the demo checks what the API returns after the payout', () => {
  const paid = { status: 'PAID', amount: { amountCents: 12_000, currency: 'USD' } };
  const payable = { kind: 'FREELANCER_PAYABLE', ownerId: 'f1', amountCents: 0, currency: 'USD' };
  const zero = [{ amountCents: 0, currency: 'USD' }];

  it('reports the payable the API returns when every payout is PAID and the ledger balances', () => {
    expect(settledPayout([paid], [payable], zero, 'f1')).toEqual({
      paid,
      payable: { amountCents: 0, currency: 'USD' },
    });
  });

  it('fails when a payout of the project is not PAID', () => {
    expect(() =>
      settledPayout([paid, { ...paid, status: 'PENDING' }], [payable], zero, 'f1'),
    ).toThrow('Expected every payout of the project to be PAID, got PAID, PENDING');
    expect(() => settledPayout([], [payable], zero, 'f1')).toThrow(/got none/);
  });

  it('fails when the API returns no ledger balances or no totals', () => {
    expect(() => settledPayout([paid], [], zero, 'f1')).toThrow(/no ledger balances/);
    expect(() => settledPayout([paid], [payable], [], 'f1')).toThrow(/no ledger balances/);
  });

  it('fails when a ledger total is not zero', () => {
    expect(() =>
      settledPayout([paid], [payable], [{ amountCents: 500, currency: 'USD' }], 'f1'),
    ).toThrow('The ledger does not balance: total $5.00');
  });

  it("fails when the freelancer's payable is missing or not back to zero", () => {
    expect(() => settledPayout([paid], [{ ...payable, ownerId: 'other' }], zero, 'f1')).toThrow(
      /no payable account for the freelancer/,
    );
    expect(() => settledPayout([paid], [{ ...payable, amountCents: 12_000 }], zero, 'f1')).toThrow(
      "The payout is PAID but the freelancer's payable is $120.00, not zero",
    );
  });
});
