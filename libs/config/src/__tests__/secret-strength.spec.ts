import { randomBytes } from 'node:crypto';
import { estimatedSecretBits, MIN_SECRET_BITS, secretWeakness } from '../secret-strength';

describe('secretWeakness', () => {
  it.each([
    ['openssl rand -base64 48', randomBytes(48).toString('base64')],
    ['openssl rand -hex 32', randomBytes(32).toString('hex')],
    ['32 random base64url characters', randomBytes(24).toString('base64url')],
  ])('accepts a random secret (%s)', (_source, value) => {
    expect(secretWeakness(value)).toBeUndefined();
  });

  it.each([
    ['the compose placeholder', 'CHANGE-ME-placeholder-jwt-secret-do-not-use-in-production'],
    ['the test secret', 'test-secret-that-is-at-least-32-characters-long'],
    ['a "change me" note', 'please_Change_Me_before_going_live_9x7Q2w'],
    ['a password word', 'Password1Password2Password3Password4'],
    ['one repeated character', 'x'.repeat(64)],
    ['a repeated short unit', 'a1B2'.repeat(12)],
    ['a run of consecutive characters', 'abcdefghijklmnopqrstuvwxyz0123456789'],
    ['too short', randomBytes(12).toString('base64')],
    ['a low-entropy mix of few characters', 'abba-baab-abab-baba-aabb-bbaa-abba-b'],
  ])('refuses %s', (_what, value) => {
    expect(secretWeakness(value)).toEqual(expect.any(String));
  });

  it('never repeats the value in the reason', () => {
    for (const value of ['k9'.repeat(20), 'my-secret-value-that-is-long-enough-0000', 'short']) {
      expect(secretWeakness(value)).not.toContain(value);
    }
  });

  it('scores a random secret well above the bar and a repeated phrase below it', () => {
    expect(estimatedSecretBits(randomBytes(32).toString('base64'))).toBeGreaterThan(
      MIN_SECRET_BITS,
    );
    expect(estimatedSecretBits('abcabcabcabcabcabcabcabcabcabcabcabc')).toBeLessThan(
      MIN_SECRET_BITS,
    );
  });
});
