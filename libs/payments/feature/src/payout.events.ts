/** Raised in the transaction that marks a payout PAID; a handler that throws leaves it unpaid. */
export class PayoutPaid {
  constructor(
    readonly payoutId: string,
    readonly projectId: string,
    /** The paid task's id for marketplace payouts; any reference for an admin's. */
    readonly taskRef: string,
  ) {}
}
