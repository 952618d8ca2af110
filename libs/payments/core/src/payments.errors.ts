import { Currency, DomainError, ErrorCode, ErrorDetails } from '@splitwork/kernel';

/** Why a ledger transaction was refused. */
export type LedgerErrorReason =
  | 'EMPTY_REFERENCE'
  | 'TOO_FEW_ENTRIES'
  | 'NOT_AN_INTEGER'
  | 'ZERO_AMOUNT'
  | 'UNKNOWN_CURRENCY'
  | 'UNBALANCED';

/**
 * A ledger transaction that must never be written. It is a bug on our side,
 * not the caller's, so the code is INTERNAL: the client sees a generic error
 * and the log gets the details.
 */
export class LedgerError extends DomainError {
  constructor(
    readonly reason: LedgerErrorReason,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(ErrorCode.INTERNAL, message, { reason, ...details });
    this.name = 'LedgerError';
  }
}

/** A Stripe event whose object lacks a field its type requires. */
export class StripeEventError extends DomainError {
  constructor(
    readonly eventType: string,
    readonly field: string,
    message = `Malformed Stripe event ${eventType}: ${field} is missing or invalid`,
  ) {
    super(ErrorCode.BAD_USER_INPUT, message, { eventType, field });
    this.name = 'StripeEventError';
  }
}

/** Funding that would take the project's funded work over its budget. */
export function budgetExceeded(details: {
  readonly budgetCents: number;
  readonly alreadyFundedCents: number;
  readonly requestedCents: number;
  readonly currency: Currency;
}): DomainError {
  const overByCents = details.alreadyFundedCents + details.requestedCents - details.budgetCents;
  return new DomainError(
    ErrorCode.BUDGET_EXCEEDED,
    `Funding exceeds the budget by ${overByCents} minor units of ${details.currency}; raise the budget first`,
    { ...details, overByCents },
  );
}

const HOLDER_NAMES: Readonly<Record<string, string>> = {
  PROJECT_ESCROW: "the project's escrow",
  FREELANCER_PAYABLE: "the freelancer's payable balance",
  PLATFORM_FEES: 'the platform fees',
  REVIEWER_FEES: "the reviewer's fees",
  OWNER_REFUNDS: "the owner's refunds",
  STRIPE_CLEARING: 'the payouts sent through Stripe',
};

/** A movement that would take an account below zero that may not go there. */
export function insufficientFunds(details: {
  readonly account: string;
  readonly currency: Currency;
  readonly balanceCents: number;
  readonly neededCents: number;
}): DomainError {
  const kind = details.account.split(':')[0];
  return DomainError.conflict(`Not enough funds in ${HOLDER_NAMES[kind] ?? kind}`, { ...details });
}
