import { DomainError, ErrorCode } from '@splitwork/kernel';

/**
 * What the conflict-of-interest rule decides on, for one piece of work: a
 * task (review, appeal) or every task of a project (expert assignment).
 */
export interface ReviewWork {
  readonly projectOwnerId: string;
  /**
   * Everyone who holds or ever held the work: the current assignee, every
   * finished assignment (released, expired, rejected, approved), every
   * submitter, every accepted offer, every appellant.
   */
  readonly holderIds: readonly string[];
  /** The project asks that reviewers share no organization with a holder. */
  readonly excludeSameOrganization: boolean;
  /** The organizations (member or creator) of each holder. */
  readonly holderOrganizationIds: readonly string[];
  /** For an appeal: the reviewers whose decision is being judged. */
  readonly decidedByIds?: readonly string[];
}

export interface ReviewerParty {
  readonly id: string;
  /** The organizations the reviewer is a member or the creator of. */
  readonly organizationIds: readonly string[];
}

export type ReviewConflict =
  'OWNS_PROJECT' | 'HOLDS_WORK' | 'SAME_ORGANIZATION' | 'JUDGES_OWN_DECISION';

/**
 * Why `reviewer` may not judge `work`, or null when they may. Every path that
 * lets someone judge work (expert assignment, the review queue, a review, an
 * appeal decision) asks this one rule; the claim gate asks its mirror,
 * `reviewsProject`, so that a reviewer never comes to hold what they judge.
 */
export function reviewConflict(reviewer: ReviewerParty, work: ReviewWork): ReviewConflict | null {
  if (reviewer.id === work.projectOwnerId) return 'OWNS_PROJECT';
  if (work.holderIds.includes(reviewer.id)) return 'HOLDS_WORK';
  if (work.decidedByIds?.includes(reviewer.id)) return 'JUDGES_OWN_DECISION';
  if (
    work.excludeSameOrganization &&
    reviewer.organizationIds.some((o) => work.holderOrganizationIds.includes(o))
  ) {
    return 'SAME_ORGANIZATION';
  }
  return null;
}

/** The mirror for claims and offers: a project's expert may not hold one of its tasks. */
export function reviewsProject(
  freelancerId: string,
  projectReviewerIds: readonly string[],
): boolean {
  return projectReviewerIds.includes(freelancerId);
}

const MESSAGES: Record<ReviewConflict, string> = {
  OWNS_PROJECT: 'You own this project: its work is judged by someone else',
  HOLDS_WORK: 'You hold or held this work: it is judged by someone else',
  SAME_ORGANIZATION:
    'This project excludes reviewers who share an organization with whoever did the work',
  JUDGES_OWN_DECISION: 'This appeal is against your own decision: another admin decides it',
};

/** A conflict of interest: FORBIDDEN, `details.reason` says which. */
export class ReviewConflictError extends DomainError {
  constructor(readonly conflict: ReviewConflict) {
    super(ErrorCode.FORBIDDEN, MESSAGES[conflict], { reason: conflict });
    this.name = 'ReviewConflictError';
  }
}

/** Throws a ReviewConflictError when `reviewer` may not judge `work`. */
export function assertNoReviewConflict(reviewer: ReviewerParty, work: ReviewWork): void {
  const conflict = reviewConflict(reviewer, work);
  if (conflict !== null) throw new ReviewConflictError(conflict);
}
