import { Injectable } from '@nestjs/common';
import { AppConfig, ConfigError } from '@splitwork/config';
import { DomainError } from '@splitwork/kernel';
import {
  ClaimPolicy,
  resolveClaimPolicy,
  resolveReviewPolicy,
  ReviewPolicy,
} from '@splitwork/marketplace-core';

type PolicyVariables<P> = { readonly [K in keyof P]: keyof AppConfig };

/** The variable that overrides each claim-policy field. */
export const CLAIM_POLICY_VARIABLES: PolicyVariables<ClaimPolicy> = {
  deadlineMultiple: 'CLAIM_DEADLINE_MULTIPLE',
  minDeadlineHours: 'CLAIM_MIN_HOURS',
  maxDeadlineHours: 'CLAIM_MAX_HOURS',
  maxActiveClaims: 'MAX_ACTIVE_CLAIMS',
  coolDownHours: 'CLAIM_COOLDOWN_HOURS',
};

/** The variable that overrides each review-policy field. */
export const REVIEW_POLICY_VARIABLES: PolicyVariables<ReviewPolicy> = {
  maxRevisions: 'MAX_REVISIONS',
  autoApproveAfterHours: 'AUTO_APPROVE_AFTER_HOURS',
};

/**
 * The core's policy with the deployment's overrides. The defaults and limits
 * are the core's; a value it refuses becomes a ConfigError naming the
 * variable and the rule, which stops start-up.
 */
export function policyFromConfig<P>(
  config: AppConfig,
  variables: PolicyVariables<P>,
  resolve: (input: Partial<P>) => P,
): P {
  const input: Partial<P> = {};
  for (const field of Object.keys(variables) as (keyof P)[]) {
    const value = config[variables[field]];
    if (value !== undefined) input[field] = value as unknown as P[keyof P];
  }
  try {
    return resolve(input);
  } catch (error) {
    const field = error instanceof DomainError ? error.details.field : undefined;
    if (typeof field !== 'string' || !(field in variables)) throw error;
    const variable = variables[field as keyof P];
    throw new ConfigError([
      `${String(variable)}: ${(error as DomainError).message} (got ${JSON.stringify(config[variable])})`,
    ]);
  }
}

/** The claim and review rules (and the review queue's reach) of this deployment, from its configuration. */
@Injectable()
export class MarketplacePolicies {
  readonly claim: ClaimPolicy;
  readonly review: ReviewPolicy;
  /** How many queue reviewers hear that a submission waits (REVIEW_QUEUE_NOTIFY_LIMIT). */
  readonly reviewQueueNotifyLimit: number;

  constructor(config: AppConfig) {
    this.reviewQueueNotifyLimit = config.REVIEW_QUEUE_NOTIFY_LIMIT;
    this.claim = policyFromConfig(config, CLAIM_POLICY_VARIABLES, resolveClaimPolicy);
    this.review = policyFromConfig(config, REVIEW_POLICY_VARIABLES, resolveReviewPolicy);
  }
}
