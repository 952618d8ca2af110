import { DomainError } from '@splitwork/kernel';
import type { SkillRequirement } from '@splitwork/planning-core';
import { ClaimRefusal, ClaimRefusedError } from './marketplace.errors';
import { PolicyBounds, resolvePolicy } from './policy-bounds';
import { reviewsProject } from './review-conflict';
import { FreelancerSkill, skillGaps } from './skills.util';
import { addHours, assertDate } from './time.util';

/** The rules of claiming; one per deployment, validated by `resolveClaimPolicy`. */
export interface ClaimPolicy {
  /** Claim deadline = likely hours × this multiple, in wall-clock hours… */
  readonly deadlineMultiple: number;
  /** …but never less than this… */
  readonly minDeadlineHours: number;
  /** …nor more than this. */
  readonly maxDeadlineHours: number;
  /** Tasks a freelancer may hold claimed at once (see `isActiveClaimOf`). */
  readonly maxActiveClaims: number;
  /** After a claim expires, its freelancer may not claim that task again for this long. */
  readonly coolDownHours: number;
}

/** A 4 h task gets 24 h (the floor), an 8 h task 32 h; never more than a week. */
export const DEFAULT_CLAIM_POLICY: ClaimPolicy = {
  deadlineMultiple: 4,
  minDeadlineHours: 24,
  maxDeadlineHours: 168,
  maxActiveClaims: 3,
  coolDownHours: 72,
};

/** The limits of each field: deployments override the defaults only within them. */
export const CLAIM_POLICY_BOUNDS: PolicyBounds<ClaimPolicy> = {
  deadlineMultiple: { min: 0, aboveMin: true, max: 24 },
  minDeadlineHours: { min: 0, aboveMin: true, max: 720 },
  maxDeadlineHours: { min: 0, aboveMin: true, max: 2160 },
  maxActiveClaims: { min: 1, max: 50, integer: true },
  coolDownHours: { min: 0, max: 2160 },
};

/** The defaults overridden by `input`; BAD_USER_INPUT naming the first bad field and its rule. */
export function resolveClaimPolicy(input: Partial<ClaimPolicy> = {}): ClaimPolicy {
  const policy = resolvePolicy('Claim policy', DEFAULT_CLAIM_POLICY, CLAIM_POLICY_BOUNDS, input);
  if (policy.maxDeadlineHours < policy.minDeadlineHours) {
    throw DomainError.badInput('Claim policy: maxDeadlineHours must be at least minDeadlineHours', {
      field: 'maxDeadlineHours',
      value: policy.maxDeadlineHours,
    });
  }
  return policy;
}

/** Hours a claim lasts: likely × multiple, clamped to [min, max]. */
export function claimDurationHours(
  likelyHours: number,
  policy: ClaimPolicy = DEFAULT_CLAIM_POLICY,
): number {
  if (!Number.isFinite(likelyHours) || likelyHours <= 0) {
    throw DomainError.badInput('The likely estimate must be a positive number of hours', {
      field: 'likelyHours',
      value: likelyHours,
    });
  }
  const hours = likelyHours * policy.deadlineMultiple;
  return Math.min(policy.maxDeadlineHours, Math.max(policy.minDeadlineHours, hours));
}

/** When a claim made at `claimedAt` (or a revision requested then) expires. */
export function claimDeadline(
  likelyHours: number,
  claimedAt: Date,
  policy: ClaimPolicy = DEFAULT_CLAIM_POLICY,
): Date {
  assertDate(claimedAt, 'claimedAt');
  return addHours(claimedAt, claimDurationHours(likelyHours, policy));
}

/** Until when the freelancer whose claim expired at `expiredAt` may not claim the task again. */
export function coolDownUntil(expiredAt: Date, policy: ClaimPolicy = DEFAULT_CLAIM_POLICY): Date {
  assertDate(expiredAt, 'expiredAt');
  return addHours(expiredAt, policy.coolDownHours);
}

/** Who may claim a project's tasks: everyone, a list of freelancers, or an organization's members. */
export type TaskPool =
  | { readonly kind: 'PUBLIC' }
  | { readonly kind: 'FREELANCERS'; readonly freelancerIds: readonly string[] }
  | { readonly kind: 'ORGANIZATION'; readonly organizationId: string };

export interface Claimant {
  readonly freelancerId: string;
  readonly skills: readonly FreelancerSkill[];
  /** The overall Bayesian score of `computeReputation` (the prior mean for a newcomer). */
  readonly reputation: number;
  readonly organizationIds?: readonly string[];
}

export interface ClaimableTask {
  readonly skills: readonly SkillRequirement[];
  /** The owner's minimum reputation for this task, or null for none. */
  readonly minReputation: number | null;
  /** PUBLIC when absent. */
  readonly pool?: TaskPool;
  /** The project's expert reviewers: none of them may hold one of its tasks. */
  readonly projectReviewerIds?: readonly string[];
}

/** Everything the gate decides on, loaded by the service for one freelancer and one task. */
export interface ClaimContext {
  readonly claimant: Claimant;
  readonly task: ClaimableTask;
  /** Tasks the freelancer holds claimed now (`isActiveClaimOf`). */
  readonly activeClaims: number;
  /** The end of the freelancer's cool-down on this task, or null. */
  readonly coolDownUntil: Date | null;
  readonly now: Date;
}

export function isInPool(claimant: Claimant, pool: TaskPool | undefined): boolean {
  if (pool === undefined) return true;
  switch (pool.kind) {
    case 'PUBLIC':
      return true;
    case 'FREELANCERS':
      return pool.freelancerIds.includes(claimant.freelancerId);
    case 'ORGANIZATION':
      return (claimant.organizationIds ?? []).includes(pool.organizationId);
  }
}

/**
 * Every reason the freelancer may not claim (or be offered) the task, most
 * fundamental first: the project's own expert, pool, cool-down, skills, reputation, active-claims
 * limit. Empty when the claim may go ahead. The same gate serves offers and
 * auto-assignment.
 */
export function claimRefusals(
  context: ClaimContext,
  policy: ClaimPolicy = DEFAULT_CLAIM_POLICY,
): ClaimRefusal[] {
  assertDate(context.now, 'now');
  const { claimant, task } = context;
  const refusals: ClaimRefusal[] = [];
  if (reviewsProject(claimant.freelancerId, task.projectReviewerIds ?? [])) {
    refusals.push({ reason: 'PROJECT_REVIEWER' });
  }
  if (!isInPool(claimant, task.pool)) refusals.push({ reason: 'NOT_IN_POOL' });
  if (context.coolDownUntil !== null && context.now.getTime() < context.coolDownUntil.getTime()) {
    refusals.push({ reason: 'COOL_DOWN', until: context.coolDownUntil });
  }
  const gaps = skillGaps(claimant.skills, task.skills);
  if (gaps.length > 0) refusals.push({ reason: 'SKILLS', gaps });
  if (task.minReputation !== null && claimant.reputation < task.minReputation) {
    refusals.push({
      reason: 'REPUTATION',
      required: task.minReputation,
      actual: claimant.reputation,
    });
  }
  if (context.activeClaims >= policy.maxActiveClaims) {
    refusals.push({
      reason: 'ACTIVE_CLAIMS_LIMIT',
      active: context.activeClaims,
      limit: policy.maxActiveClaims,
    });
  }
  return refusals;
}

/** Throws a ClaimRefusedError for the first refusal (listing the others), or returns. */
export function assertCanClaim(
  context: ClaimContext,
  policy: ClaimPolicy = DEFAULT_CLAIM_POLICY,
): void {
  const [first, ...others] = claimRefusals(context, policy);
  if (first !== undefined) throw new ClaimRefusedError(first, others);
}
