import { DomainError } from '@splitwork/kernel';
import type { TaskState } from './task-state';

export const MS_PER_DAY = 86_400_000;

/** Default of DISPUTE_WINDOW_DAYS: how long after approval the owner may dispute a task. */
export const DEFAULT_DISPUTE_WINDOW_DAYS = 14;

export const DISPUTE_STATUSES = ['OPEN', 'UPHELD', 'REVERSED'] as const;

/** OPEN until an admin decides: UPHELD (the payment stands) or REVERSED (the transfer taken back). */
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const DISPUTE_OUTCOMES = ['UPHOLD', 'REVERSE'] as const;

export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** When the owner's window to dispute an approval closes. */
export function disputeDeadline(approvedAt: Date, windowDays: number): Date {
  return new Date(approvedAt.getTime() + windowDays * MS_PER_DAY);
}

/**
 * Refuses a dispute the owner may not open (typed, before anything is
 * written): only approved (or already paid) work can be disputed, and only
 * until `windowDays` after its approval. Returns the window's deadline.
 */
export function assertMayDispute(state: TaskState, now: Date, windowDays: number): Date {
  if (state.status !== 'APPROVED' && state.status !== 'PAID') {
    throw DomainError.invalidTransition(state.status, 'dispute (only approved work can be)');
  }
  const deadline = disputeDeadline(state.approvedAt, windowDays);
  if (now.getTime() > deadline.getTime()) {
    throw DomainError.invalidTransition(
      state.status,
      `dispute after the ${windowDays}-day window (it closed ${deadline.toISOString()})`,
    );
  }
  return deadline;
}

/** The status an admin's decision gives an OPEN dispute; INVALID_TRANSITION once decided. */
export function resolveDisputeStatus(
  status: DisputeStatus,
  outcome: DisputeOutcome,
): DisputeStatus {
  if (status !== 'OPEN') throw DomainError.invalidTransition(status, 'resolve the dispute');
  return outcome === 'UPHOLD' ? 'UPHELD' : 'REVERSED';
}
