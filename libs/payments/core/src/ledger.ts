import { Currency, DomainError, isCurrency, Money } from '@splitwork/kernel';
import { FeePolicy, taskFees } from './fee-policy';
import {
  freelancerPayableAccount,
  LedgerAccount,
  LedgerAccountKind,
  ledgerAccountKey,
  ownerFundingAccount,
  ownerRefundsAccount,
  platformFeesAccount,
  projectEscrowAccount,
  reviewerFeesAccount,
  stripeClearingAccount,
} from './ledger-account';
import { insufficientFunds, LedgerError } from './payments.errors';
import type { PayeeRole } from './payee-role';

/**
 * Sign convention: `amountCents > 0` debits the account (value flows into it),
 * `amountCents < 0` credits it (value flows out). Moving X from A to B is
 * `{A: -X}, {B: +X}`. The entries of a transaction sum to zero per currency,
 * and an account's balance is the sum of its entries, so the holding accounts
 * (escrow, payables, fees) are positive while they hold money, the source
 * OWNER_FUNDING is negative by what owners paid in, and the sinks
 * STRIPE_CLEARING and OWNER_REFUNDS are positive by what left.
 */
export interface LedgerEntry {
  readonly account: LedgerAccount;
  /** Integer minor units, never zero: debit positive, credit negative. */
  readonly amountCents: number;
  readonly currency: Currency;
}

export const LEDGER_TRANSACTION_KINDS = [
  'FUNDING',
  'TASK_APPROVED',
  'PAYOUT_SENT',
  'PAYOUT_REVERSED',
  'REFUND',
] as const;

export type LedgerTransactionKind = (typeof LEDGER_TRANSACTION_KINDS)[number];

/** One business movement: written whole or not at all, never changed afterwards. */
export interface LedgerTransaction {
  readonly kind: LedgerTransactionKind;
  /**
   * Unique per business event (`funding:pi_…`, `task-approved:<taskId>`, …):
   * stored under a unique constraint, so posting the same event twice fails
   * instead of moving the money twice.
   */
  readonly reference: string;
  readonly entries: readonly LedgerEntry[];
  /** Ids worth keeping with the transaction (task, payout, Stripe objects). */
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * Refuses a transaction that must not be written: an empty reference, fewer
 * than two entries, an amount that is zero or not a safe integer, an unknown
 * currency, or entries that do not sum to zero per currency.
 */
export function assertBalanced(tx: LedgerTransaction): LedgerTransaction {
  if (tx.reference.trim() === '') {
    throw new LedgerError('EMPTY_REFERENCE', 'A ledger transaction needs a reference', {
      kind: tx.kind,
    });
  }
  if (tx.entries.length < 2) {
    throw new LedgerError('TOO_FEW_ENTRIES', 'A ledger transaction needs at least two entries', {
      reference: tx.reference,
      entries: tx.entries.length,
    });
  }
  const sums = new Map<string, number>();
  for (const entry of tx.entries) {
    const details = {
      reference: tx.reference,
      account: ledgerAccountKey(entry.account),
      amountCents: entry.amountCents,
    };
    if (!Number.isSafeInteger(entry.amountCents)) {
      throw new LedgerError('NOT_AN_INTEGER', 'Ledger amounts are whole minor units', details);
    }
    if (entry.amountCents === 0) {
      throw new LedgerError('ZERO_AMOUNT', 'A ledger entry may not be zero', details);
    }
    if (!isCurrency(entry.currency)) {
      throw new LedgerError('UNKNOWN_CURRENCY', `Unknown currency ${String(entry.currency)}`, {
        ...details,
        currency: entry.currency,
      });
    }
    sums.set(entry.currency, (sums.get(entry.currency) ?? 0) + entry.amountCents);
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0) {
      throw new LedgerError('UNBALANCED', `Ledger transaction does not balance in ${currency}`, {
        reference: tx.reference,
        currency,
        imbalanceCents: sum,
      });
    }
  }
  return tx;
}

function positive(amount: Money, field: string): Money {
  if (!Number.isSafeInteger(amount.amountCents) || amount.amountCents <= 0) {
    throw DomainError.badInput(`${field} must be a positive whole number of minor units`, {
      field,
      amountCents: amount.amountCents,
    });
  }
  return amount;
}

function nonNegative(amount: Money, field: string): Money {
  if (!Number.isSafeInteger(amount.amountCents) || amount.amountCents < 0) {
    throw DomainError.badInput(`${field} may not be negative`, {
      field,
      amountCents: amount.amountCents,
    });
  }
  return amount;
}

function sameCurrency(expected: Currency, amount: Money, field: string): void {
  if (amount.currency !== expected) {
    throw DomainError.badInput(
      `Currency mismatch: ${field} is ${amount.currency}, not ${expected}`,
      {
        field,
      },
    );
  }
}

function requireId(value: string, field: string): string {
  if (value.trim() === '') throw DomainError.badInput(`${field} is required`, { field });
  return value;
}

function entry(account: LedgerAccount, amountCents: number, currency: Currency): LedgerEntry {
  return { account, amountCents, currency };
}

/** Builds a transaction, leaving out zero entries, and checks it balances. */
function transaction(
  kind: LedgerTransactionKind,
  reference: string,
  entries: readonly LedgerEntry[],
  metadata: Record<string, string>,
): LedgerTransaction {
  return assertBalanced({
    kind,
    reference,
    entries: entries.filter((e) => e.amountCents !== 0),
    metadata,
  });
}

export interface FundingReceivedInput {
  readonly projectId: string;
  readonly ownerId: string;
  /** The work funded (plan total or a milestone's share). */
  readonly amount: Money;
  /** The fee reserve charged on top of the work (see `fundingFee`). */
  readonly platformFee: Money;
  /** The succeeded PaymentIntent: one funding transaction per PaymentIntent. */
  readonly paymentIntentId: string;
}

/** The owner paid work + fee reserve: all of it goes into the project's escrow. */
export function fundingReceived(input: FundingReceivedInput): LedgerTransaction {
  const { projectId, ownerId, amount, platformFee, paymentIntentId } = input;
  positive(amount, 'amount');
  nonNegative(platformFee, 'platformFee');
  sameCurrency(amount.currency, platformFee, 'platformFee');
  const charged = amount.amountCents + platformFee.amountCents;
  return transaction(
    'FUNDING',
    `funding:${requireId(paymentIntentId, 'paymentIntentId')}`,
    [
      entry(ownerFundingAccount(ownerId), -charged, amount.currency),
      entry(projectEscrowAccount(projectId), charged, amount.currency),
    ],
    {
      projectId,
      ownerId,
      paymentIntentId,
      workCents: String(amount.amountCents),
      feeCents: String(platformFee.amountCents),
    },
  );
}

export interface TaskApprovedInput {
  readonly projectId: string;
  readonly taskId: string;
  readonly freelancerId: string;
  /** Null when the task was approved without a reviewer: no reviewer fee is taken. */
  readonly reviewerId: string | null;
  readonly price: Money;
  readonly fees: FeePolicy;
}

/**
 * Approved work is earned: escrow pays the full price to the freelancer's
 * payable account plus the task's platform and reviewer fees (borne by the
 * owner, see `FeePolicy`).
 */
export function taskApproved(input: TaskApprovedInput): LedgerTransaction {
  const { projectId, taskId, freelancerId, reviewerId, price, fees } = input;
  positive(price, 'price');
  const { platformFee, reviewerFee } = taskFees(price, fees, reviewerId !== null);
  const currency = price.currency;
  const total = price.amountCents + platformFee.amountCents + reviewerFee.amountCents;
  return transaction(
    'TASK_APPROVED',
    `task-approved:${requireId(taskId, 'taskId')}`,
    [
      entry(projectEscrowAccount(projectId), -total, currency),
      entry(freelancerPayableAccount(freelancerId), price.amountCents, currency),
      entry(platformFeesAccount(), platformFee.amountCents, currency),
      ...(reviewerId === null
        ? []
        : [entry(reviewerFeesAccount(reviewerId), reviewerFee.amountCents, currency)]),
    ],
    {
      projectId,
      taskId,
      freelancerId,
      ...(reviewerId === null ? {} : { reviewerId }),
    },
  );
}

export interface PayoutSentInput {
  readonly payoutId: string;
  /** The payee: the freelancer, or the reviewer for a review fee payout. */
  readonly freelancerId: string;
  /**
   * Whose account the transfer empties: FREELANCER_PAYABLE for the task price
   * (the default), REVIEWER_FEES for a reviewer's fee.
   */
  readonly payeeRole?: PayeeRole;
  readonly amount: Money;
  /** The Stripe transfer that carried it. */
  readonly transferId: string;
}

/** A transfer to the payee's connected account succeeded (the freelancer's price or a reviewer's fee). */
export function payoutSent(input: PayoutSentInput): LedgerTransaction {
  const { payoutId, freelancerId, amount, transferId } = input;
  const payeeRole = input.payeeRole ?? 'FREELANCER';
  positive(amount, 'amount');
  const source =
    payeeRole === 'REVIEWER'
      ? reviewerFeesAccount(freelancerId)
      : freelancerPayableAccount(freelancerId);
  return transaction(
    'PAYOUT_SENT',
    `payout-sent:${requireId(payoutId, 'payoutId')}`,
    [
      entry(source, -amount.amountCents, amount.currency),
      entry(stripeClearingAccount(), amount.amountCents, amount.currency),
    ],
    payeeRole === 'REVIEWER'
      ? { payoutId, reviewerId: freelancerId, transferId: requireId(transferId, 'transferId') }
      : { payoutId, freelancerId, transferId: requireId(transferId, 'transferId') },
  );
}

export interface PayoutReversedInput {
  readonly payoutId: string;
  readonly projectId: string;
  /** What came back (the whole transfer or part of it). */
  readonly amount: Money;
  /** The Stripe transfer reversal: one ledger transaction per reversal. */
  readonly reversalId: string;
}

/**
 * A transfer was reversed (dispute): the money is back with the platform and
 * returns to the project's escrow, from where it can be paid again or
 * refunded. Fees taken at approval are not reversed here.
 */
export function payoutReversed(input: PayoutReversedInput): LedgerTransaction {
  const { payoutId, projectId, amount, reversalId } = input;
  positive(amount, 'amount');
  return transaction(
    'PAYOUT_REVERSED',
    `payout-reversed:${requireId(reversalId, 'reversalId')}`,
    [
      entry(stripeClearingAccount(), -amount.amountCents, amount.currency),
      entry(projectEscrowAccount(projectId), amount.amountCents, amount.currency),
    ],
    { payoutId: requireId(payoutId, 'payoutId'), projectId, reversalId },
  );
}

export interface EscrowRefundedInput {
  readonly projectId: string;
  readonly ownerId: string;
  readonly amount: Money;
  /** The Stripe refund: one ledger transaction per refund. */
  readonly refundId: string;
}

/** Unspent escrow goes back to the owner (project cancelled or closed). */
export function escrowRefunded(input: EscrowRefundedInput): LedgerTransaction {
  const { projectId, ownerId, amount, refundId } = input;
  positive(amount, 'amount');
  return transaction(
    'REFUND',
    `refund:${requireId(refundId, 'refundId')}`,
    [
      entry(projectEscrowAccount(projectId), -amount.amountCents, amount.currency),
      entry(ownerRefundsAccount(ownerId), amount.amountCents, amount.currency),
    ],
    { projectId, ownerId, refundId },
  );
}

export interface TaskShareRefundedInput {
  readonly projectId: string;
  readonly taskId: string;
  readonly ownerId: string;
  /** The cancelled task's share of escrow: its price and the fee reserve funded for it. */
  readonly amount: Money;
}

/**
 * A cancelled task's share of escrow goes back to the owner, written when the
 * task is cancelled (the provider refund follows, keyed by the task). One per
 * task; a later project cancellation refunds only what escrow still holds.
 */
export function taskShareRefunded(input: TaskShareRefundedInput): LedgerTransaction {
  const { projectId, taskId, ownerId, amount } = input;
  positive(amount, 'amount');
  return transaction(
    'REFUND',
    `task-refund:${requireId(taskId, 'taskId')}`,
    [
      entry(projectEscrowAccount(projectId), -amount.amountCents, amount.currency),
      entry(ownerRefundsAccount(ownerId), amount.amountCents, amount.currency),
    ],
    { projectId, taskId, ownerId },
  );
}

/** What funding reserved in escrow for a task: its price plus the platform and reviewer fees. */
export function taskEscrowShare(price: Money, fees: FeePolicy): Money {
  positive(price, 'price');
  const { platformFee, reviewerFee } = taskFees(price, fees, true);
  return {
    amountCents: price.amountCents + platformFee.amountCents + reviewerFee.amountCents,
    currency: price.currency,
  };
}

export interface AccountBalance {
  readonly account: LedgerAccount;
  readonly currency: Currency;
  /** Sum of the account's entries in this currency (see the sign convention on `LedgerEntry`). */
  readonly balanceCents: number;
}

/**
 * Folds entries into one balance per account and currency, ordered by
 * account key then currency. Accounts whose entries cancel out are kept with 0.
 */
export function balances(entries: Iterable<LedgerEntry>): AccountBalance[] {
  const sums = new Map<
    string,
    { account: LedgerAccount; currency: Currency; balanceCents: number }
  >();
  for (const e of entries) {
    const key = `${ledgerAccountKey(e.account)}\u0000${e.currency}`;
    const sum = sums.get(key);
    if (sum) sum.balanceCents += e.amountCents;
    else sums.set(key, { account: e.account, currency: e.currency, balanceCents: e.amountCents });
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, sum]) => ({
      account: { kind: sum.account.kind, ownerId: sum.account.ownerId },
      currency: sum.currency,
      balanceCents: sum.balanceCents,
    }));
}

/** The balance of one account in one currency (0 when it has no entries). */
export function balanceOf(
  accountBalances: readonly AccountBalance[],
  account: LedgerAccount,
  currency: Currency,
): number {
  const key = ledgerAccountKey(account);
  return (
    accountBalances.find((b) => b.currency === currency && ledgerAccountKey(b.account) === key)
      ?.balanceCents ?? 0
  );
}

/**
 * Accounts whose balance may never go below zero: the ones holding money
 * (escrow, payables, fees) and the sinks (a reversal cannot return more than
 * was sent). Only the source, OWNER_FUNDING, runs negative.
 */
export const NON_NEGATIVE_ACCOUNT_KINDS: readonly LedgerAccountKind[] = [
  'PROJECT_ESCROW',
  'FREELANCER_PAYABLE',
  'PLATFORM_FEES',
  'REVIEWER_FEES',
  'OWNER_REFUNDS',
  'STRIPE_CLEARING',
];

/**
 * Refuses (CONFLICT) a transaction that would take a non-negative account
 * below zero given the balances before it: e.g. approving work that was never
 * funded, or paying out more than a freelancer earned.
 */
export function assertNoOverdraft(
  before: readonly AccountBalance[],
  tx: LedgerTransaction,
): LedgerTransaction {
  const after = balances(tx.entries);
  for (const change of after) {
    if (!NON_NEGATIVE_ACCOUNT_KINDS.includes(change.account.kind) || change.balanceCents >= 0)
      continue;
    const balanceCents = balanceOf(before, change.account, change.currency);
    if (balanceCents + change.balanceCents < 0) {
      throw insufficientFunds({
        account: ledgerAccountKey(change.account),
        currency: change.currency,
        balanceCents,
        neededCents: -change.balanceCents,
      });
    }
  }
  return tx;
}
