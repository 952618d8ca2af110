import { DomainError } from '@splitwork/kernel';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set([
  'password123',
  'password1234',
  '1234567890',
  '12345678910',
  'qwertyuiop',
  'iloveyou123',
  'letmein123',
  'welcome123',
  'administrator',
  'changeme123',
  'passw0rd123',
  'football123',
  'baseball123',
  'qwerty12345',
  'abc1234567',
  'monkey12345',
  'dragon12345',
  'sunshine123',
  'princess123',
  'trustno1234',
]);

/** Refuses passwords that are short, common, repetitive or built from the email. */
export function assertStrongPassword(password: string, email: string): void {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH)
    problems.push(`at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH)
    problems.push(`at most ${PASSWORD_MAX_LENGTH} characters`);
  if (new Set(password).size < 5) problems.push('at least 5 different characters');
  if (COMMON.has(password.toLowerCase())) problems.push('not a commonly used password');
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && password.toLowerCase().includes(local))
    problems.push('not containing your email');
  if (problems.length > 0) {
    throw DomainError.badInput(`Password too weak: needs ${problems.join(', ')}`, {
      field: 'password',
    });
  }
}
