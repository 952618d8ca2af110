import { DomainError, ErrorCode } from '@splitwork/kernel';
import {
  ApplicationSnapshot,
  assertMayApply,
  checkedDecision,
  decidedStatus,
  reapplyFrom,
  REVIEWER_REAPPLY_AFTER_DAYS,
} from '../reviewer-vetting';

const now = new Date('2026-03-02T09:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

function failure(fn: () => unknown): DomainError | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
}

const pending: ApplicationSnapshot = { userId: 'ana', status: 'PENDING', decidedAt: null };

describe('assertMayApply', () => {
  it('lets someone who never applied apply', () => {
    expect(failure(() => assertMayApply(null, false, now))).toBeUndefined();
  });

  it('refuses a second application while one waits, and a reviewer', () => {
    expect(failure(() => assertMayApply(pending, false, now))?.code).toBe(ErrorCode.CONFLICT);
    expect(failure(() => assertMayApply(null, true, now))?.code).toBe(ErrorCode.CONFLICT);
  });

  it('makes a refused applicant wait the cool-down, then lets them apply again', () => {
    const refused = (decidedAt: Date): ApplicationSnapshot => ({
      userId: 'ana',
      status: 'REFUSED',
      decidedAt,
    });
    const early = failure(() =>
      assertMayApply(refused(daysAgo(REVIEWER_REAPPLY_AFTER_DAYS - 1)), false, now),
    );
    expect(early?.code).toBe(ErrorCode.CONFLICT);
    expect(early?.details).toEqual({
      reapplyFrom: reapplyFrom(daysAgo(REVIEWER_REAPPLY_AFTER_DAYS - 1)).toISOString(),
    });
    expect(
      failure(() => assertMayApply(refused(daysAgo(REVIEWER_REAPPLY_AFTER_DAYS)), false, now)),
    ).toBeUndefined();
  });
});

describe('checkedDecision', () => {
  it('approves with or without a note, and refuses only with a reason', () => {
    expect(checkedDecision(pending, 'ada', 'APPROVE', undefined)).toBeNull();
    expect(checkedDecision(pending, 'ada', 'APPROVE', '  Portfolio checked ')).toBe(
      'Portfolio checked',
    );
    expect(checkedDecision(pending, 'ada', 'REFUSE', 'No review history')).toBe(
      'No review history',
    );
    const bare = failure(() => checkedDecision(pending, 'ada', 'REFUSE', '   '));
    expect(bare?.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(bare?.details).toEqual({ field: 'reason' });
  });

  it('refuses the applicant deciding their own application', () => {
    expect(failure(() => checkedDecision(pending, 'ana', 'APPROVE', null))?.code).toBe(
      ErrorCode.FORBIDDEN,
    );
  });

  it('refuses to decide an application twice', () => {
    const approved: ApplicationSnapshot = { ...pending, status: 'APPROVED', decidedAt: now };
    expect(failure(() => checkedDecision(approved, 'ada', 'REFUSE', 'Changed my mind'))?.code).toBe(
      ErrorCode.INVALID_TRANSITION,
    );
  });

  it('refuses an over-long reason', () => {
    expect(failure(() => checkedDecision(pending, 'ada', 'REFUSE', 'x'.repeat(2001)))?.code).toBe(
      ErrorCode.BAD_USER_INPUT,
    );
  });

  it('maps a decision to the status it leaves', () => {
    expect(decidedStatus('APPROVE')).toBe('APPROVED');
    expect(decidedStatus('REFUSE')).toBe('REFUSED');
  });
});
