import type { Redis } from 'ioredis';
import { DomainError, ErrorCode } from '@splitwork/kernel';

/** How failures of one key (say an email from one address) slow its next attempts. */
export interface BackoffPolicy {
  /** Failures allowed before the first lock. */
  freeFailures: number;
  /** Length of the first lock; each further failure doubles it. */
  baseMs: number;
  /** The lock never grows past this. */
  maxMs: number;
  /** The failure count is forgotten this long after the last failure. */
  forgetAfterMs: number;
}

/** Lock after the n-th consecutive failure: none before `freeFailures`, then doubling up to the cap. */
export function backoffDelayMs(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 40);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** doublings);
}

export interface BackoffState {
  failures: number;
  /** Epoch milliseconds until which the key is refused. */
  lockedUntil: number;
}

function rateLimited(retryAfterMs: number, message: string): DomainError {
  return new DomainError(ErrorCode.RATE_LIMITED, message, {
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
  });
}

/**
 * Counts hits per key in fixed windows, and consecutive failures per key with
 * an exponential lock; shared by all replicas when Redis backs it.
 */
export abstract class RateLimiter {
  constructor(protected readonly now: () => number = Date.now) {}

  /** Counts one hit and returns how many the key has in the current window. */
  protected abstract hit(key: string, windowMs: number): Promise<number>;
  /** How many hits the key has in the current window, without counting one. */
  protected abstract peek(key: string, windowMs: number): Promise<number>;
  protected abstract readBackoff(key: string): Promise<BackoffState | undefined>;
  /** Adds one failure and stores the lock computed from the new count. */
  protected abstract addFailure(key: string, policy: BackoffPolicy): Promise<BackoffState>;
  protected abstract forget(key: string): Promise<void>;

  /** Refuses with RATE_LIMITED once `key` has used up `limit` hits in the window. */
  async consume(key: string, limit: number, windowMs = 60_000): Promise<void> {
    const count = await this.hit(key, windowMs);
    if (count > limit) throw rateLimited(windowMs, 'Too many attempts, try again later');
  }

  /** Counts one hit (a failure, say) without refusing anything. */
  async record(key: string, windowMs: number): Promise<void> {
    await this.hit(key, windowMs);
  }

  /** Refuses with RATE_LIMITED when `key` already has `limit` hits in the window. */
  async assertUnder(key: string, limit: number, windowMs: number): Promise<void> {
    if ((await this.peek(key, windowMs)) >= limit) {
      throw rateLimited(windowMs, 'Too many attempts, try again later');
    }
  }

  /** Refuses with RATE_LIMITED (and the seconds left) while `key` is locked by its failures. */
  async assertNotLocked(key: string): Promise<void> {
    const state = await this.readBackoff(key);
    const left = state ? state.lockedUntil - this.now() : 0;
    if (left > 0) throw rateLimited(left, 'Too many failed attempts, try again later');
  }

  /** Counts a failure of `key`; enough of them lock it for a growing time. */
  recordFailure(key: string, policy: BackoffPolicy): Promise<BackoffState> {
    return this.addFailure(key, policy);
  }

  /** A success: the key starts again from zero failures. */
  resetFailures(key: string): Promise<void> {
    return this.forget(key);
  }
}

export class InMemoryRateLimiter extends RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly backoffs = new Map<string, BackoffState & { expiresAt: number }>();

  protected async hit(key: string, windowMs: number): Promise<number> {
    const now = this.now();
    const current = this.windows.get(key);
    if (!current || now - current.start >= windowMs) {
      if (this.windows.size > 100_000) this.evict(now, windowMs);
      this.windows.set(key, { start: now, count: 1 });
      return 1;
    }
    current.count += 1;
    return current.count;
  }

  protected async peek(key: string, windowMs: number): Promise<number> {
    const current = this.windows.get(key);
    return current && this.now() - current.start < windowMs ? current.count : 0;
  }

  protected async readBackoff(key: string): Promise<BackoffState | undefined> {
    const state = this.backoffs.get(key);
    if (state && state.expiresAt <= this.now()) {
      this.backoffs.delete(key);
      return undefined;
    }
    return state;
  }

  protected async addFailure(key: string, policy: BackoffPolicy): Promise<BackoffState> {
    const now = this.now();
    const failures = ((await this.readBackoff(key))?.failures ?? 0) + 1;
    if (this.backoffs.size > 100_000) {
      for (const [k, s] of this.backoffs) if (s.expiresAt <= now) this.backoffs.delete(k);
    }
    const state = {
      failures,
      lockedUntil: now + backoffDelayMs(failures, policy),
      expiresAt: now + policy.forgetAfterMs,
    };
    this.backoffs.set(key, state);
    return state;
  }

  protected async forget(key: string): Promise<void> {
    this.backoffs.delete(key);
  }

  private evict(now: number, windowMs: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= windowMs) this.windows.delete(key);
    }
  }
}

export class RedisRateLimiter extends RateLimiter {
  constructor(
    private readonly redis: Redis,
    now?: () => number,
  ) {
    super(now);
  }

  private bucket(key: string, windowMs: number): string {
    return `ratelimit:${key}:${Math.floor(this.now() / windowMs)}`;
  }

  protected async hit(key: string, windowMs: number): Promise<number> {
    const bucket = this.bucket(key, windowMs);
    const [[, count]] = (await this.redis
      .multi()
      .incr(bucket)
      .pexpire(bucket, windowMs)
      .exec()) as [[Error | null, number], [Error | null, number]];
    return count;
  }

  protected async peek(key: string, windowMs: number): Promise<number> {
    return Number((await this.redis.get(this.bucket(key, windowMs))) ?? 0);
  }

  protected async readBackoff(key: string): Promise<BackoffState | undefined> {
    const state = await this.redis.hgetall(`backoff:${key}`);
    if (state.failures === undefined) return undefined;
    return { failures: Number(state.failures), lockedUntil: Number(state.lockedUntil ?? 0) };
  }

  protected async addFailure(key: string, policy: BackoffPolicy): Promise<BackoffState> {
    const redisKey = `backoff:${key}`;
    const [[, failures]] = (await this.redis
      .multi()
      .hincrby(redisKey, 'failures', 1)
      .pexpire(redisKey, policy.forgetAfterMs)
      .exec()) as [[Error | null, number], [Error | null, number]];
    const lockedUntil = this.now() + backoffDelayMs(failures, policy);
    // Concurrent failures each store the lock of their own count; the longest wins.
    await this.redis.eval(
      `local cur = tonumber(redis.call('HGET', KEYS[1], 'lockedUntil') or '0')
       if tonumber(ARGV[1]) > cur then redis.call('HSET', KEYS[1], 'lockedUntil', ARGV[1]) end
       return 1`,
      1,
      redisKey,
      String(lockedUntil),
    );
    return { failures, lockedUntil };
  }

  protected async forget(key: string): Promise<void> {
    await this.redis.del(`backoff:${key}`);
  }
}
