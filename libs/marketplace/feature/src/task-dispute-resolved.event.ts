import type { DisputeOutcome } from '@splitwork/marketplace-core';

/**
 * Raised in the transaction that records an admin's decision on a dispute
 * (with the payout reversal's ledger entries for REVERSE): for notifications
 * of everyone involved.
 */
export class TaskDisputeResolved {
  constructor(
    readonly disputeId: string,
    readonly taskId: string,
    readonly projectId: string,
    readonly ownerId: string,
    readonly freelancerId: string,
    readonly reviewerId: string | null,
    /** UPHOLD: the payment stands; REVERSE: the freelancer's transfer was taken back. */
    readonly outcome: DisputeOutcome,
    readonly adminId: string,
    readonly note: string | null,
  ) {}
}
