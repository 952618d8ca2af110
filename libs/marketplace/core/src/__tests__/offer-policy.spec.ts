import { ErrorCode } from '@splitwork/kernel';
import { DEFAULT_OFFER_POLICY, offerExpiresAt } from '../offer-policy';

const at = new Date('2026-01-01T00:00:00Z');

describe('offerExpiresAt', () => {
  it('gives the default window when none is asked for', () => {
    expect(offerExpiresAt(at, undefined)).toEqual(new Date('2026-01-02T00:00:00Z'));
    expect(offerExpiresAt(at, null).getTime() - at.getTime()).toBe(
      DEFAULT_OFFER_POLICY.defaultHours * 3_600_000,
    );
  });

  it('accepts the bounds themselves', () => {
    expect(offerExpiresAt(at, 1)).toEqual(new Date('2026-01-01T01:00:00Z'));
    expect(offerExpiresAt(at, 168)).toEqual(new Date('2026-01-08T00:00:00Z'));
  });

  it.each([0, 0.5, 169, -3, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses a window of %p hours with BAD_USER_INPUT',
    (hours) => {
      expect(() => offerExpiresAt(at, hours)).toThrow(
        expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
      );
    },
  );

  it('refuses an invalid offer time', () => {
    expect(() => offerExpiresAt(new Date('nope'), 2)).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
    );
  });
});
