import type { Currency } from '@splitwork/kernel';
import type { PayeeRole } from '@splitwork/payments-core';

/** Raised in the transaction that marks a payout PAID; a handler that throws leaves it unpaid. */
export class PayoutPaid {
  constructor(
    readonly payoutId: string,
    readonly projectId: string,
    /** The paid task's id for marketplace payouts; any reference for an admin's. */
    readonly taskRef: string,
    /** FREELANCER: the task's price was paid (the task becomes PAID); REVIEWER: a review fee. */
    readonly payeeRole: PayeeRole,
    /** Who was paid. */
    readonly payeeId: string,
    /** What was paid, in integer minor units. */
    readonly amount: { readonly amountCents: number; readonly currency: Currency },
  ) {}
}
