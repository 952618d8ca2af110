import type { AssignmentResult } from './reputation';
import type { TaskState } from './task-state';

/** How a transition ended a freelancer's hold on a task, if it did. */
export type AssignmentOutcome =
  | {
      readonly kind: 'ENDED';
      readonly result: AssignmentResult;
      readonly freelancerId: string;
      readonly claimedAt: Date;
      /** Submissions of this hold: the revision reached (approve, reject) or the ones before it (expiry, release). */
      readonly submissions: number;
    }
  /** An appeal turned the freelancer's last rejection into an approval. */
  | { readonly kind: 'OVERTURNED'; readonly freelancerId: string }
  | { readonly kind: 'NONE' };

/**
 * Reads a transition (from → to) as the end of an assignment. CLAIMED → OPEN
 * is an expiry when the claim deadline has passed at `now` (the expiry job
 * only fires then) and a release otherwise.
 */
export function assignmentOutcome(from: TaskState, to: TaskState, now: Date): AssignmentOutcome {
  if (from.status === 'SUBMITTED' && (to.status === 'APPROVED' || to.status === 'OPEN')) {
    return {
      kind: 'ENDED',
      result: to.status === 'APPROVED' ? 'APPROVED' : 'REJECTED',
      freelancerId: from.assigneeId,
      claimedAt: from.claimedAt,
      submissions: from.revision,
    };
  }
  if (from.status === 'CLAIMED' && to.status === 'OPEN') {
    return {
      kind: 'ENDED',
      result: now.getTime() >= from.claimDeadline.getTime() ? 'EXPIRED' : 'RELEASED',
      freelancerId: from.assigneeId,
      claimedAt: from.claimedAt,
      submissions: from.revision - 1,
    };
  }
  if (
    (from.status === 'OPEN' || from.status === 'OFFERED') &&
    to.status === 'APPROVED' &&
    to.approvedBy === 'APPEAL'
  ) {
    return { kind: 'OVERTURNED', freelancerId: to.assigneeId };
  }
  return { kind: 'NONE' };
}
