/**
 * Raised in the transaction that opens a dispute (TaskDisputeService.open):
 * for notifications of everyone involved (owner, freelancer, approving
 * reviewer, admins).
 */
export class TaskDisputeOpened {
  constructor(
    readonly disputeId: string,
    readonly taskId: string,
    readonly projectId: string,
    /** The project's owner, who opened it. */
    readonly ownerId: string,
    /** The freelancer whose approved work is disputed. */
    readonly freelancerId: string,
    /** The reviewer who approved the work; null for auto- or appeal-approved work. */
    readonly reviewerId: string | null,
    readonly reason: string,
  ) {}
}
