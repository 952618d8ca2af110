import { DomainError, ErrorCode } from '@splitwork/kernel';
import {
  assertMayDispute,
  disputeDeadline,
  MS_PER_DAY,
  resolveDisputeStatus,
} from '../dispute-policy';
import type { TaskState } from '../task-state';

const APPROVED_AT = new Date('2026-03-02T09:00:00Z');
const approved: TaskState = {
  status: 'APPROVED',
  assigneeId: 'ana',
  revision: 1,
  approvedAt: APPROVED_AT,
  approvedBy: 'REVIEWER',
};
const paid: TaskState = { ...approved, status: 'PAID', paidAt: APPROVED_AT };
const later = (days: number, ms = 0) => new Date(APPROVED_AT.getTime() + days * MS_PER_DAY + ms);

function codeOf(fn: () => unknown): ErrorCode | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : undefined;
  }
  return undefined;
}

describe('assertMayDispute', () => {
  it('lets the owner dispute approved and paid work until the window closes', () => {
    expect(assertMayDispute(approved, later(0), 14)).toEqual(disputeDeadline(APPROVED_AT, 14));
    expect(assertMayDispute(paid, later(14), 14)).toEqual(later(14));
  });

  it('refuses a dispute one millisecond after the window with INVALID_TRANSITION', () => {
    expect(codeOf(() => assertMayDispute(paid, later(14, 1), 14))).toBe(
      ErrorCode.INVALID_TRANSITION,
    );
    expect(codeOf(() => assertMayDispute(approved, later(2), 1))).toBe(
      ErrorCode.INVALID_TRANSITION,
    );
  });

  it('refuses to dispute work that was never approved', () => {
    const claimed: TaskState = {
      status: 'CLAIMED',
      assigneeId: 'ana',
      claimedAt: APPROVED_AT,
      claimDeadline: later(1),
      revision: 1,
    };
    expect(codeOf(() => assertMayDispute(claimed, later(0), 14))).toBe(
      ErrorCode.INVALID_TRANSITION,
    );
    expect(codeOf(() => assertMayDispute({ status: 'BLOCKED' }, later(0), 14))).toBe(
      ErrorCode.INVALID_TRANSITION,
    );
  });
});

describe('resolveDisputeStatus', () => {
  it('upholds or reverses an open dispute', () => {
    expect(resolveDisputeStatus('OPEN', 'UPHOLD')).toBe('UPHELD');
    expect(resolveDisputeStatus('OPEN', 'REVERSE')).toBe('REVERSED');
  });

  it('refuses to decide a dispute twice', () => {
    expect(codeOf(() => resolveDisputeStatus('UPHELD', 'REVERSE'))).toBe(
      ErrorCode.INVALID_TRANSITION,
    );
    expect(codeOf(() => resolveDisputeStatus('REVERSED', 'UPHOLD'))).toBe(
      ErrorCode.INVALID_TRANSITION,
    );
  });
});
