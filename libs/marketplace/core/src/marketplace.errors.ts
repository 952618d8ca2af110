import { DomainError, ErrorCode, ErrorDetails } from '@splitwork/kernel';
import type { SkillGap } from './skills.util';

/** Why a freelancer may not claim (or be offered) a task. */
export type ClaimRefusal =
  | { readonly reason: 'PROJECT_REVIEWER' }
  | { readonly reason: 'NOT_IN_POOL' }
  | { readonly reason: 'COOL_DOWN'; readonly until: Date }
  | { readonly reason: 'SKILLS'; readonly gaps: readonly SkillGap[] }
  | { readonly reason: 'REPUTATION'; readonly required: number; readonly actual: number }
  | { readonly reason: 'ACTIVE_CLAIMS_LIMIT'; readonly active: number; readonly limit: number };

export type ClaimRefusalReason = ClaimRefusal['reason'];

function describeGap(gap: SkillGap): string {
  return gap.level === null
    ? `${gap.skill} level ${gap.requiredLevel} (missing)`
    : `${gap.skill} level ${gap.requiredLevel} (has ${gap.level})`;
}

function refusalMessage(refusal: ClaimRefusal): string {
  switch (refusal.reason) {
    case 'PROJECT_REVIEWER':
      return "You are this project's expert reviewer: you may not hold a task you would review";
    case 'NOT_IN_POOL':
      return 'This task is open only to the private pool of its project';
    case 'COOL_DOWN':
      return `A claim on this task expired recently; it can be claimed again from ${refusal.until.toISOString()}`;
    case 'SKILLS':
      return `This task requires ${refusal.gaps.map(describeGap).join(', ')}`;
    case 'REPUTATION':
      return `This task requires a reputation of at least ${refusal.required} (has ${refusal.actual.toFixed(2)})`;
    case 'ACTIVE_CLAIMS_LIMIT':
      return `${refusal.active} active claims reach the limit of ${refusal.limit}; submit or release one first`;
  }
}

function refusalCode(reason: ClaimRefusalReason): ErrorCode {
  switch (reason) {
    case 'PROJECT_REVIEWER':
    case 'NOT_IN_POOL':
    case 'COOL_DOWN':
    case 'SKILLS':
    case 'REPUTATION':
      return ErrorCode.FORBIDDEN;
    case 'ACTIVE_CLAIMS_LIMIT':
      return ErrorCode.CONFLICT;
  }
}

function refusalDetails(refusal: ClaimRefusal): ErrorDetails {
  switch (refusal.reason) {
    case 'PROJECT_REVIEWER':
    case 'NOT_IN_POOL':
      return { reason: refusal.reason };
    case 'COOL_DOWN':
      return { reason: refusal.reason, until: refusal.until.toISOString() };
    case 'SKILLS':
      return { reason: refusal.reason, gaps: refusal.gaps.map((gap) => ({ ...gap })) };
    case 'REPUTATION':
    case 'ACTIVE_CLAIMS_LIMIT':
      return { ...refusal };
  }
}

/**
 * A refused claim or offer. Who the freelancer is or what they can do
 * (pool, cool-down, skills, reputation) is FORBIDDEN; what they hold right
 * now (the active-claims limit) is CONFLICT. `details.reason` says which;
 * `details.otherReasons` lists the other refusals, if any.
 */
export class ClaimRefusedError extends DomainError {
  constructor(
    readonly refusal: ClaimRefusal,
    readonly otherRefusals: readonly ClaimRefusal[] = [],
  ) {
    super(refusalCode(refusal.reason), refusalMessage(refusal), {
      ...refusalDetails(refusal),
      ...(otherRefusals.length > 0 ? { otherReasons: otherRefusals.map((r) => r.reason) } : {}),
    });
    this.name = 'ClaimRefusedError';
  }
}

/** Why a review was refused. */
export type ReviewErrorReason =
  | 'EMPTY_SCORECARD'
  | 'UNKNOWN_CRITERION'
  | 'DUPLICATE_CRITERION'
  | 'MISSING_CRITERIA'
  | 'SCORE_OUT_OF_RANGE'
  | 'COMMENT_REQUIRED'
  | 'APPROVE_WITH_FAILED_CRITERIA'
  | 'NO_FAILED_CRITERION'
  | 'FEEDBACK_REQUIRED'
  | 'TEXT_TOO_LONG'
  | 'REVISION_LIMIT'
  | 'INVALID_REVISION';

/**
 * A review that cannot be recorded. BAD_USER_INPUT for a malformed
 * scorecard; CONFLICT for REVISION_LIMIT (the review is well formed, but the
 * task has used its revisions: the details suggest the verdicts left).
 */
export class InvalidReviewError extends DomainError {
  constructor(
    readonly reason: ReviewErrorReason,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(reason === 'REVISION_LIMIT' ? ErrorCode.CONFLICT : ErrorCode.BAD_USER_INPUT, message, {
      reason,
      ...details,
    });
    this.name = 'InvalidReviewError';
  }
}
