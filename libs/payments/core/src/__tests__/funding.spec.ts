import fc from 'fast-check';
import { DomainError, ErrorCode, money } from '@splitwork/kernel';
import { fundingFee, taskFees } from '../fee-policy';
import { quoteFunding, splitFunding } from '../funding';

const usd = (cents: number) => money(cents, 'USD');
const fees = { platformFeeBps: 1000, reviewerFeeBps: 500 };

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('quoteFunding', () => {
  const request = {
    amount: usd(10_000),
    projectCurrency: 'USD' as const,
    budget: usd(50_000),
    fees,
  };

  it('charges the work plus the fee reserve in basis points, rounded once', () => {
    expect(quoteFunding(request)).toEqual({
      work: usd(10_000),
      fees: usd(1_500),
      total: usd(11_500),
    });
    // 15 % of 333 = 49.95 → 50
    expect(quoteFunding({ ...request, amount: usd(333) }).fees).toEqual(usd(50));
  });

  it('refuses a zero, negative or fractional amount', () => {
    for (const cents of [0, -100, 10.5]) {
      expect(
        errorOf(() => quoteFunding({ ...request, amount: { amountCents: cents, currency: 'USD' } }))
          .code,
      ).toBe(ErrorCode.BAD_USER_INPUT);
    }
  });

  it('refuses an amount in another currency than the project', () => {
    const error = errorOf(() => quoteFunding({ ...request, amount: money(10_000, 'EUR') }));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).toMatch(/Currency mismatch/);
  });

  it('refuses funding over the budget with BUDGET_EXCEEDED and the amount over', () => {
    const error = errorOf(() =>
      quoteFunding({ ...request, amount: usd(20_000), alreadyFunded: usd(35_000) }),
    );
    expect(error.code).toBe(ErrorCode.BUDGET_EXCEEDED);
    expect(error.details).toEqual({
      budgetCents: 50_000,
      alreadyFundedCents: 35_000,
      requestedCents: 20_000,
      currency: 'USD',
      overByCents: 5_000,
    });
  });

  it('accepts funding up to the budget exactly; fees do not count against it', () => {
    const quote = quoteFunding({ ...request, amount: usd(15_000), alreadyFunded: usd(35_000) });
    expect(quote.total).toEqual(usd(17_250));
  });

  it('charges no fee with a zero fee policy', () => {
    const quote = quoteFunding({ ...request, fees: { platformFeeBps: 0, reviewerFeeBps: 0 } });
    expect(quote).toEqual({ work: usd(10_000), fees: usd(0), total: usd(10_000) });
  });
});

describe('splitFunding', () => {
  it('splits a quote into milestones that add up exactly', () => {
    const quote = quoteFunding({
      amount: usd(10_001),
      projectCurrency: 'USD',
      budget: usd(10_001),
      fees,
    });
    const parts = splitFunding(quote, [1, 1, 1]);
    expect(parts.map((p) => p.work.amountCents)).toEqual([3_334, 3_334, 3_333]);
    expect(parts.reduce((s, p) => s + p.fees.amountCents, 0)).toBe(quote.fees.amountCents);
    expect(parts.reduce((s, p) => s + p.total.amountCents, 0)).toBe(quote.total.amountCents);
  });

  it('keeps integer parts that add up to the quote for any weights', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (cents, weights, platformFeeBps, reviewerFeeBps) => {
          const quote = quoteFunding({
            amount: usd(cents),
            projectCurrency: 'USD',
            budget: usd(cents),
            fees: { platformFeeBps, reviewerFeeBps },
          });
          const parts = splitFunding(quote, weights);
          expect(parts).toHaveLength(weights.length);
          for (const p of parts) {
            expect(Number.isSafeInteger(p.work.amountCents) && p.work.amountCents >= 0).toBe(true);
            expect(Number.isSafeInteger(p.fees.amountCents) && p.fees.amountCents >= 0).toBe(true);
            expect(p.total.amountCents).toBe(p.work.amountCents + p.fees.amountCents);
          }
          expect(parts.reduce((s, p) => s + p.work.amountCents, 0)).toBe(quote.work.amountCents);
          expect(parts.reduce((s, p) => s + p.fees.amountCents, 0)).toBe(quote.fees.amountCents);
          expect(parts.reduce((s, p) => s + p.total.amountCents, 0)).toBe(quote.total.amountCents);
          weights.forEach((w, i) => {
            if (w === 0) expect(parts[i].total.amountCents).toBe(0);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('fee policy', () => {
  it('rounds the funding reserve half away from zero and task fees down', () => {
    expect(fundingFee(usd(5), { platformFeeBps: 1000, reviewerFeeBps: 0 })).toEqual(usd(1)); // 0.5 → 1
    expect(taskFees(usd(5), { platformFeeBps: 1000, reviewerFeeBps: 0 }, true).platformFee).toEqual(
      usd(0),
    );
  });

  it('keeps the fee integer and below the amount for any policy', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e11 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (cents, p, r) => {
          const policy = { platformFeeBps: p, reviewerFeeBps: r };
          const reserve = fundingFee(usd(cents), policy).amountCents;
          const task = taskFees(usd(cents), policy, true);
          expect(Number.isSafeInteger(reserve)).toBe(true);
          expect(reserve).toBeLessThanOrEqual(cents);
          expect(task.platformFee.amountCents + task.reviewerFee.amountCents).toBeLessThanOrEqual(
            reserve,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
