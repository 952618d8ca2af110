import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@splitwork/database';
import { TaskControlsService } from '@splitwork/marketplace';
import { PayoutPaid } from '@splitwork/payments';

/**
 * Settlement of approved work:
 *
 *   task APPROVED (review, appeal or auto-approval; marketplace's ReviewService)
 *     → PayoutService.payForApprovedTask in the approval's transaction:
 *       ledger entries (escrow → freelancer, fees), payout row, transfer job queued
 *       and, when a reviewer approved it, the reviewer's fee payout (its own row,
 *       payee role REVIEWER, its own transfer job)
 *   payout job (PayoutService.send): the transfer, then in one transaction the
 *   payout is marked PAID with its ledger entry and raises
 *   PayoutPaid
 *     1. marketplace: for the FREELANCER payout, the APPROVED task becomes PAID
 *        → TaskTransitioned (task-lifecycle.flow.ts); a reviewer's fee payout
 *        leaves the task as it is
 *
 * A step that throws leaves the payout unpaid; the job retries.
 */
@Injectable()
export class SettlementFlow implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly taskControls: TaskControlsService,
  ) {}

  onModuleInit(): void {
    this.events.on(PayoutPaid, async ({ taskRef, payeeRole }, manager) => {
      if (payeeRole === 'FREELANCER') await this.taskControls.markPaid(taskRef, manager);
    });
  }
}
