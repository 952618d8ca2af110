import { applyBasisPoints, DomainError, Money, money } from '@splitwork/kernel';

/**
 * Who bears the fees: the project owner, on top of the work. A freelancer is
 * always credited the full task price.
 *
 * - At funding the owner pays the work plus a fee reserve of
 *   (platformFeeBps + reviewerFeeBps) of the work, rounded once on the total
 *   (`fundingFee`). All of it goes into the project's escrow.
 * - At approval escrow pays the price to the freelancer and the task's fees
 *   to the platform and to the reviewer (`taskFees`). Task fees are rounded
 *   down, so the fees of all tasks never exceed the reserve funded on their
 *   total; the cents left over, and the reviewer share of tasks approved
 *   without a reviewer, stay in escrow and go back to the owner with the rest
 *   of the unspent escrow.
 * - Fees are only earned when work is approved: cancelling a project refunds
 *   the unearned reserve with the unspent work.
 */
export interface FeePolicy {
  /** Platform fee in basis points of the task price (100 = 1 %). */
  readonly platformFeeBps: number;
  /** Reviewer fee in basis points of the task price, paid when a reviewer approved the task. */
  readonly reviewerFeeBps: number;
}

export const BASIS_POINTS_PER_UNIT = 10_000;

export function assertFeePolicy(policy: FeePolicy): FeePolicy {
  const { platformFeeBps, reviewerFeeBps } = policy;
  for (const [field, bps] of [
    ['platformFeeBps', platformFeeBps],
    ['reviewerFeeBps', reviewerFeeBps],
  ] as const) {
    if (!Number.isInteger(bps) || bps < 0 || bps > BASIS_POINTS_PER_UNIT) {
      throw DomainError.badInput(`${field} must be a whole number of basis points (0–10000)`, {
        field,
        value: bps,
      });
    }
  }
  if (platformFeeBps + reviewerFeeBps > BASIS_POINTS_PER_UNIT) {
    throw DomainError.badInput('The fees together may not exceed 100 %', {
      platformFeeBps,
      reviewerFeeBps,
    });
  }
  return policy;
}

/** The fee reserve charged with `work` at funding (rounded half away from zero, once). */
export function fundingFee(work: Money, policy: FeePolicy): Money {
  assertFeePolicy(policy);
  return applyBasisPoints(work, policy.platformFeeBps + policy.reviewerFeeBps);
}

export interface TaskFees {
  readonly platformFee: Money;
  /** Zero when nobody reviewed the task (auto-approval). */
  readonly reviewerFee: Money;
}

/** `amount × bps / 10000`, rounded down, in exact integer arithmetic. */
function basisPointsDown(amount: Money, bps: number): Money {
  const product = amount.amountCents * bps;
  if (!Number.isSafeInteger(product)) {
    throw DomainError.badInput('Amount too large for fee arithmetic', {
      amountCents: amount.amountCents,
    });
  }
  return money(Math.floor(product / BASIS_POINTS_PER_UNIT), amount.currency);
}

/** The fees escrow pays on top of `price` when the task is approved (rounded down). */
export function taskFees(price: Money, policy: FeePolicy, reviewed: boolean): TaskFees {
  assertFeePolicy(policy);
  return {
    platformFee: basisPointsDown(price, policy.platformFeeBps),
    reviewerFee: basisPointsDown(price, reviewed ? policy.reviewerFeeBps : 0),
  };
}
