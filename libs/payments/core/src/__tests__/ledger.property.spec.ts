import fc from 'fast-check';
import { Currency, money } from '@splitwork/kernel';
import { FeePolicy, fundingFee, taskFees } from '../fee-policy';
import { quoteFunding } from '../funding';
import {
  AccountBalance,
  assertBalanced,
  assertNoOverdraft,
  balanceOf,
  balances,
  escrowRefunded,
  fundingReceived,
  NON_NEGATIVE_ACCOUNT_KINDS,
  LedgerEntry,
  LedgerTransaction,
  payoutReversed,
  payoutSent,
  taskApproved,
} from '../ledger';
import { freelancerPayableAccount, projectEscrowAccount } from '../ledger-account';

const RUNS = 300;

const currency = fc.constantFrom<Currency>('USD', 'EUR', 'JPY');
const amount = fc.integer({ min: 1, max: 5_000_000 });
const projectId = fc.constantFrom('p1', 'p2', 'p3');
const userId = fc.constantFrom('u1', 'u2', 'u3', 'u4');
const feePolicy: fc.Arbitrary<FeePolicy> = fc
  .tuple(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 3_000 }))
  .map(([platformFeeBps, reviewerFeeBps]) => ({ platformFeeBps, reviewerFeeBps }));

/** One business movement with arbitrary (valid-looking) inputs; `n` makes references unique. */
const operation = fc.oneof(
  fc.record({
    op: fc.constant('fund' as const),
    projectId,
    ownerId: userId,
    currency,
    amount,
    fee: fc.integer({ min: 0, max: 500_000 }),
  }),
  fc.record({
    op: fc.constant('approve' as const),
    projectId,
    freelancerId: userId,
    reviewerId: fc.option(userId, { nil: null }),
    currency,
    amount,
    fees: feePolicy,
  }),
  fc.record({ op: fc.constant('payout' as const), freelancerId: userId, currency, amount }),
  fc.record({ op: fc.constant('reverse' as const), projectId, currency, amount }),
  fc.record({ op: fc.constant('refund' as const), projectId, ownerId: userId, currency, amount }),
);

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

function build(op: Operation, n: number): LedgerTransaction {
  switch (op.op) {
    case 'fund':
      return fundingReceived({
        projectId: op.projectId,
        ownerId: op.ownerId,
        amount: money(op.amount, op.currency),
        platformFee: money(op.fee, op.currency),
        paymentIntentId: `pi_${n}`,
      });
    case 'approve':
      return taskApproved({
        projectId: op.projectId,
        taskId: `t${n}`,
        freelancerId: op.freelancerId,
        reviewerId: op.reviewerId,
        price: money(op.amount, op.currency),
        fees: op.fees,
      });
    case 'payout':
      return payoutSent({
        payoutId: `po${n}`,
        freelancerId: op.freelancerId,
        amount: money(op.amount, op.currency),
        transferId: `tr_${n}`,
      });
    case 'reverse':
      return payoutReversed({
        payoutId: `po${n}`,
        projectId: op.projectId,
        amount: money(op.amount, op.currency),
        reversalId: `trr_${n}`,
      });
    case 'refund':
      return escrowRefunded({
        projectId: op.projectId,
        ownerId: op.ownerId,
        amount: money(op.amount, op.currency),
        refundId: `re_${n}`,
      });
  }
}

function sumPerCurrency(accountBalances: readonly AccountBalance[]): Map<Currency, number> {
  const sums = new Map<Currency, number>();
  for (const b of accountBalances)
    sums.set(b.currency, (sums.get(b.currency) ?? 0) + b.balanceCents);
  return sums;
}

describe('ledger properties', () => {
  it('keeps every builder transaction balanced and all balances summing to zero per currency', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (ops) => {
        const entries: LedgerEntry[] = [];
        ops.forEach((op, n) => {
          const tx = build(op, n);
          expect(assertBalanced(tx)).toBe(tx);
          expect(
            tx.entries.every((e) => Number.isSafeInteger(e.amountCents) && e.amountCents !== 0),
          ).toBe(true);
          entries.push(...tx.entries);
          for (const sum of sumPerCurrency(balances(entries)).values()) expect(sum).toBe(0);
        });
        const references = ops.map((op, n) => build(op, n).reference);
        expect(new Set(references).size).toBe(references.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('never takes an account other than owner funding below zero when every movement passes the overdraft check', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 80 }), (ops) => {
        const entries: LedgerEntry[] = [];
        ops.forEach((op, n) => {
          const tx = build(op, n);
          try {
            assertNoOverdraft(balances(entries), tx);
          } catch {
            return; // refused: nothing written
          }
          entries.push(...tx.entries);
        });
        for (const b of balances(entries)) {
          if (NON_NEGATIVE_ACCOUNT_KINDS.includes(b.account.kind))
            expect(b.balanceCents).toBeGreaterThanOrEqual(0);
          else expect(b.balanceCents).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('funds exactly enough to approve every task of a plan with its fees, then empties escrow by refund', () => {
    const plan = fc.record({
      prices: fc.array(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 1, maxLength: 40 }),
      reviewed: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
      fees: feePolicy,
      currency,
    });
    fc.assert(
      fc.property(plan, ({ prices, reviewed, fees, currency: c }) => {
        const total = prices.reduce((s, p) => s + p, 0);
        const quote = quoteFunding({
          amount: money(total, c),
          projectCurrency: c,
          budget: money(total, c),
          fees,
        });
        expect(quote.total.amountCents).toBe(quote.work.amountCents + quote.fees.amountCents);
        const txs: LedgerTransaction[] = [
          fundingReceived({
            projectId: 'p',
            ownerId: 'o',
            amount: quote.work,
            platformFee: quote.fees,
            paymentIntentId: 'pi',
          }),
        ];
        let bal = balances(txs[0].entries);
        const write = (tx: LedgerTransaction): void => {
          assertNoOverdraft(bal, tx);
          txs.push(tx);
          bal = balances(txs.flatMap((t) => t.entries));
        };
        prices.forEach((price, i) => {
          write(
            taskApproved({
              projectId: 'p',
              taskId: `t${i}`,
              freelancerId: `f${i % 3}`,
              reviewerId: reviewed[i] ? 'r' : null,
              price: money(price, c),
              fees,
            }),
          );
        });
        for (let f = 0; f < 3; f++) {
          const payable = balanceOf(bal, freelancerPayableAccount(`f${f}`), c);
          if (payable > 0)
            write(
              payoutSent({
                payoutId: `po${f}`,
                freelancerId: `f${f}`,
                amount: money(payable, c),
                transferId: `tr${f}`,
              }),
            );
        }
        const left = balanceOf(bal, projectEscrowAccount('p'), c);
        const feesTaken = prices.reduce((s, p, i) => {
          const f = taskFees(money(p, c), fees, reviewed[i]);
          return s + f.platformFee.amountCents + f.reviewerFee.amountCents;
        }, 0);
        expect(left).toBe(quote.fees.amountCents - feesTaken);
        if (left > 0)
          write(
            escrowRefunded({
              projectId: 'p',
              ownerId: 'o',
              amount: money(left, c),
              refundId: 're',
            }),
          );
        expect(balanceOf(bal, projectEscrowAccount('p'), c)).toBe(0);
        for (const b of bal) {
          if (b.account.kind === 'FREELANCER_PAYABLE') expect(b.balanceCents).toBe(0);
        }
        expect([...sumPerCurrency(bal).values()]).toEqual([0]);
      }),
      { numRuns: RUNS },
    );
  });

  it('never takes more fees per task than the reserve funded on the total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 50 }),
        feePolicy,
        (prices, fees) => {
          const total = money(
            prices.reduce((s, p) => s + p, 0),
            'USD',
          );
          const perTask = prices.reduce((s, p) => {
            const f = taskFees(money(p, 'USD'), fees, true);
            expect(
              Number.isInteger(f.platformFee.amountCents) &&
                Number.isInteger(f.reviewerFee.amountCents),
            ).toBe(true);
            return s + f.platformFee.amountCents + f.reviewerFee.amountCents;
          }, 0);
          const reserve = fundingFee(total, fees).amountCents;
          expect(perTask).toBeLessThanOrEqual(reserve);
          // Rounding down loses less than one minor unit per fee and task, plus one for the reserve's rounding.
          expect(reserve - perTask).toBeLessThanOrEqual(2 * prices.length + 1);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
