import { defineJob } from '@splitwork/jobs';

/** At the claim deadline: a task still claimed goes back to OPEN. */
export const CLAIM_EXPIRY_JOB = defineJob<{ taskId: string }>('marketplace.claim-expiry', {
  maxAttempts: 10,
});

/** After the review delay: a submission nobody reviewed is approved. */
export const AUTO_APPROVE_JOB = defineJob<{ taskId: string; revision: number }>(
  'marketplace.auto-approve',
  {
    maxAttempts: 10,
  },
);

/** At the offer's expiry: a task still offered under that offer goes back to OPEN. */
export const OFFER_EXPIRY_JOB = defineJob<{ taskId: string; offerId: string }>(
  'marketplace.offer-expiry',
  { maxAttempts: 10 },
);
