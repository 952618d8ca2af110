import { assignmentOutcome } from '../assignment-outcome';
import type { TaskState } from '../task-state';

const claimedAt = new Date('2026-01-01T00:00:00Z');
const deadline = new Date('2026-01-01T10:00:00Z');
const claimed = (revision: number): TaskState => ({
  status: 'CLAIMED',
  assigneeId: 'f1',
  claimedAt,
  claimDeadline: deadline,
  revision,
});
const submitted = (revision: number): TaskState => ({
  status: 'SUBMITTED',
  assigneeId: 'f1',
  claimedAt,
  revision,
  submittedAt: claimedAt,
  autoApproveAt: deadline,
});
const open: TaskState = { status: 'OPEN', lastRejection: null };
const approved: TaskState = {
  status: 'APPROVED',
  assigneeId: 'f1',
  revision: 2,
  approvedAt: deadline,
  approvedBy: 'REVIEWER',
};

describe('assignmentOutcome', () => {
  it('reads an approval with the revision reached as the submission count', () => {
    expect(assignmentOutcome(submitted(2), approved, deadline)).toEqual({
      kind: 'ENDED',
      result: 'APPROVED',
      freelancerId: 'f1',
      claimedAt,
      submissions: 2,
    });
  });

  it('reads SUBMITTED → OPEN as a rejection', () => {
    const rejected: TaskState = {
      status: 'OPEN',
      lastRejection: { freelancerId: 'f1', revision: 1, rejectedAt: deadline },
    };
    expect(assignmentOutcome(submitted(1), rejected, deadline)).toMatchObject({
      result: 'REJECTED',
      submissions: 1,
    });
  });

  it('reads CLAIMED → OPEN at or after the deadline as an expiry', () => {
    expect(assignmentOutcome(claimed(2), open, deadline)).toMatchObject({
      result: 'EXPIRED',
      submissions: 1,
    });
  });

  it('reads CLAIMED → OPEN before the deadline as a release', () => {
    expect(assignmentOutcome(claimed(1), open, new Date(deadline.getTime() - 1))).toMatchObject({
      result: 'RELEASED',
      submissions: 0,
    });
  });

  it('reads an appeal approval as overturning the rejection', () => {
    const appealed: TaskState = { ...approved, approvedBy: 'APPEAL' };
    expect(assignmentOutcome(open, appealed, deadline)).toEqual({
      kind: 'OVERTURNED',
      freelancerId: 'f1',
    });
  });

  it('ignores transitions that end no assignment', () => {
    expect(assignmentOutcome(open, claimed(1), claimedAt)).toEqual({ kind: 'NONE' });
    expect(assignmentOutcome(submitted(1), claimed(2), claimedAt)).toEqual({ kind: 'NONE' });
  });
});
