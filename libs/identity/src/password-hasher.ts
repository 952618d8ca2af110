import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

export type PasswordHashParams = Pick<
  argon2.HashOptions,
  'memoryCost' | 'timeCost' | 'parallelism'
>;

/** argon2id at 64 MiB, 3 passes, 4 lanes: above OWASP's minimum (19 MiB, 2 passes). */
export const PRODUCTION_PASSWORD_HASH_PARAMS: Readonly<Required<PasswordHashParams>> = {
  memoryCost: 65536,
  timeCost: 3,
  parallelism: 4,
};

/**
 * The one place passwords are hashed and verified. Production runs the
 * parameters above; the test harness provides a cheap instance instead
 * (`PasswordHasher.cheapForTests`), so suites that sign many users up stay
 * fast. A hash records its own parameters, so verification works across both.
 */
@Injectable()
export class PasswordHasher {
  constructor(readonly params: Readonly<PasswordHashParams> = PRODUCTION_PASSWORD_HASH_PARAMS) {}

  /** 1 MiB, 1 pass: for tests only, never wired in by a module. */
  static cheapForTests(): PasswordHasher {
    return new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, ...this.params });
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password);
  }
}
