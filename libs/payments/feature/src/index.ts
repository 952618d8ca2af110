export * from './payments.module';
export { PayoutService } from './payout.service';
export type { ApprovedTask } from './payout.service';
export { PayoutPaid } from './payout.events';
export { TaskRefundService, TASK_REFUND_JOB } from './task-refund.service';
export type { CancelledTask } from './task-refund.service';
export { FundingService } from './funding.service';
export { LedgerRepository } from './ledger.repository';
export { PaymentProvider } from './providers/payment-provider';
