import { defineJob } from '@splitwork/jobs';

/** Sends one payout's transfer; retried with backoff on retryable provider errors. */
export const PAYOUT_JOB = defineJob<{ payoutId: string }>('payments.payout', { maxAttempts: 12 });

/** Refunds a cancelled project's unspent escrow to its owner. */
export const REFUND_JOB = defineJob<{ projectId: string }>('payments.refund', { maxAttempts: 12 });

/** Zero-setup mode: plays the provider's `payment_intent.succeeded` for a simulated funding. */
export const SIMULATED_FUNDING_JOB = defineJob<{ fundingId: string }>(
  'payments.simulated-funding',
  {
    maxAttempts: 5,
  },
);
