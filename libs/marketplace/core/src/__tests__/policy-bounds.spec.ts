import { ErrorCode } from '@splitwork/kernel';
import {
  AUTO_ASSIGN_POLICY_BOUNDS,
  DEFAULT_AUTO_ASSIGN_POLICY,
  resolveAutoAssignPolicy,
} from '../offer-policy';
import { CLAIM_POLICY_BOUNDS, DEFAULT_CLAIM_POLICY, resolveClaimPolicy } from '../claim-policy';
import { describeBound, withinBound } from '../policy-bounds';
import { DEFAULT_REVIEW_POLICY, REVIEW_POLICY_BOUNDS, resolveReviewPolicy } from '../scorecard';

describe('policy bounds', () => {
  it('keeps every default within its own bounds', () => {
    for (const [defaults, bounds] of [
      [DEFAULT_CLAIM_POLICY, CLAIM_POLICY_BOUNDS],
      [DEFAULT_REVIEW_POLICY, REVIEW_POLICY_BOUNDS],
      [DEFAULT_AUTO_ASSIGN_POLICY, AUTO_ASSIGN_POLICY_BOUNDS],
    ] as const) {
      for (const [field, bound] of Object.entries(bounds)) {
        expect([
          field,
          withinBound((defaults as unknown as Record<string, number>)[field], bound),
        ]).toEqual([field, true]);
      }
    }
  });

  it('refuses values outside the bound, fractions where whole numbers are asked, and non-numbers', () => {
    const bound = { min: 1, max: 50, integer: true };
    expect([1, 3, 50].map((v) => withinBound(v, bound))).toEqual([true, true, true]);
    expect([0, 51, 1.5, Number.NaN, Infinity].map((v) => withinBound(v, bound))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(withinBound(0, { min: 0, aboveMin: true, max: 24 })).toBe(false);
    expect(withinBound(0.5, { min: 0, aboveMin: true, max: 24 })).toBe(true);
  });

  it('states the rule in words', () => {
    expect(describeBound({ min: 1, max: 50, integer: true })).toBe('a whole number from 1 to 50');
    expect(describeBound({ min: 0, aboveMin: true, max: 24 })).toBe(
      'a number above 0 and at most 24',
    );
  });

  it('refuses an override past the upper limit naming the field and the rule', () => {
    expect(() => resolveClaimPolicy({ maxActiveClaims: 51 })).toThrow(
      expect.objectContaining({
        code: ErrorCode.BAD_USER_INPUT,
        message: 'Claim policy: maxActiveClaims must be a whole number from 1 to 50',
        details: { field: 'maxActiveClaims', value: 51 },
      }),
    );
    expect(() => resolveReviewPolicy({ maxRevisions: 21 })).toThrow(
      expect.objectContaining({ details: { field: 'maxRevisions', value: 21 } }),
    );
  });

  it('fills auto-assignment settings from the defaults and refuses a window out of bounds', () => {
    expect(resolveAutoAssignPolicy({ maxCandidates: 5 })).toEqual({
      offerWindowMinutes: DEFAULT_AUTO_ASSIGN_POLICY.offerWindowMinutes,
      maxCandidates: 5,
    });
    expect(() => resolveAutoAssignPolicy({ offerWindowMinutes: 4 })).toThrow(
      expect.objectContaining({
        code: ErrorCode.BAD_USER_INPUT,
        details: { field: 'offerWindowMinutes', value: 4 },
      }),
    );
  });

  it('ignores fields given as undefined', () => {
    expect(resolveClaimPolicy({ coolDownHours: undefined })).toEqual(DEFAULT_CLAIM_POLICY);
  });
});
