import { randomUUID } from 'node:crypto';

/** A fresh email per call, so tests never collide on the shared database. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}@test.splitwork.dev`;
}

export const TEST_PASSWORD = 'a long test passphrase 42';
