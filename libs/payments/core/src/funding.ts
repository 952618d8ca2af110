import { allocate, Currency, DomainError, Money, money } from '@splitwork/kernel';
import { FeePolicy, fundingFee } from './fee-policy';
import { budgetExceeded } from './payments.errors';

/** What one funding charge is made of; `total` is what the PaymentIntent asks for. */
export interface FundingQuote {
  /** The work funded: it counts against the budget. */
  readonly work: Money;
  /** The fee reserve on top of the work (see `FeePolicy`). */
  readonly fees: Money;
  readonly total: Money;
}

export interface FundingRequest {
  /** The work to fund: the plan total, or a milestone's share of it. */
  readonly amount: Money;
  readonly projectCurrency: Currency;
  /** The owner's budget for the work (fees come on top, as in the plan summary). */
  readonly budget: Money;
  /** Work already funded for this project. */
  readonly alreadyFunded?: Money;
  readonly fees: FeePolicy;
}

function requireCurrency(amount: Money, expected: Currency, field: string): void {
  if (amount.currency !== expected) {
    throw DomainError.badInput(
      `Currency mismatch: ${field} is in ${amount.currency}, the project in ${expected}`,
      { field, currency: amount.currency, expected },
    );
  }
}

function requireWholeCents(amount: Money, field: string): void {
  if (!Number.isSafeInteger(amount.amountCents)) {
    throw DomainError.badInput(`${field} must be a whole number of minor units`, { field });
  }
}

/**
 * The charge for funding `amount` of work: the work plus the fee reserve
 * (basis points of the work, rounded once). Refuses an amount that is not
 * positive, a currency other than the project's, and funding that takes the
 * funded work over the budget (BUDGET_EXCEEDED, with `overByCents`).
 */
export function quoteFunding(request: FundingRequest): FundingQuote {
  const { amount, projectCurrency, budget, fees } = request;
  const alreadyFunded = request.alreadyFunded ?? money(0, projectCurrency);
  requireWholeCents(amount, 'amount');
  if (amount.amountCents <= 0) {
    throw DomainError.badInput('The amount to fund must be positive', {
      field: 'amount',
      amountCents: amount.amountCents,
    });
  }
  requireCurrency(amount, projectCurrency, 'amount');
  requireCurrency(budget, projectCurrency, 'budget');
  requireCurrency(alreadyFunded, projectCurrency, 'alreadyFunded');
  requireWholeCents(budget, 'budget');
  requireWholeCents(alreadyFunded, 'alreadyFunded');
  if (alreadyFunded.amountCents < 0) {
    throw DomainError.badInput('Funded work cannot be negative', { field: 'alreadyFunded' });
  }
  if (alreadyFunded.amountCents + amount.amountCents > budget.amountCents) {
    throw budgetExceeded({
      budgetCents: budget.amountCents,
      alreadyFundedCents: alreadyFunded.amountCents,
      requestedCents: amount.amountCents,
      currency: projectCurrency,
    });
  }
  const fee = fundingFee(amount, fees);
  return {
    work: amount,
    fees: fee,
    total: money(amount.amountCents + fee.amountCents, amount.currency),
  };
}

/**
 * Splits a quote into milestone charges, one per weight (e.g. each
 * milestone's share of the plan, or its price): the work is allocated by the
 * weights and the fees in proportion to each part's work, so the parts add up
 * to the quote exactly, field by field, and each part's total is its work
 * plus its fees. The quote's work must be positive (as `quoteFunding`
 * makes it). Escrow is pooled per project: the fee reserve covers every
 * task's fees once all parts are funded.
 */
export function splitFunding(quote: FundingQuote, weights: readonly number[]): FundingQuote[] {
  const work = allocate(quote.work, weights);
  const fees = allocate(
    quote.fees,
    work.map((w) => w.amountCents),
  );
  return work.map((w, i) => ({
    work: w,
    fees: fees[i],
    total: money(w.amountCents + fees[i].amountCents, w.currency),
  }));
}
