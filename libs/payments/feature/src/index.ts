export * from './payments.module';
export { PayoutService } from './payout.service';
export type { ApprovedTask } from './payout.service';
export { FundingService } from './funding.service';
export { LedgerRepository } from './ledger.repository';
export { PaymentProvider } from './providers/payment-provider';
