import { Injectable } from '@nestjs/common';
import { AppConfig } from '@splitwork/config';
import {
  ClaimPolicy,
  resolveClaimPolicy,
  resolveReviewPolicy,
  ReviewPolicy,
} from '@splitwork/marketplace-core';

/** The claim and review rules of this deployment, from its configuration. */
@Injectable()
export class MarketplacePolicies {
  readonly claim: ClaimPolicy;
  readonly review: ReviewPolicy;

  constructor(config: AppConfig) {
    this.claim = resolveClaimPolicy({
      deadlineMultiple: config.CLAIM_DEADLINE_MULTIPLE,
      minDeadlineHours: config.CLAIM_MIN_HOURS,
      maxDeadlineHours: config.CLAIM_MAX_HOURS,
      maxActiveClaims: config.MAX_ACTIVE_CLAIMS,
      coolDownHours: config.CLAIM_COOLDOWN_HOURS,
    });
    this.review = resolveReviewPolicy({
      maxRevisions: config.MAX_REVISIONS,
      autoApproveAfterHours: config.AUTO_APPROVE_AFTER_HOURS,
    });
  }
}
