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
 * Hashes computed at once by default. Each argon2 call holds `memoryCost`
 * (64 MiB) of native memory while it runs, on one of libuv's 4 threads: a
 * burst of log-ins would otherwise hold 256 MiB and take every thread the
 * file system and DNS also need. Two at a time already keep 2 cores busy.
 */
export const DEFAULT_PASSWORD_HASH_CONCURRENCY = 2;

/**
 * The one place passwords are hashed and verified. Production runs the
 * parameters above; the test harness provides a cheap instance instead
 * (`PasswordHasher.cheapForTests`), so suites that sign many users up stay
 * fast. A hash records its own parameters, so verification works across both.
 * At most `maxConcurrent` hashes run at once; the others wait their turn.
 */
@Injectable()
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly params: Readonly<PasswordHashParams> = PRODUCTION_PASSWORD_HASH_PARAMS,
    readonly maxConcurrent: number = DEFAULT_PASSWORD_HASH_CONCURRENCY,
  ) {}

  /** 1 MiB, 1 pass: for tests only, never wired in by a module. */
  static cheapForTests(): PasswordHasher {
    return new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
  }

  hash(password: string): Promise<string> {
    return this.inTurn(() => argon2.hash(password, { type: argon2.argon2id, ...this.params }));
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.inTurn(() => argon2.verify(hash, password));
  }

  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxConcurrent) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // The turn passes straight to the next waiter (`running` unchanged), or ends.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
