import { DomainError } from '@splitwork/kernel';

/** Reviewing is a vetted role: an application waits for an admin's decision. */
export type ReviewerApplicationStatus = 'PENDING' | 'APPROVED' | 'REFUSED';
export type ReviewerDecision = 'APPROVE' | 'REFUSE';

/** A refused applicant may apply again this many days after the decision. */
export const REVIEWER_REAPPLY_AFTER_DAYS = 30;
export const REVIEWER_TEXT_MAX = 2000;

export interface ApplicationSnapshot {
  readonly userId: string;
  readonly status: ReviewerApplicationStatus;
  readonly decidedAt: Date | null;
}

/** When a refusal decided at `decidedAt` lets its applicant apply again. */
export function reapplyFrom(decidedAt: Date): Date {
  return new Date(decidedAt.getTime() + REVIEWER_REAPPLY_AFTER_DAYS * 86_400_000);
}

/**
 * Refuses a new application (CONFLICT) from a reviewer, from someone whose
 * application is waiting, or from someone refused less than the cool-down ago.
 */
export function assertMayApply(
  latest: ApplicationSnapshot | null,
  isReviewer: boolean,
  now: Date,
): void {
  if (isReviewer) throw DomainError.conflict('You are already a reviewer');
  if (latest?.status === 'PENDING') {
    throw DomainError.conflict('Your reviewer application is waiting for a decision');
  }
  if (latest?.status === 'REFUSED' && latest.decidedAt) {
    const from = reapplyFrom(latest.decidedAt);
    if (now.getTime() < from.getTime()) {
      throw DomainError.conflict(
        `Your application was refused; you may apply again from ${from.toISOString()}`,
        { reapplyFrom: from.toISOString() },
      );
    }
  }
}

/**
 * Checks a decision on `application` by `deciderId` and returns its reason,
 * trimmed (null when none). Only a waiting application can be decided
 * (INVALID_TRANSITION), never by its own applicant (FORBIDDEN); a refusal
 * says why (BAD_USER_INPUT), since the applicant reads it.
 */
export function checkedDecision(
  application: ApplicationSnapshot,
  deciderId: string,
  decision: ReviewerDecision,
  reason: string | null | undefined,
): string | null {
  if (application.status !== 'PENDING') {
    throw DomainError.invalidTransition(application.status, 'decide the application');
  }
  if (application.userId === deciderId) {
    throw DomainError.forbidden('Your own reviewer application is decided by another admin');
  }
  const text = reason?.trim() ?? '';
  if (text.length > REVIEWER_TEXT_MAX) {
    throw DomainError.badInput(`The reason has at most ${REVIEWER_TEXT_MAX} characters`, {
      field: 'reason',
    });
  }
  if (decision === 'REFUSE' && text.length === 0) {
    throw DomainError.badInput('Say why the application is refused', { field: 'reason' });
  }
  return text.length === 0 ? null : text;
}

export function decidedStatus(decision: ReviewerDecision): ReviewerApplicationStatus {
  return decision === 'APPROVE' ? 'APPROVED' : 'REFUSED';
}
