import { DomainError, ErrorCode } from '@splitwork/kernel';
import { assertStrongPassword } from '../password-policy';

function codeOf(fn: () => void): ErrorCode | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof DomainError ? e.code : undefined;
  }
}

describe('assertStrongPassword', () => {
  it.each([
    ['short1!', 'too short'],
    ['aaaaaaaaaaaa', 'too repetitive'],
    ['Password123', 'common'],
    ['xjohnsmithx99', 'contains the email'],
    ['x'.repeat(60) + 'abcdefghij'.repeat(7), 'too long'],
  ])('refuses %s (%s)', (password) => {
    expect(codeOf(() => assertStrongPassword(password, 'johnsmith@example.com'))).toBe(
      ErrorCode.BAD_USER_INPUT,
    );
  });

  it('accepts a long varied passphrase', () => {
    expect(
      codeOf(() => assertStrongPassword('correct horse battery staple', 'a@b.co')),
    ).toBeUndefined();
  });
});
