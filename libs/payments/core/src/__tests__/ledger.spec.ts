import { DomainError, ErrorCode, money } from '@splitwork/kernel';
import {
  assertBalanced,
  assertNoOverdraft,
  balanceOf,
  balances,
  escrowRefunded,
  fundingReceived,
  LedgerTransaction,
  payoutReversed,
  payoutSent,
  taskApproved,
} from '../ledger';
import {
  freelancerPayableAccount,
  ledgerAccountKey,
  ownerFundingAccount,
  ownerRefundsAccount,
  parseLedgerAccountKey,
  platformFeesAccount,
  projectEscrowAccount,
  reviewerFeesAccount,
  stripeClearingAccount,
} from '../ledger-account';
import { LedgerError } from '../payments.errors';

const usd = (cents: number) => money(cents, 'USD');
const fees = { platformFeeBps: 1000, reviewerFeeBps: 500 };

function tx(entries: LedgerTransaction['entries'], reference = 'ref-1'): LedgerTransaction {
  return { kind: 'FUNDING', reference, entries, metadata: {} };
}

function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof LedgerError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('assertBalanced', () => {
  const escrow = projectEscrowAccount('p1');
  const funding = ownerFundingAccount('o1');

  it('accepts entries that sum to zero in each currency', () => {
    const ok = tx([
      { account: funding, amountCents: -100, currency: 'USD' },
      { account: escrow, amountCents: 100, currency: 'USD' },
      { account: funding, amountCents: -7, currency: 'JPY' },
      { account: escrow, amountCents: 7, currency: 'JPY' },
    ]);
    expect(assertBalanced(ok)).toBe(ok);
  });

  it('refuses entries that sum to zero overall but not per currency', () => {
    const mixed = tx([
      { account: funding, amountCents: -100, currency: 'USD' },
      { account: escrow, amountCents: 100, currency: 'EUR' },
    ]);
    expect(reasonOf(() => assertBalanced(mixed))).toBe('UNBALANCED');
  });

  it('refuses an unbalanced transaction with a typed internal error', () => {
    const unbalanced = tx([
      { account: funding, amountCents: -100, currency: 'USD' },
      { account: escrow, amountCents: 99, currency: 'USD' },
    ]);
    expect(() => assertBalanced(unbalanced)).toThrow(LedgerError);
    try {
      assertBalanced(unbalanced);
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        code: ErrorCode.INTERNAL,
        details: { reason: 'UNBALANCED', currency: 'USD', imbalanceCents: -1 },
      });
    }
  });

  it('refuses zero, fractional and unsafe amounts', () => {
    const withAmount = (amountCents: number) =>
      tx([
        { account: funding, amountCents: -amountCents, currency: 'USD' },
        { account: escrow, amountCents, currency: 'USD' },
      ]);
    expect(reasonOf(() => assertBalanced(withAmount(0)))).toBe('ZERO_AMOUNT');
    expect(reasonOf(() => assertBalanced(withAmount(1.5)))).toBe('NOT_AN_INTEGER');
    expect(reasonOf(() => assertBalanced(withAmount(Number.NaN)))).toBe('NOT_AN_INTEGER');
    expect(reasonOf(() => assertBalanced(withAmount(2 ** 53)))).toBe('NOT_AN_INTEGER');
  });

  it('refuses fewer than two entries, an empty reference and an unknown currency', () => {
    expect(reasonOf(() => assertBalanced(tx([])))).toBe('TOO_FEW_ENTRIES');
    expect(
      reasonOf(() => assertBalanced(tx([{ account: escrow, amountCents: 5, currency: 'USD' }]))),
    ).toBe('TOO_FEW_ENTRIES');
    const balanced = [
      { account: funding, amountCents: -1, currency: 'USD' as const },
      { account: escrow, amountCents: 1, currency: 'USD' as const },
    ];
    expect(reasonOf(() => assertBalanced(tx(balanced, '  ')))).toBe('EMPTY_REFERENCE');
    const unknownCurrency = balanced.map((e) => ({ ...e, currency: 'XXX' as 'USD' }));
    expect(reasonOf(() => assertBalanced(tx(unknownCurrency)))).toBe('UNKNOWN_CURRENCY');
  });
});

describe('ledger accounts', () => {
  it('round-trips an account through its key', () => {
    const account = reviewerFeesAccount('3f1c');
    expect(ledgerAccountKey(account)).toBe('REVIEWER_FEES:3f1c');
    expect(parseLedgerAccountKey('REVIEWER_FEES:3f1c')).toEqual(account);
    expect(() => parseLedgerAccountKey('NOPE:1')).toThrow(DomainError);
    expect(() => projectEscrowAccount('')).toThrow(DomainError);
    expect(() => projectEscrowAccount('a:b')).toThrow(DomainError);
  });

  it('keeps the platform-wide accounts under the platform owner', () => {
    expect(platformFeesAccount()).toEqual({ kind: 'PLATFORM_FEES', ownerId: 'platform' });
    expect(stripeClearingAccount()).toEqual({ kind: 'STRIPE_CLEARING', ownerId: 'platform' });
  });
});

describe('fundingReceived', () => {
  it('moves the whole charge, work and fee reserve, from the owner into escrow', () => {
    const funded = fundingReceived({
      projectId: 'p1',
      ownerId: 'o1',
      amount: usd(10_000),
      platformFee: usd(1_500),
      paymentIntentId: 'pi_1',
    });
    expect(funded.kind).toBe('FUNDING');
    expect(funded.reference).toBe('funding:pi_1');
    expect(funded.entries).toEqual([
      { account: ownerFundingAccount('o1'), amountCents: -11_500, currency: 'USD' },
      { account: projectEscrowAccount('p1'), amountCents: 11_500, currency: 'USD' },
    ]);
    expect(funded.metadata).toMatchObject({ workCents: '10000', feeCents: '1500' });
  });

  it('refuses a zero or negative amount, a negative fee and mixed currencies', () => {
    const input = {
      projectId: 'p1',
      ownerId: 'o1',
      amount: usd(100),
      platformFee: usd(10),
      paymentIntentId: 'pi_1',
    };
    expect(() => fundingReceived({ ...input, amount: usd(0) })).toThrow(/positive/);
    expect(() => fundingReceived({ ...input, amount: usd(-5) })).toThrow(/positive/);
    expect(() => fundingReceived({ ...input, platformFee: usd(-1) })).toThrow(/negative/);
    expect(() => fundingReceived({ ...input, platformFee: money(10, 'EUR') })).toThrow(
      /Currency mismatch/,
    );
    expect(() => fundingReceived({ ...input, paymentIntentId: '' })).toThrow(/required/);
  });
});

describe('taskApproved', () => {
  it('pays the full price to the freelancer and the fees on top from escrow', () => {
    const approved = taskApproved({
      projectId: 'p1',
      taskId: 't1',
      freelancerId: 'f1',
      reviewerId: 'r1',
      price: usd(10_000),
      fees,
    });
    expect(approved.reference).toBe('task-approved:t1');
    expect(approved.entries).toEqual([
      { account: projectEscrowAccount('p1'), amountCents: -11_500, currency: 'USD' },
      { account: freelancerPayableAccount('f1'), amountCents: 10_000, currency: 'USD' },
      { account: platformFeesAccount(), amountCents: 1_000, currency: 'USD' },
      { account: reviewerFeesAccount('r1'), amountCents: 500, currency: 'USD' },
    ]);
  });

  it('takes no reviewer fee without a reviewer and leaves out zero fees', () => {
    const approved = taskApproved({
      projectId: 'p1',
      taskId: 't1',
      freelancerId: 'f1',
      reviewerId: null,
      price: usd(9),
      fees,
    });
    // 10 % of 9 cents rounds down to 0: only the price moves.
    expect(approved.entries).toEqual([
      { account: projectEscrowAccount('p1'), amountCents: -9, currency: 'USD' },
      { account: freelancerPayableAccount('f1'), amountCents: 9, currency: 'USD' },
    ]);
  });

  it('rounds task fees down', () => {
    const approved = taskApproved({
      projectId: 'p1',
      taskId: 't1',
      freelancerId: 'f1',
      reviewerId: 'r1',
      price: usd(1_999),
      fees,
    });
    const byKind = Object.fromEntries(approved.entries.map((e) => [e.account.kind, e.amountCents]));
    expect(byKind).toEqual({
      PROJECT_ESCROW: -(1_999 + 199 + 99),
      FREELANCER_PAYABLE: 1_999,
      PLATFORM_FEES: 199,
      REVIEWER_FEES: 99,
    });
  });

  it('refuses a non-positive price and an invalid fee policy', () => {
    const input = {
      projectId: 'p1',
      taskId: 't1',
      freelancerId: 'f1',
      reviewerId: null,
      price: usd(100),
      fees,
    };
    expect(() => taskApproved({ ...input, price: usd(0) })).toThrow(/positive/);
    expect(() =>
      taskApproved({ ...input, fees: { platformFeeBps: -1, reviewerFeeBps: 0 } }),
    ).toThrow(/basis points/);
    expect(() =>
      taskApproved({ ...input, fees: { platformFeeBps: 6000, reviewerFeeBps: 5000 } }),
    ).toThrow(/100 %/);
  });
});

describe('payouts and refunds', () => {
  it('sends a payout from the freelancer payable to Stripe clearing', () => {
    const sent = payoutSent({
      payoutId: 'po1',
      freelancerId: 'f1',
      amount: usd(500),
      transferId: 'tr_1',
    });
    expect(sent.reference).toBe('payout-sent:po1');
    expect(sent.entries).toEqual([
      { account: freelancerPayableAccount('f1'), amountCents: -500, currency: 'USD' },
      { account: stripeClearingAccount(), amountCents: 500, currency: 'USD' },
    ]);
    expect(sent.metadata.transferId).toBe('tr_1');
  });

  it("sends a reviewer's fee payout from the reviewer's fee account, emptying it", () => {
    const approved = taskApproved({
      projectId: 'p1',
      taskId: 't1',
      freelancerId: 'f1',
      reviewerId: 'r1',
      price: usd(10_000),
      fees,
    });
    const sent = payoutSent({
      payoutId: 'po2',
      freelancerId: 'r1',
      payeeRole: 'REVIEWER',
      amount: usd(500),
      transferId: 'tr_2',
    });
    expect(sent.entries).toEqual([
      { account: reviewerFeesAccount('r1'), amountCents: -500, currency: 'USD' },
      { account: stripeClearingAccount(), amountCents: 500, currency: 'USD' },
    ]);
    expect(sent.metadata).toEqual({ payoutId: 'po2', reviewerId: 'r1', transferId: 'tr_2' });
    expect(
      balanceOf(balances([...approved.entries, ...sent.entries]), reviewerFeesAccount('r1'), 'USD'),
    ).toBe(0);
  });

  it('returns a reversed payout to the project escrow', () => {
    const reversed = payoutReversed({
      payoutId: 'po1',
      projectId: 'p1',
      amount: usd(500),
      reversalId: 'trr_1',
    });
    expect(reversed.kind).toBe('PAYOUT_REVERSED');
    expect(reversed.reference).toBe('payout-reversed:trr_1');
    expect(reversed.entries).toEqual([
      { account: stripeClearingAccount(), amountCents: -500, currency: 'USD' },
      { account: projectEscrowAccount('p1'), amountCents: 500, currency: 'USD' },
    ]);
  });

  it('refunds escrow to the owner', () => {
    const refunded = escrowRefunded({
      projectId: 'p1',
      ownerId: 'o1',
      amount: usd(700),
      refundId: 're_1',
    });
    expect(refunded.kind).toBe('REFUND');
    expect(refunded.entries).toEqual([
      { account: projectEscrowAccount('p1'), amountCents: -700, currency: 'USD' },
      { account: ownerRefundsAccount('o1'), amountCents: 700, currency: 'USD' },
    ]);
  });
});

describe('balances', () => {
  it('folds a project life into balances per account and currency', () => {
    const txs = [
      fundingReceived({
        projectId: 'p1',
        ownerId: 'o1',
        amount: usd(20_000),
        platformFee: usd(3_000),
        paymentIntentId: 'pi_1',
      }),
      taskApproved({
        projectId: 'p1',
        taskId: 't1',
        freelancerId: 'f1',
        reviewerId: 'r1',
        price: usd(10_000),
        fees,
      }),
      payoutSent({ payoutId: 'po1', freelancerId: 'f1', amount: usd(10_000), transferId: 'tr_1' }),
      escrowRefunded({ projectId: 'p1', ownerId: 'o1', amount: usd(11_500), refundId: 're_1' }),
    ];
    const result = balances(txs.flatMap((t) => t.entries));

    expect(result.map((b) => [ledgerAccountKey(b.account), b.currency, b.balanceCents])).toEqual([
      ['FREELANCER_PAYABLE:f1', 'USD', 0],
      ['OWNER_FUNDING:o1', 'USD', -23_000],
      ['OWNER_REFUNDS:o1', 'USD', 11_500],
      ['PLATFORM_FEES:platform', 'USD', 1_000],
      ['PROJECT_ESCROW:p1', 'USD', 0],
      ['REVIEWER_FEES:r1', 'USD', 500],
      ['STRIPE_CLEARING:platform', 'USD', 10_000],
    ]);
    expect(balanceOf(result, platformFeesAccount(), 'USD')).toBe(1_000);
    expect(balanceOf(result, platformFeesAccount(), 'EUR')).toBe(0);
  });

  it('keeps currencies apart', () => {
    const result = balances([
      { account: projectEscrowAccount('p1'), amountCents: 5, currency: 'USD' },
      { account: projectEscrowAccount('p1'), amountCents: 7, currency: 'JPY' },
      { account: projectEscrowAccount('p1'), amountCents: 1, currency: 'USD' },
    ]);
    expect(result.map((b) => [b.currency, b.balanceCents])).toEqual([
      ['JPY', 7],
      ['USD', 6],
    ]);
  });
});

describe('assertNoOverdraft', () => {
  const funded = fundingReceived({
    projectId: 'p1',
    ownerId: 'o1',
    amount: usd(1_000),
    platformFee: usd(150),
    paymentIntentId: 'pi_1',
  });

  it('refuses approving more work than escrow holds with CONFLICT', () => {
    const before = balances(funded.entries);
    const tooMuch = taskApproved({
      projectId: 'p1',
      taskId: 't1',
      freelancerId: 'f1',
      reviewerId: 'r1',
      price: usd(1_001),
      fees,
    });
    expect(() => assertNoOverdraft(before, tooMuch)).toThrow(DomainError);
    try {
      assertNoOverdraft(before, tooMuch);
    } catch (error) {
      expect(error).toMatchObject({
        code: ErrorCode.CONFLICT,
        message: "Not enough funds in the project's escrow",
        details: { account: 'PROJECT_ESCROW:p1', balanceCents: 1_150, neededCents: 1_151 },
      });
    }
  });

  it('accepts spending escrow down to exactly zero, and paying out what was earned', () => {
    const approve = taskApproved({
      projectId: 'p1',
      taskId: 't1',
      freelancerId: 'f1',
      reviewerId: 'r1',
      price: usd(1_000),
      fees,
    });
    expect(assertNoOverdraft(balances(funded.entries), approve)).toBe(approve);
    const after = balances([...funded.entries, ...approve.entries]);
    expect(balanceOf(after, projectEscrowAccount('p1'), 'USD')).toBe(0);
    const payout = payoutSent({
      payoutId: 'po1',
      freelancerId: 'f1',
      amount: usd(1_000),
      transferId: 'tr_1',
    });
    expect(assertNoOverdraft(after, payout)).toBe(payout);
    const twice = payoutSent({
      payoutId: 'po2',
      freelancerId: 'f1',
      amount: usd(1_000),
      transferId: 'tr_2',
    });
    expect(() =>
      assertNoOverdraft(
        [...balances([...funded.entries, ...approve.entries, ...payout.entries])],
        twice,
      ),
    ).toThrow(/payable/);
  });

  it('never limits the source and sink accounts', () => {
    // Funding takes OWNER_FUNDING below zero: that is what a source does.
    expect(assertNoOverdraft([], funded)).toBe(funded);
  });
});
